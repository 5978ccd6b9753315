import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../../../server/auth/password';
import { verifyAuditChain } from '../../../server/modules/audit/verify';
import { startBuiltServer } from '../../e2e/helpers';
import { graphqlClient } from '../../helpers/graphql-client';

/**
 * The built server on a database of two roles, as docs/operations.md ("Database roles") sets them
 * up: migrations as the owner (DATABASE_MIGRATION_URL), the app as a role that owns nothing
 * (DATABASE_URL). The app works through a real flow (demo data, sign-in, a report); the app's
 * role cannot change or empty the audit log, alter a table or switch a trigger off.
 */
const PASSWORD = 'Least-Privilege-2570';
const FISCAL_YEAR = 2570;

describe('least-privilege database roles', () => {
  it('migrates as the owner, runs the app as a role that can only add to the audit log', async () => {
    const adminUrl = process.env.TEST_PG_ADMIN_URL!;
    const suffix = randomBytes(4).toString('hex');
    const [owner, app, name] = [`lao_owner_${suffix}`, `lao_app_${suffix}`, `lao_roles_${suffix}`];
    const urlOf = (role: string) => {
      const url = new URL(adminUrl);
      url.username = role;
      url.password = `pw-${suffix}`;
      url.pathname = `/${name}`;
      return url.toString();
    };
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    // The SQL of docs/operations.md, "Database roles".
    await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'pw-${suffix}'`);
    await admin.query(`CREATE ROLE ${app} LOGIN PASSWORD 'pw-${suffix}'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lao-roles-'));
    await chmod(dataDir, 0o755);
    const asOwner = new Client({ connectionString: urlOf(owner) });
    const asApp = new Client({ connectionString: urlOf(app) });
    let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
    try {
      server = await startBuiltServer({
        DATABASE_URL: urlOf(app),
        DATABASE_MIGRATION_URL: urlOf(owner),
        SEED_DEMO: 'true',
        DATA_DIR: dataDir,
        JWT_SECRET: randomUUID(),
        STAFF_SECOND_FACTOR: 'optional',
      });
      expect(server.output()).toContain('Loaded the demo data.');
      await asOwner.connect();
      await asApp.connect();

      // One LAO with an account, a passed plan and an approved project; its round open now.
      const {
        rows: [lao],
      } = await asOwner.query<{ id: number; code: string }>(
        `SELECT id, code FROM lao WHERE id NOT IN (SELECT lao_id FROM account WHERE lao_id IS NOT NULL) ORDER BY id LIMIT 1`,
      );
      const {
        rows: [cycle],
      } = await asOwner.query<{ id: number }>(
        `SELECT id FROM plan_cycle WHERE start_year <= $1 AND end_year >= $1`,
        [FISCAL_YEAR],
      );
      await asOwner.query(
        `INSERT INTO account (username, role, display_name, lao_id, password_hash, activated_at, password_changed_at)
         VALUES ($1, 'LAO', 'อบต.ทดสอบสิทธิ์', $2, $3, now(), now())`,
        [lao.code, lao.id, await hashPassword(PASSWORD, { memoryCost: 1024, timeCost: 1 })],
      );
      await asOwner.query(
        `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, submitted_at, version) VALUES ($1, $2, $3, 'PASSED', now(), 1)`,
        [lao.id, FISCAL_YEAR, cycle.id],
      );
      const {
        rows: [project],
      } = await asOwner.query<{ id: number }>(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                              anti_corruption_budget, local_development_budget, review_status, reviewed_at, version)
         VALUES ($1, $2, 'โครงการทดสอบสิทธิ์', 'PROJECT', ARRAY[$3]::smallint[], '{1}', 'SOCIETY', 1000, 1000, 'APPROVED', now(), 1)
         RETURNING id`,
        [lao.id, cycle.id, FISCAL_YEAR],
      );
      await asOwner.query(
        `UPDATE reporting_round SET opens_at = now() - interval '1 day', closes_at = now() + interval '30 days'
          WHERE fiscal_year = $1 AND kind = 'SIX_MONTH'`,
        [FISCAL_YEAR],
      );

      // The API as the app role: sign in, submit a report.
      const client = graphqlClient(server.url);
      const login = await client(`mutation($input: LoginInput!) { login(input: $input) { token } }`, {
        input: { username: lao.code, password: PASSWORD },
      });
      expect(login.errors).toBeUndefined();
      client.token = login.data?.login.token;
      const submitted = await client(
        `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id status } }`,
        {
          input: {
            projectId: String(project.id),
            fiscalYear: FISCAL_YEAR,
            round: 'SIX_MONTH',
            inOrdinance: true,
            ordinanceBudget: '1000.00',
            disbursed: '500.00',
            status: 'IN_PROGRESS',
            idempotencyKey: randomUUID(),
          },
        },
      );
      expect(submitted.errors).toBeUndefined();
      const audit = await asApp.query(
        `SELECT operation, outcome FROM audit_event WHERE operation IN ('login', 'submitReport') ORDER BY chain_seq`,
      );
      expect(audit.rows).toEqual([
        { operation: 'login', outcome: 'OK' },
        { operation: 'submitReport', outcome: 'OK' },
      ]);
      // The app role reads the log and can check its chain.
      const chain = await verifyAuditChain(
        async (sql, parameters) => (await asApp.query(sql, parameters)).rows,
      );
      expect(chain.broken).toBeNull();

      // Not a superuser, owns nothing.
      const {
        rows: [self],
      } = await asApp.query(
        `SELECT rolsuper, rolcreaterole, rolcreatedb,
                (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owned
           FROM pg_roles WHERE rolname = current_user`,
      );
      expect(self).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: 0 });
      // The audit log: read and add only.
      const refused = async (sql: string) => {
        const error = await asApp.query(sql).then(
          () => null,
          (e: Error) => e.message,
        );
        return error;
      };
      expect(await refused(`UPDATE audit_event SET outcome = 'OK'`)).toMatch(
        /permission denied for table audit_event/,
      );
      expect(await refused(`DELETE FROM audit_event`)).toMatch(/permission denied for table audit_event/);
      expect(await refused(`TRUNCATE audit_event`)).toMatch(/permission denied for table audit_event/);
      // No ALTER, no DROP, no switching the chain or the append-only guard off.
      expect(await refused(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_seal`)).toMatch(
        /must be owner/,
      );
      expect(await refused(`ALTER TABLE audit_event DISABLE TRIGGER USER`)).toMatch(/must be owner/);
      expect(await refused(`DROP TRIGGER audit_event_append_only ON audit_event`)).toMatch(/must be owner/);
      expect(await refused(`ALTER TABLE report ADD COLUMN forged integer`)).toMatch(/must be owner/);
      expect(await refused(`DROP TABLE report`)).toMatch(/must be owner/);
      expect(
        await refused(
          `CREATE OR REPLACE FUNCTION audit_event_seal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
        ),
      ).toMatch(/permission denied for schema public/);
      expect(await refused(`SET session_replication_role = replica`)).toMatch(/permission denied/);
      expect(await refused(`CREATE TABLE planted (id int)`)).toMatch(/permission denied for schema public/);

      expect(await server.stop()).toBe(0);
      server = undefined;
    } finally {
      if (server) {
        server.kill('SIGKILL');
        await server.exited;
      }
      await asOwner.end().catch(() => undefined);
      await asApp.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${app}`);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
