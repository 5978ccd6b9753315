import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { errorCode } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer } from '../../helpers/test-server';

const run = promisify(execFile);

/** `npm run admin:create -- …` for real, as a child process; its exit code, stdout and stderr. */
const adminCreate = async (args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'admin:create', '--', ...args], {
      env: { ...process.env, NODE_ENV: 'test', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('npm run admin:create: the first administrator of an empty database', () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `lao_admin_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    // Nothing in it, not even the migrations: the command applies them.
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    await smtp.stop();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('refuses bad arguments before touching the database', async () => {
    const missing = await adminCreate(['--username', 'first.admin'], { DATABASE_URL: databaseUrl });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('กรุณาระบุ --username และ --email / Give --username and --email.');
    const badName = await adminCreate(['--username', '1234567', '--email', 'a@example.go.th'], {
      DATABASE_URL: databaseUrl,
    });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('The user name takes 3–64 lower-case letters');
    expect(await query(`SELECT 1 FROM pg_tables WHERE tablename = 'account'`)).toEqual([]);
  }, 240_000);

  it('migrates, creates the administrator once with a mailed one-time link, audits it, then refuses', async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://plan.example.go.th',
    };
    const first = await adminCreate(
      ['--username', 'First.Admin', '--email', 'it@nacc.example.go.th', '--display-name', 'นายผู้ดูแล ระบบ'],
      env,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(first.stdout).toContain('Created NACC central administrator first.admin');
    expect(first.stdout).toContain('Mailed to it@nacc.example.go.th');
    const link = /https:\/\/plan\.example\.go\.th\/setup-password\?token=\S+/.exec(
      first.stdout,
    )?.[0] as string;
    expect(link).toBeDefined();
    const mail = await smtp.waitFor('it@nacc.example.go.th');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('ผู้ดูแลระบบ สำนักงาน ป.ป.ช. ส่วนกลาง');

    const [account] = await query<{
      id: string;
      role: string;
      administrator: boolean;
      password_hash: string | null;
    }>(`SELECT id, role, administrator, password_hash FROM account WHERE username = 'first.admin'`);
    expect(account).toMatchObject({ role: 'NACC_CENTRAL', administrator: true, password_hash: null });
    const [audit] = await query<{
      operation: string;
      outcome: string;
      account_id: string;
      arguments: object;
    }>(`SELECT operation, outcome, account_id, arguments FROM audit_event WHERE operation = 'admin:create'`);
    expect(audit).toEqual({
      operation: 'admin:create',
      outcome: 'OK',
      account_id: account.id,
      arguments: {
        username: 'first.admin',
        email: 'it@nacc.example.go.th',
        displayName: 'นายผู้ดูแล ระบบ',
        staffRole: 'CENTRAL_ADMINISTRATOR',
      },
    });

    // The link works once, through the app; then the administrator signs in.
    const server = await startTestServer({}, { databaseUrl });
    try {
      const token = new URL(link).searchParams.get('token');
      const accept = `mutation($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) }`;
      const accepted = await server.anonymous(accept, { input: { token, newPassword: 'Nacc-Central-2566' } });
      expect(accepted.data?.acceptStaffInvitation).toBe(true);
      expect(
        errorCode(await server.anonymous(accept, { input: { token, newPassword: 'Nacc-Central-2567' } })),
      ).toBe('INVALID_RESET_TOKEN');
      const admin = await signIn(server, 'first.admin', 'Nacc-Central-2566');
      expect((await admin(`{ staffAccounts { totalCount } }`)).data?.staffAccounts.totalCount).toBe(1);
    } finally {
      await server.stop();
    }

    const second = await adminCreate(['--username', 'second.admin', '--email', 'second@example.go.th'], env);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('มีผู้ดูแลระบบส่วนกลางอยู่แล้ว (first.admin)');
    expect(second.stderr).toContain('An administrator already exists (first.admin)');
    expect(await query(`SELECT 1 FROM account WHERE username = 'second.admin'`)).toEqual([]);
    expect(await query(`SELECT 1 FROM audit_event WHERE operation = 'admin:create'`)).toHaveLength(1);
  }, 240_000);
});
