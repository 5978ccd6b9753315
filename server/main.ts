// First: OpenTelemetry (when configured) patches modules as they load.
import { stopTracing } from './tracing';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dataSource from '../ormconfig';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectionOptions, replicaUrlsFrom } from './db/data-source';
import { DataDirInUse } from './db/data-dir-owner';
import type { EmbeddedDatabase } from './db/embedded';
import { localDatabase, localDataDir } from './db/local-database';
import { migrateAndOpen } from './db/roles';
import { seedDemo, workingDemoSignIns } from './seed/seed-demo';

const root = path.resolve(__dirname, '..', '..');
const dataDir = localDataDir(root);

/** A development JWT secret kept beside the data, so a restart keeps people signed in. */
const devSecret = (): string => {
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

/** The embedded PostgreSQL this run started, stopped again if the start fails. */
let embedded: EmbeddedDatabase | null = null;

const main = async (): Promise<void> => {
  // Checked before anything starts (a bad value refuses to start: ConfigError, below).
  const config = loadConfig(process.env, { clientDir: path.join(root, 'dist', 'client') });
  if (!process.env.JWT_SECRET?.trim() && !process.env.JWT_KEYS?.trim())
    config.jwt = { ...config.jwt, secret: devSecret() };
  const local = await localDatabase(dataDir);
  const { databaseUrl } = local;
  embedded = local.embedded;

  // ormconfig's DataSource, pointed at the database chosen above (and DATABASE_REPLICA_URLS' replicas).
  dataSource.setOptions(connectionOptions(databaseUrl, replicaUrlsFrom()));
  // Migrations as DATABASE_MIGRATION_URL's owner role when set (then DATABASE_URL's app role is granted
  // its rights); the embedded demo database keeps its one superuser.
  const { ran } = await migrateAndOpen(
    dataSource,
    databaseUrl,
    process.env.DATABASE_URL ? process.env.DATABASE_MIGRATION_URL : undefined,
    config.databaseWaits.migration,
  );
  if (ran.length) console.log(`Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);

  const seedWanted = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : embedded !== null;
  if (seedWanted && (await seedDemo(dataSource, config))) console.log('Loaded the demo data.');

  // Only demo passwords that still work (checked against the stored hashes), never a changed one.
  const signIns = seedWanted ? await workingDemoSignIns(dataSource) : [];
  const app = await startApp(dataSource, config);
  const banner = [`\nLAO plan monitor is running at ${app.url}  (GraphQL: ${app.url}/graphql)`];
  if (signIns.length > 0) {
    banner.push('Demo sign-ins:');
    for (const { label, username, password } of signIns)
      banner.push(`  ${label.padEnd(16)} ${username} / ${password}`);
  }
  if (config.devOutbox) banner.push(`Mail goes to the development outbox: ${app.url}/dev/outbox`);
  console.log(banner.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests …`);
    try {
      await app.stop();
      await dataSource.destroy();
      await embedded?.stop();
      await stopTracing().catch(() => undefined);
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch(async (error: unknown) => {
  if (error instanceof DataDirInUse) {
    console.error(error.message);
    process.exit(2);
  }
  // Every problem of the configuration, without a stack trace; 78 is sysexits' EX_CONFIG.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  await embedded?.stop().catch(() => undefined);
  process.exit(1);
});
