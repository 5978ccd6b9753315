import type { DataSource, Migration } from 'typeorm';
import type { DatabaseTimeouts } from '../config';
import { runMigrations } from './bounded-waits';
import { createDataSource } from './data-source';

/**
 * Least privilege (docs/operations.md, "Audit" → "Database roles"): migrations run as an OWNER
 * role (DATABASE_MIGRATION_URL), the app connects as an APP role (DATABASE_URL) that owns
 * nothing and may only read and write rows — on the audit log only read and add them.
 */

const quoted = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** The user name of a postgres:// URL. */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username);

/** Tables the app may only read and add to (never UPDATE, DELETE or TRUNCATE). */
export const appendOnlyTables = ['public.audit_event'];

/**
 * Grants `appRole` what the app needs on every schema the connected (owner) role keeps tables
 * or sequences in — `public` and any a migration adds (e.g. a job queue's), with no list to
 * keep up: USAGE on the schema, SELECT/INSERT/UPDATE/DELETE on its tables, USAGE/SELECT on its
 * sequences; on the append-only tables SELECT and INSERT only. Default privileges give the same
 * to tables the owner creates later in those schemas (a migration run before the next start).
 * Idempotent: runs after the migrations at every start. Returns the schemas granted.
 */
export const grantAppRole = async (owner: DataSource, appRole: string): Promise<string[]> => {
  const app = quoted(appRole);
  const schemas: string[] = (
    await owner.query(
      `SELECT DISTINCT n.nspname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
          AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
          AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1`,
    )
  ).map((row: { name: string }) => row.name);
  await owner.transaction(async (manager) => {
    for (const name of schemas) {
      const schema = quoted(name);
      await manager.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
      await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${app}`);
      await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
      await manager.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      );
      await manager.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
      );
    }
    for (const table of appendOnlyTables) {
      const [schema, name] = table.split('.');
      await manager.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoted(schema)}.${quoted(name)} FROM ${app}`);
    }
  });
  return schemas;
};

/**
 * Brings the schema up to date and opens `dataSource` (the app's connection). With a migration
 * URL of another role, the migrations run on a connection of their own as that role, which then
 * grants the app's role its rights; without one (single-role setups, the embedded demo), the
 * app's own connection runs them.
 */
export const migrateAndOpen = async (
  dataSource: DataSource,
  appUrl: string,
  migrationUrl: string | undefined,
  /** The migrations' bounds on the database (DATABASE_MIGRATION_*). */
  timeouts: DatabaseTimeouts,
): Promise<{ ran: Migration[]; grantedSchemas: string[] | null }> => {
  if (!migrationUrl || roleOf(migrationUrl) === roleOf(appUrl)) {
    if (!dataSource.isInitialized) await dataSource.initialize();
    return { ran: await runMigrations(dataSource, timeouts), grantedSchemas: null };
  }
  const owner = createDataSource(migrationUrl);
  await owner.initialize();
  try {
    const ran = await runMigrations(owner, timeouts);
    const grantedSchemas = await grantAppRole(owner, roleOf(appUrl));
    if (!dataSource.isInitialized) await dataSource.initialize();
    return { ran, grantedSchemas };
  } finally {
    await owner.destroy();
  }
};
