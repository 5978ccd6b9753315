import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dataSource from '../ormconfig';
import { startApp } from './app';
import { loadConfig } from './config';
import { connectionOptions, replicaUrlsFrom } from './db/data-source';
import { localDatabase, localDataDir } from './db/local-database';
import { demoAccounts } from './seed/demo-data';
import { seedDemo } from './seed/seed-demo';

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

const main = async (): Promise<void> => {
  const { databaseUrl, embedded } = await localDatabase(dataDir);
  const config = loadConfig(process.env, {
    clientDir: path.join(root, 'dist', 'client'),
    ...(process.env.JWT_SECRET ? {} : { jwt: { ...loadConfig().jwt, secret: devSecret() } }),
  });

  // ormconfig's DataSource, pointed at the database chosen above (and DATABASE_REPLICA_URLS' replicas).
  dataSource.setOptions(connectionOptions(databaseUrl, replicaUrlsFrom()));
  await dataSource.initialize();
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  if (ran.length) console.log(`Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);

  const seedWanted = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : embedded !== null;
  if (seedWanted && (await seedDemo(dataSource, config))) console.log('Loaded the demo data.');

  const app = await startApp(dataSource, config);
  console.log(`\nLAO plan monitor is running at ${app.url}  (GraphQL: ${app.url}/graphql)`);
  if (seedWanted) {
    console.log('Demo sign-ins:');
    console.log(
      `  NACC central     ${demoAccounts.naccCentral.username} / ${demoAccounts.naccCentral.password}`,
    );
    console.log(
      `  NACC Phitsanulok ${demoAccounts.naccProvince.username} / ${demoAccounts.naccProvince.password}`,
    );
    console.log(`  LAO (ดินทอง)     ${demoAccounts.lao.username} / ${demoAccounts.lao.password}`);
  }
  if (config.devOutbox) console.log(`Mail goes to the development outbox: ${app.url}/dev/outbox`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests …`);
    try {
      await app.stop();
      await dataSource.destroy();
      await embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
