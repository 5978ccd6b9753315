import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { databaseWaitsFrom } from '../../server/config';
import { runMigrations } from '../../server/db/bounded-waits';
import { createDataSource } from '../../server/db/data-source';
import { startEmbeddedPostgres } from '../../server/db/embedded';
import { freePort } from './free-port';

export const templateDatabase = 'lao_test_template';

/**
 * One embedded PostgreSQL for the whole run (or DATABASE_URL's server when set);
 * a template database with every migration applied, from which each test file
 * clones its own database.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lao-test-pg-'));
    await chmod(dataDir, 0o755);
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port, databases: [] });
    (globalThis as { __embeddedPg?: unknown }).__embeddedPg = db;
    adminUrl = db.adminUrl('postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  const dataSource = createDataSource(templateUrl.toString());
  await dataSource.initialize();
  await runMigrations(dataSource, databaseWaitsFrom().migration);
  await dataSource.destroy();

  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = templateDatabase;
}
