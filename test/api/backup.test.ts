import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import {
  BackupRefused,
  backupDatabase,
  backupMagic,
  type BackupHeader,
  type BackupResult,
  codeMigrationNames,
  readBackupHeader,
  restoreDatabase,
} from '../../server/db/backup';
import { summaryDriftSql } from '../../server/modules/report/implementation.service';
import { demoAccounts } from '../../server/seed/demo-data';
import { seedDemo } from '../../server/seed/seed-demo';
import { projectFields } from '../factories';
import { signIn } from '../helpers/sign-in';
import { createTestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const run = promisify(execFile);

type Database = { url: string; name: string; drop(): Promise<void> };

/** A database with nothing in it, not even the migrations (the template gives a migrated one). */
const createEmptyDatabase = async (owner?: { role: string; password: string }): Promise<Database> => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `lao_empty_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner.role}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (owner) {
    url.username = owner.role;
    url.password = owner.password;
  }
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};

const withClient = async <T>(url: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Every public table's row count and the md5 of its rows in text order, and every sequence's state. */
const snapshot = (url: string) =>
  withClient(url, async (client) => {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
      )
    ).rows.map((row) => row.name);
    const result: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
           FROM public."${table}" t`,
      );
      result[table] = `${rows[0].n} ${rows[0].digest}`;
    }
    const sequences = (
      await client.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' ORDER BY 1`,
      )
    ).rows;
    for (const { name } of sequences) {
      const { rows } = await client.query(`SELECT last_value::text, is_called FROM public."${name}"`);
      result[`sequence ${name}`] = `${rows[0].last_value} ${rows[0].is_called}`;
    }
    return result;
  });

const rowsIn = (url: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM public.%I', relname), false, true, '')))[1]::text::int)::int AS n
         FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'typeorm_migrations'`,
    );
    return rows[0].n ?? 0;
  });

/** Rewrites a backup's header (to fake another schema version). */
const rewriteHeader = async (from: string, to: string, change: (header: BackupHeader) => void) => {
  const raw = gunzipSync(await readFile(from));
  const at = backupMagic.length;
  const length = raw.readUInt32BE(at + 1);
  const header = JSON.parse(raw.subarray(at + 5, at + 5 + length).toString('utf8')) as BackupHeader;
  change(header);
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(5);
  head.write('H', 0, 'latin1');
  head.writeUInt32BE(json.length, 1);
  await writeFile(to, gzipSync(Buffer.concat([backupMagic, head, json, raw.subarray(at + 5 + length)])));
};

describe('db:backup and db:restore', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let source: TestServer;
  let dir: string;
  let file: string;
  let backup: BackupResult;
  let expected: Record<string, string>;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    source = await startTestServer({ now: () => clock.now });
    await seedDemo(source.dataSource, source.config);
    // Activity through the API: sign-ins (sessions, audit events), a project, a progress report.
    const lao = await signIn(source, demoAccounts.lao.username, demoAccounts.lao.password);
    await signIn(source, demoAccounts.naccCentral.username, demoAccounts.naccCentral.password);
    const created = await lao(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
      {
        input: projectFields({ name: 'โครงการทดสอบการสำรองข้อมูล', fiscalYears: [2567] }),
      },
    );
    expect(created.errors).toBeUndefined();
    const [approved] = await source.dataSource.query(
      `SELECT id FROM project WHERE review_status = 'APPROVED' AND uses_budget AND fiscal_years @> '{2566}' ORDER BY id LIMIT 1`,
    );
    const report = await lao(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`, {
      input: {
        projectId: String(approved.id),
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '16000',
        disbursed: '8000',
        status: 'IN_PROGRESS',
        idempotencyKey: randomUUID(),
      },
    });
    expect(report.errors).toBeUndefined();

    dir = await mkdtemp(path.join(os.tmpdir(), 'lao-backup-'));
    file = path.join(dir, 'lao.backup');
    backup = await backupDatabase(source.databaseUrl, file);
    expected = await snapshot(source.databaseUrl);
  });
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error(error));
    await source?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const fresh = async (kind: 'empty' | 'migrated' = 'empty'): Promise<Database> => {
    const database = kind === 'empty' ? await createEmptyDatabase() : await createTestDatabase();
    cleanup.push(database.drop);
    return database;
  };

  it('writes every table, the migration log included, with the schema version and sequences', async () => {
    const header = await readBackupHeader(file);
    expect(header.migrations).toEqual(codeMigrationNames());
    const tables = header.tables.map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['typeorm_migrations', 'audit_event', 'lao_round_summary']),
    );
    expect(tables.sort()).toEqual(Object.keys(expected).filter((k) => !k.startsWith('sequence ')));
    // Referenced tables load before the tables that reference them.
    expect(header.tables.findIndex((t) => t.name === 'province')).toBeLessThan(
      header.tables.findIndex((t) => t.name === 'lao'),
    );
    expect(header.sequences.map((s) => s.name)).toContain('lao_id_seq');
    const rows = Object.fromEntries(backup.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({
      province: 4,
      // The demo (ดินทอง's 12 projects of 2566–2567 and the current year's 41 of eight LAOs,
      // 17 of them reported) and the one project and report the test adds.
      project: 54,
      report: 18,
      typeorm_migrations: header.migrations.length,
    });
    expect(rows.audit_event).toBeGreaterThanOrEqual(4);
  });

  it('restores into an empty database row for row; sequences continue; the server signs in', async () => {
    const target = await fresh('empty');
    const result = await restoreDatabase(target.url, file);
    expect(result.migrationsApplied).toEqual(codeMigrationNames());
    expect(result.triggerMode).toBe('replica');
    expect(result.tables).toEqual(backup.tables);
    expect(await snapshot(target.url)).toEqual(expected);

    const restored = await startTestServer({ now: () => clock.now }, { databaseUrl: target.url });
    try {
      expect(await restored.dataSource.query(summaryDriftSql)).toEqual([]);
      // Triggers are all back on.
      expect(await restored.dataSource.query(`SELECT tgname FROM pg_trigger WHERE tgenabled = 'D'`)).toEqual(
        [],
      );
      const lao = await signIn(restored, demoAccounts.lao.username, demoAccounts.lao.password);
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
        {
          input: projectFields({ name: 'โครงการหลังกู้คืน', fiscalYears: [2567] }),
        },
      );
      expect(created.errors).toBeUndefined();
      const projectSequence = backup.header.sequences.find((s) => s.name === 'project_id_seq')!;
      expect(Number(created.data!.createProject.id)).toBe(Number(projectSequence.lastValue) + 1);
      const [{ id }] = await restored.dataSource.query(
        `INSERT INTO lao (code, name_th, type, district_id, province_id, version)
         SELECT '9999999', 'องค์การบริหารส่วนตำบลทดสอบ', type, district_id, province_id, 1 FROM lao LIMIT 1 RETURNING id`,
      );
      expect(id).toBe(Number(backup.header.sequences.find((s) => s.name === 'lao_id_seq')!.lastValue) + 1);
      // The summary trigger counted the new project of 2567 as eligible.
      expect(await restored.dataSource.query(summaryDriftSql)).toEqual([]);
    } finally {
      await restored.stop();
    }
  });

  it('refuses a database that holds data and changes nothing; --force replaces it, audit log included', async () => {
    const target = await fresh('migrated');
    await restoreDatabase(target.url, file);
    // Make it differ: an edit, a deletion (leaves a tombstone) and an audit event.
    await withClient(target.url, async (client) => {
      await client.query(`UPDATE province SET name_en = 'Changed'`);
      await client.query(`DELETE FROM report`);
      await client.query(
        `INSERT INTO audit_event (operation, outcome, client_address, arguments) VALUES ('test', 'OK', '127.0.0.1', '{}')`,
      );
      // A mail still queued for the data about to be replaced (the queue's schema is not in backups).
      await client.query(`SELECT pgboss.create_queue('mail', '{"policy": "standard"}')`);
      await client.query(`INSERT INTO pgboss.job (name, data) VALUES ('mail', '{"key": "test:old"}')`);
    });
    const before = await snapshot(target.url);
    expect(before).not.toEqual(expected);

    const refusal = restoreDatabase(target.url, file);
    await expect(refusal).rejects.toBeInstanceOf(BackupRefused);
    await expect(refusal).rejects.toThrow(/already holds data .*--force/);
    expect(await snapshot(target.url)).toEqual(before);

    const result = await restoreDatabase(target.url, file, { force: true });
    expect(result.replaced).toBe(true);
    expect(await snapshot(target.url)).toEqual(expected);
    // Its jobs went with the replaced data; the queue itself stays.
    const queue = await withClient(target.url, (c) =>
      c.query(
        `SELECT (SELECT count(*)::int FROM pgboss.job) AS jobs, (SELECT count(*)::int FROM pgboss.queue) AS queues`,
      ),
    );
    expect(queue.rows[0]).toEqual({ jobs: 0, queues: 1 });
  });

  it('loads without superuser rights too (the owner switches its triggers off), foreign keys checked', async () => {
    const role = {
      role: `lao_owner_${randomBytes(4).toString('hex')}`,
      password: randomBytes(12).toString('hex'),
    };
    await withClient(process.env.TEST_PG_ADMIN_URL!, (client) =>
      client.query(`CREATE ROLE ${role.role} LOGIN PASSWORD '${role.password}'`),
    );
    cleanup.push(async () => {
      await withClient(process.env.TEST_PG_ADMIN_URL!, (c) => c.query(`DROP ROLE ${role.role}`));
    });
    const target = await createEmptyDatabase(role);
    cleanup.push(target.drop);
    const result = await restoreDatabase(target.url, file);
    expect(result.triggerMode).toBe('disabled-triggers');
    expect(await snapshot(target.url)).toEqual(expected);
    const disabled = await withClient(target.url, (c) =>
      c.query(`SELECT tgname FROM pg_trigger WHERE tgenabled = 'D'`),
    );
    expect(disabled.rows).toEqual([]);
    // And again over its own data, where audit_event's TRUNCATE guard has to be off.
    await restoreDatabase(target.url, file, { force: true });
    expect(await snapshot(target.url)).toEqual(expected);
  });

  it('refuses a backup of another schema version before touching the database', async () => {
    const older = path.join(dir, 'older.backup');
    await rewriteHeader(file, older, (header) => header.migrations.pop());
    const target = await fresh('empty');
    await expect(restoreDatabase(target.url, older)).rejects.toThrow(
      /another schema version \(\d+ migrations, last \w+\) than this code/,
    );
    const tables = await withClient(target.url, (c) =>
      c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace`),
    );
    expect(tables.rows[0].n).toBe(0);
  });

  it('rolls everything back when the file is damaged, and rejects what is not a backup', async () => {
    const whole = await readFile(file);
    const cut = path.join(dir, 'cut.backup');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const target = await fresh('migrated');
    const loaded: string[] = [];
    await expect(restoreDatabase(target.url, cut, { log: (m) => loaded.push(m) })).rejects.toThrow(
      /ends early|unexpected end of file/,
    );
    expect(loaded.length).toBeGreaterThan(0); // some tables were loaded, then rolled back
    expect(await rowsIn(target.url)).toBe(0);

    const other = path.join(dir, 'other.backup');
    for (const content of [gzipSync('hello'), Buffer.from('PGDMP, say')]) {
      await writeFile(other, content);
      await expect(restoreDatabase(target.url, other)).rejects.toThrow(/not a backup made by db:backup/);
    }
  });

  it('works as npm run db:backup / db:restore against DATABASE_URL (exit code 2 on refusal)', async () => {
    const cliFile = path.join(dir, 'cli.backup');
    const env = { ...process.env, DATABASE_URL: source.databaseUrl };
    const options = { cwd: path.resolve(__dirname, '../..'), env, timeout: 60_000 };
    const written = await run('npm', ['run', '--silent', 'db:backup', '--', cliFile], options);
    expect(written.stdout).toMatch(/lao_round_summary +\d+ rows/);
    expect(written.stdout).toMatch(/Wrote .*cli\.backup: \d+ tables, [\d,]+ rows/);

    const target = await fresh('empty');
    const restore = (...args: string[]) =>
      run('npm', ['run', '--silent', 'db:restore', '--', cliFile, ...args], {
        ...options,
        env: { ...env, DATABASE_URL: target.url },
      });
    expect((await restore()).stdout).toMatch(/Loaded the backup of .* sequences set/);
    expect(await snapshot(target.url)).toEqual(await snapshot(source.databaseUrl));
    await expect(restore()).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/already holds data/),
    });
  }, 180_000);
});
