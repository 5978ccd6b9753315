import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, pipeline as pipelineCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrations } from '../migrations';
import { databaseWaitsFrom } from '../config';
import { runMigrations } from './bounded-waits';
import { createDataSource, embeddedDefaults, embeddedUrl } from './data-source';
import { localDatabase, localDataDir } from './local-database';

/**
 * Backup and restore of the whole database without pg_dump (`npm run db:backup`,
 * `npm run db:restore`): every table of the `public` schema, `typeorm_migrations`
 * included, read in one REPEATABLE READ snapshot and written with binary COPY. The job queue's
 * schema (`pgboss`: pending mails, failed jobs) is not part of a backup: a restore empties its job
 * table (those jobs were for the data it replaces) and keeps its queues, schedule and version.
 *
 * File format (version 1), all of it gzip-compressed:
 *
 *   "LAO-MONITOR-BACKUP\n"                       magic
 *   frame*                                       1 byte kind, 4 bytes big-endian length, payload
 *     H  JSON BackupHeader                       first frame: format, version, migrations, tables
 *                                                (columns and types, in load order), sequences
 *     T  JSON { table }                          a table's data begins
 *     D  bytes                                   COPY … TO STDOUT (FORMAT binary) output, in chunks
 *     E  JSON { table, rows, bytes }             a table's data ends: the rows COPY reported
 *     Z  JSON { tables, rows }                   end of the backup (nothing may follow)
 *
 * A restore needs the same schema version (the same migration list) as the code doing it;
 * it runs the migrations on the target first, then loads every table in one transaction
 * with triggers (and foreign-key checks) off, and sets every sequence to its backed-up value.
 */

export const backupFormat = 'lao-monitor-backup';
export const backupFormatVersion = 1;
export const backupMagic = Buffer.from('LAO-MONITOR-BACKUP\n', 'latin1');

export type BackupColumn = { name: string; type: string };
export type BackupTable = { name: string; columns: BackupColumn[] };
export type BackupSequence = { name: string; lastValue: string; isCalled: boolean };
export type BackupHeader = {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  server: string;
  encoding: string;
  database: string;
  /** typeorm_migrations names in the order applied: the schema version. */
  migrations: string[];
  /** In load order (referenced tables before the tables referencing them). */
  tables: BackupTable[];
  sequences: BackupSequence[];
};
export type TableStats = { table: string; rows: number; bytes: number };
export type BackupResult = {
  file: string;
  header: BackupHeader;
  tables: TableStats[];
  fileBytes: number;
  ms: number;
};
export type RestoreResult = {
  header: BackupHeader;
  tables: TableStats[];
  migrationsApplied: string[];
  replaced: boolean;
  triggerMode: 'replica' | 'disabled-triggers';
  ms: number;
};

/** A refusal with a message meant for the person running the command (exit code 2). */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** Names of the code's migrations, as TypeORM records them in typeorm_migrations. */
export const codeMigrationNames = (): string[] =>
  migrations.map((Migration) => new Migration().name ?? Migration.name);

/** Long COPYs and pauses between them must not hit a role's or server's timeouts (as pg_dump does). */
const noTimeouts = `SELECT set_config(name, '0', true) FROM pg_settings
   WHERE name IN ('statement_timeout', 'idle_in_transaction_session_timeout', 'transaction_timeout', 'lock_timeout')`;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string): string => `public.${ident(name)}`;

type Schema = { tables: BackupTable[]; sequences: string[] };

/** Tables of `public` (columns COPY can write: no generated ones) in dependency order, and sequences. */
const readSchema = async (client: Client): Promise<Schema> => {
  const columns = await client.query<{ table: string; column: string; type: string }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type"
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const byName = new Map<string, BackupColumn[]>();
  for (const row of columns.rows) {
    if (!byName.has(row.table)) byName.set(row.table, []);
    byName.get(row.table)!.push({ name: row.column, type: row.type });
  }
  const references = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
      WHERE k.contype = 'f' AND child.relnamespace = 'public'::regnamespace
        AND parent.relnamespace = 'public'::regnamespace AND child.oid <> parent.oid`,
  );
  // Kahn's algorithm, alphabetical among equals; a cycle (none today) keeps alphabetical order.
  const pending = new Map([...byName.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) pending.get(child)?.add(parent);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, parents]) => parents.size === 0).map(([name]) => name);
    const next = ready.length > 0 ? ready.sort() : [[...pending.keys()].sort()[0]];
    for (const name of next) {
      pending.delete(name);
      order.push(name);
      for (const parents of pending.values()) parents.delete(name);
    }
  }
  const sequences = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' ORDER BY 1`,
  );
  return {
    tables: order.map((name) => ({ name, columns: byName.get(name)! })),
    sequences: sequences.rows.map((row) => row.name),
  };
};

const frame = (kind: string, payload: Buffer): Buffer[] => {
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return [head, payload];
};
const jsonFrame = (kind: string, value: unknown): Buffer[] => frame(kind, Buffer.from(JSON.stringify(value)));

/** Reads frames back from the decompressed stream. */
class FrameReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(n: number): Promise<boolean> {
    while (this.size < n) {
      const next = await this.iterator.next();
      if (next.done) return false;
      this.chunks.push(next.value);
      this.size += next.value.length;
    }
    return true;
  }

  async bytes(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new BackupRefused('The backup file ends early: it is incomplete.');
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return all.subarray(0, n);
  }

  async frame(): Promise<{ kind: string; payload: Buffer }> {
    const head = await this.bytes(5);
    return { kind: head.toString('latin1', 0, 1), payload: await this.bytes(head.readUInt32BE(1)) };
  }

  async json<T>(kind: string): Promise<T> {
    const next = await this.frame();
    if (next.kind !== kind)
      throw new BackupRefused(`Damaged backup: expected a ${kind} frame, found ${next.kind}.`);
    try {
      return JSON.parse(next.payload.toString('utf8')) as T;
    } catch {
      throw new BackupRefused(`Damaged backup: unreadable ${kind} frame.`);
    }
  }

  /** True when nothing follows (the gzip checksum is verified on the way). */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** Opens a backup file: checks the magic and returns its header and a reader positioned after it. */
const openBackup = async (file: string): Promise<{ header: BackupHeader; reader: FrameReader }> => {
  if (!existsSync(file)) throw new BackupRefused(`No backup file at ${file}.`);
  const stream = pipelineCallback(createReadStream(file), createGunzip(), () => {});
  const reader = new FrameReader(stream);
  try {
    let magic: Buffer;
    try {
      magic = await reader.bytes(backupMagic.length);
    } catch {
      throw new BackupRefused(`${file} is not a backup made by db:backup (not gzip, or too short).`);
    }
    if (!magic.equals(backupMagic)) throw new BackupRefused(`${file} is not a backup made by db:backup.`);
    const header = await reader.json<BackupHeader>('H');
    if (header.format !== backupFormat || header.version !== backupFormatVersion)
      throw new BackupRefused(
        `${file} has backup format ${header.format} ${header.version}; this code reads ${backupFormat} ${backupFormatVersion}.`,
      );
    return { header, reader };
  } catch (error) {
    await reader.close();
    throw error;
  }
};

/** The header of a backup file (what it holds, without loading it). */
export const readBackupHeader = async (file: string): Promise<BackupHeader> => {
  const { header, reader } = await openBackup(file);
  await reader.close();
  return header;
};

/**
 * Writes every table of the database at `url` to `file`, from one consistent snapshot.
 * The file appears only when complete (written beside it, then renamed); mode 0600, as it
 * holds password hashes and session and key digests.
 */
export const backupDatabase = async (
  url: string,
  file: string,
  options: { log?: (message: string) => void; /** gzip level 1–9 (default 6) */ level?: number } = {},
): Promise<BackupResult> => {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const client = new Client({ connectionString: url, application_name: 'lao-monitor db:backup' });
  await client.connect();
  const stats: TableStats[] = [];
  try {
    // pg_dump's way: one read-only REPEATABLE READ transaction is one snapshot for every table.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(noTimeouts);
    const info = await client.query<{ server: string; encoding: string; database: string }>(
      `SELECT current_setting('server_version') AS server, current_setting('server_encoding') AS encoding,
              current_database() AS database`,
    );
    const schema = await readSchema(client);
    if (!schema.tables.some((table) => table.name === 'typeorm_migrations'))
      throw new BackupRefused('The database has no typeorm_migrations table: it was never migrated.');
    // No DDL (a migration) may change a table while it is read.
    await client.query(
      `LOCK TABLE ${schema.tables.map((t) => qualified(t.name)).join(', ')} IN ACCESS SHARE MODE`,
    );
    const applied = await client.query<{ name: string }>(
      'SELECT name FROM public.typeorm_migrations ORDER BY id',
    );
    // Sequences are not transactional: read after the snapshot, each is at or past every id the snapshot holds.
    const sequences: BackupSequence[] = [];
    for (const name of schema.sequences) {
      const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${qualified(name)}`,
      );
      sequences.push({ name, ...rows[0] });
    }
    const header: BackupHeader = {
      format: backupFormat,
      version: backupFormatVersion,
      createdAt: new Date().toISOString(),
      ...info.rows[0],
      migrations: applied.rows.map((row) => row.name),
      tables: schema.tables,
      sequences,
    };

    async function* content(): AsyncGenerator<Buffer> {
      yield backupMagic;
      yield* jsonFrame('H', header);
      for (const table of header.tables) {
        yield* jsonFrame('T', { table: table.name });
        const tableStarted = Date.now();
        const columns = table.columns.map((c) => ident(c.name)).join(', ');
        const copy = client.query(
          copyTo(`COPY ${qualified(table.name)} (${columns}) TO STDOUT (FORMAT binary)`),
        );
        let bytes = 0;
        for await (const chunk of copy as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          yield* frame('D', chunk);
        }
        // The row count arrives with CommandComplete: a following query waits for it.
        await client.query('SELECT 1');
        stats.push({ table: table.name, rows: copy.rowCount, bytes });
        log(tableLine(stats[stats.length - 1], Date.now() - tableStarted));
        yield* jsonFrame('E', { table: table.name, rows: copy.rowCount, bytes });
      }
      yield* jsonFrame('Z', { tables: stats.length, rows: stats.reduce((sum, t) => sum + t.rows, 0) });
    }

    await pipeline(
      content,
      createGzip({ level: options.level ?? 6 }),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await client.query('COMMIT');
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    const { size } = await stat(target);
    return { file: target, header, tables: stats, fileBytes: size, ms: Date.now() - started };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
};

/** Public tables (but the migration log) holding at least one row. */
const tablesWithData = async (client: Client, tables: string[]): Promise<string[]> => {
  const found: string[] = [];
  for (const table of tables) {
    if (table === 'typeorm_migrations') continue;
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${qualified(table)}) AS any`,
    );
    if (rows[0].any) found.push(table);
  }
  return found;
};

const notEmptyMessage = (tables: string[]): string =>
  `The target database already holds data (${tables.length} table(s): ${tables.slice(0, 6).join(', ')}` +
  `${tables.length > 6 ? ', …' : ''}). Restore only loads into an empty database; ` +
  `pass --force to replace everything in it with the backup.`;

const sameList = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const describeVersion = (names: string[]): string =>
  names.length === 0 ? 'no migrations' : `${names.length} migrations, last ${names[names.length - 1]}`;

/** Differences between the backup's tables and the target's (empty when they agree). */
const schemaDifferences = (header: BackupHeader, schema: Schema): string[] => {
  const problems: string[] = [];
  const target = new Map(schema.tables.map((t) => [t.name, t.columns]));
  for (const table of header.tables) {
    const columns = target.get(table.name);
    if (!columns) {
      problems.push(`table ${table.name} is missing`);
      continue;
    }
    const key = (list: BackupColumn[]) =>
      list
        .map((c) => `${c.name} ${c.type}`)
        .sort()
        .join(', ');
    if (key(columns) !== key(table.columns))
      problems.push(`table ${table.name} has columns (${key(columns)}), the backup (${key(table.columns)})`);
  }
  for (const name of target.keys())
    if (!header.tables.some((t) => t.name === name)) problems.push(`table ${name} is not in the backup`);
  for (const sequence of header.sequences)
    if (!schema.sequences.includes(sequence.name)) problems.push(`sequence ${sequence.name} is missing`);
  return problems;
};

/**
 * Loads a backup into the database at `url`: refuses a backup of another schema version than
 * the code's, and a target that holds data unless `force`; runs the migrations; then, in one
 * transaction, empties every table, loads each with COPY, sets the sequences and checks the
 * row counts. Any failure (a damaged file included) rolls everything back.
 */
export const restoreDatabase = async (
  url: string,
  file: string,
  options: { force?: boolean; log?: (message: string) => void } = {},
): Promise<RestoreResult> => {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const { header, reader } = await openBackup(file);
  try {
    const code = codeMigrationNames();
    if (!sameList(header.migrations, code))
      throw new BackupRefused(
        `The backup is of another schema version (${describeVersion(header.migrations)}) than this code ` +
          `(${describeVersion(code)}). Restore it with the release that matches it, then start this release to migrate.`,
      );

    const client = new Client({ connectionString: url, application_name: 'lao-monitor db:restore' });
    await client.connect();
    try {
      const encoding = (await client.query<{ e: string }>(`SELECT current_setting('server_encoding') AS e`))
        .rows[0].e;
      if (encoding !== header.encoding)
        throw new BackupRefused(
          `The target database's encoding is ${encoding}, the backup's ${header.encoding}.`,
        );
      // Refuse before changing anything, migrations included.
      const existing = await readSchema(client);
      const occupied = await tablesWithData(
        client,
        existing.tables.map((t) => t.name),
      );
      if (occupied.length > 0 && !options.force) throw new BackupRefused(notEmptyMessage(occupied));

      const dataSource = createDataSource(url);
      await dataSource.initialize();
      let migrationsApplied: string[];
      try {
        migrationsApplied = (await runMigrations(dataSource, databaseWaitsFrom().migration)).map(
          (m) => m.name,
        );
      } finally {
        await dataSource.destroy();
      }
      const { rows: applied } = await client.query<{ name: string }>(
        'SELECT name FROM public.typeorm_migrations ORDER BY id',
      );
      const targetVersion = applied.map((row) => row.name);
      if (!sameList(targetVersion, code))
        throw new BackupRefused(
          `The target database is at another schema version (${describeVersion(targetVersion)}) ` +
            `than this code (${describeVersion(code)}).`,
        );
      const schema = await readSchema(client);
      const problems = schemaDifferences(header, schema);
      if (problems.length > 0)
        throw new BackupRefused(`The target's tables differ from the backup's: ${problems.join('; ')}.`);

      const tables = header.tables.map((t) => qualified(t.name)).join(', ');
      let triggerMode: RestoreResult['triggerMode'] = 'replica';
      let switchedOff: { table: string; trigger: string }[] = [];
      let copying = false;
      await client.query('BEGIN');
      try {
        await client.query(noTimeouts);
        // Replica mode skips user triggers (touch, tombstone, summaries, audit_event's append-only
        // guard, its TRUNCATE one included) and foreign-key checks. It takes a superuser or
        // GRANT SET ON PARAMETER; else the table owner switches the user triggers off for this
        // transaction and foreign keys are checked (tables come in dependency order).
        await client.query('SAVEPOINT replica');
        try {
          await client.query('SET LOCAL session_replication_role = replica');
          await client.query('RELEASE SAVEPOINT replica');
        } catch (error) {
          if ((error as { code?: string }).code !== '42501') throw error;
          await client.query('ROLLBACK TO SAVEPOINT replica');
          triggerMode = 'disabled-triggers';
        }
        await client.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
        const occupiedNow = await tablesWithData(
          client,
          header.tables.map((t) => t.name),
        );
        if (occupiedNow.length > 0 && !options.force) throw new BackupRefused(notEmptyMessage(occupiedNow));
        if (triggerMode === 'disabled-triggers') {
          switchedOff = (
            await client.query<{ table: string; trigger: string }>(
              `SELECT c.relname AS "table", t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
            )
          ).rows;
          for (const { table, trigger } of switchedOff)
            await client.query(`ALTER TABLE ${qualified(table)} DISABLE TRIGGER ${ident(trigger)}`);
        }
        await client.query(`TRUNCATE ${tables}`);
        // Jobs queued for the replaced data (mails, reminder runs) go with it; `mail_sent` (in public)
        // comes back from the backup, so mails sent before it are not sent again.
        await client.query(
          `DO $$ BEGIN IF to_regclass('pgboss.job') IS NOT NULL THEN DELETE FROM pgboss.job; END IF; END $$`,
        );

        const loaded: TableStats[] = [];
        for (const table of header.tables) {
          const begin = await reader.json<{ table: string }>('T');
          if (begin.table !== table.name)
            throw new BackupRefused(
              `Damaged backup: found table ${begin.table} where ${table.name} was expected.`,
            );
          const tableStarted = Date.now();
          const columns = table.columns.map((c) => ident(c.name)).join(', ');
          const copy = client.query(
            copyFrom(`COPY ${qualified(table.name)} (${columns}) FROM STDIN (FORMAT binary)`),
          );
          let copyError: Error | null = null;
          copying = true;
          copy.on('error', (error: Error) => {
            copyError ??= error;
            copying = false; // the server ended the COPY: the connection takes queries again
          });
          let bytes = 0;
          for (;;) {
            const next = await reader.frame();
            if (copyError) throw copyError;
            if (next.kind === 'E') {
              const end = JSON.parse(next.payload.toString('utf8')) as { table: string; rows: number };
              copy.end();
              await finished(copy);
              copying = false;
              if (copy.rowCount !== end.rows)
                throw new Error(`${table.name}: loaded ${copy.rowCount} rows, the backup holds ${end.rows}.`);
              loaded.push({ table: table.name, rows: copy.rowCount, bytes });
              break;
            }
            if (next.kind !== 'D')
              throw new BackupRefused(`Damaged backup: unexpected ${next.kind} frame in ${table.name}.`);
            bytes += next.payload.length;
            if (!copy.write(next.payload)) await once(copy, 'drain');
          }
          log(tableLine({ table: table.name, rows: copy.rowCount, bytes }, Date.now() - tableStarted));
        }
        const end = await reader.json<{ rows: number }>('Z');
        if (!(await reader.atEnd())) throw new BackupRefused('Damaged backup: data after its end.');
        const total = loaded.reduce((sum, t) => sum + t.rows, 0);
        if (end.rows !== total) throw new Error(`Loaded ${total} rows, the backup holds ${end.rows}.`);

        for (const sequence of header.sequences)
          await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
            qualified(sequence.name),
            sequence.lastValue,
            sequence.isCalled,
          ]);
        for (const { table, trigger } of switchedOff)
          await client.query(`ALTER TABLE ${qualified(table)} ENABLE TRIGGER ${ident(trigger)}`);
        const committing = Date.now();
        await client.query('COMMIT');
        log(`  committed (${seconds(Date.now() - committing)})`);
        // Fresh planner statistics rather than waiting for autovacuum.
        const analyzing = Date.now();
        await client.query(`ANALYZE ${tables}`);
        log(`  analyzed (${seconds(Date.now() - analyzing)})`);
        return {
          header,
          tables: loaded,
          migrationsApplied,
          replaced: occupiedNow.length > 0,
          triggerMode,
          ms: Date.now() - started,
        };
      } catch (error) {
        // In the middle of a COPY the connection takes no ROLLBACK: closing it rolls back all the same.
        if (!copying) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    await reader.close().catch(() => {});
  }
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const tableLine = (t: TableStats, ms: number): string =>
  `  ${t.table.padEnd(24)} ${t.rows.toLocaleString('en').padStart(11)} rows ${formatBytes(t.bytes).padStart(9)} ${seconds(ms).padStart(7)}`;

export const formatBytes = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** The repository root (where package.json is), whether run by ts-node or compiled into dist/. */
const projectRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
};

/** True when the embedded PostgreSQL of this data dir is serving on `port` (e.g. `npm start` runs). */
const embeddedRunning = async (dataDir: string, port: number): Promise<boolean> => {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const [pid, , , pidPort] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return false;
  }
  if (Number(pidPort) !== port) return false;
  const client = new Client({ connectionString: embeddedUrl(port), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

/**
 * The database of `npm start` for a command-line tool: DATABASE_URL when set; else the embedded
 * PostgreSQL, used as it is when already running (never restarted under a server), else
 * started for the tool and stopped by `close()`.
 */
export const openLocalDatabase = async (
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ databaseUrl: string; describe: string; close(): Promise<void> }> => {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    return {
      databaseUrl: env.DATABASE_URL,
      describe: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: async () => {},
    };
  }
  const dataDir = localDataDir(projectRoot(), env);
  const port = Number(env.EMBEDDED_PG_PORT ?? embeddedDefaults.port);
  const describe = `embedded PostgreSQL on port ${port} (data in ${path.join(dataDir, 'pg')})`;
  if (await embeddedRunning(dataDir, port))
    return {
      databaseUrl: embeddedUrl(port),
      describe: `${describe}, already running`,
      close: async () => {},
    };
  const { databaseUrl, embedded } = await localDatabase(dataDir, env);
  return {
    databaseUrl,
    describe,
    close: async () => {
      await embedded?.stop();
    },
  };
};
