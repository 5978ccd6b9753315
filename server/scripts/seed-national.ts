import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../auth/password';
import { databaseWaitsFrom, loadConfig } from '../config';
import { runMigrations } from '../db/bounded-waits';
import { createDataSource, embeddedDefaults, embeddedUrl } from '../db/data-source';
import { DataDirInUse } from '../db/data-dir-owner';
import type { EmbeddedDatabase } from '../db/embedded';
import { localDatabase, localDataDir } from '../db/local-database';
import { demoAccounts } from '../seed/demo-data';
import { generateNational, nationalPasswords, type PasswordKind } from '../seed/national/generate';
import { loadGeography } from '../seed/national/geography';
import { loadNational, NationalSeedRefused } from '../seed/national/load';

const usage = `npm run seed:national [-- --reset] [--scale 0.1] [--seed 2570]

Loads a deterministic national dataset (77 provinces, 928 districts, 7,852 LAOs with
plans, projects, reviews, assessments and progress reports of fiscal years 2561–2570)
into the database of \`npm start\`: DATABASE_URL when set, else the embedded PostgreSQL
in DATA_DIR (default .data). Migrations are applied first.

  --reset      replace whatever data the database holds (migrations are kept)
  --scale S    share of the LAOs of each type, 0 < S <= 1 (default 1)
  --seed X     another seed gives another, equally deterministic, dataset (default 2570)`;

const parseArgs = (argv: string[]) => {
  const options = { reset: false, scale: 1, seed: '2570' as string };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--reset') options.reset = true;
    else if (flag === '--scale') options.scale = Number(value());
    else if (flag === '--seed') options.seed = value();
    else if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`Unknown argument ${argv[i]}\n\n${usage}`);
  }
  if (!(options.scale > 0 && options.scale <= 1)) throw new Error('--scale must be in (0, 1]');
  return options;
};

/** The repository root (where package.json is), whether run by ts-node or compiled into dist/. */
const projectRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
};

/**
 * The embedded PostgreSQL of this data dir when it is already serving (e.g. `npm start` is
 * running): use it rather than restart it under the server's feet.
 */
const runningEmbedded = async (dataDir: string, port: number): Promise<boolean> => {
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const main = async (): Promise<void> => {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const port = Number(process.env.EMBEDDED_PG_PORT ?? embeddedDefaults.port);
  let databaseUrl: string;
  let embedded: EmbeddedDatabase | null = null;
  const dataDir = localDataDir(projectRoot());
  if (!process.env.DATABASE_URL && (await runningEmbedded(dataDir, port))) {
    console.log(`Using the embedded PostgreSQL already running on port ${port} (data in ${dataDir}).`);
    databaseUrl = embeddedUrl(port);
  } else {
    ({ databaseUrl, embedded } = await localDatabase(dataDir));
  }
  const dataSource = createDataSource(databaseUrl);
  try {
    await dataSource.initialize();
    const ran = await runMigrations(dataSource, databaseWaitsFrom().migration);
    if (ran.length) console.log(`Applied ${ran.length} migration(s).`);

    // Three passwords, hashed once each with the app's own settings and shared by every account.
    const cost = loadConfig(process.env).passwordHash;
    const kinds = Object.keys(nationalPasswords) as PasswordKind[];
    const hashes = Object.fromEntries(
      await Promise.all(kinds.map(async (kind) => [kind, await hashPassword(nationalPasswords[kind], cost)])),
    ) as Record<PasswordKind, string>;

    const geography = await loadGeography();
    const dataset = generateNational(geography, {
      seed: args.seed,
      scale: args.scale,
      passwordHashes: hashes,
    });
    console.log(
      `National dataset (seed ${dataset.seed}, scale ${dataset.scale}, as of ${dataset.asOf.toISOString().slice(0, 10)}): ` +
        `${geography.provinces.length} provinces, ${geography.districts.length} districts, ${dataset.laos.length} LAOs ` +
        `(${Object.entries(dataset.laoCounts)
          .map(([type, n]) => `${type} ${n}`)
          .join(', ')})`,
    );
    console.log(`Loading${args.reset ? ' (replacing the existing data)' : ''} …`);
    const result = await loadNational(dataSource, dataset, { reset: args.reset, log: (m) => console.log(m) });
    const total = result.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `\nLoaded ${total.toLocaleString('en')} rows in ${seconds(result.ms)}; total ${seconds(Date.now() - started)}.`,
    );
    console.log('Sign-ins:');
    console.log(`  NACC central      ${demoAccounts.naccCentral.username} / ${nationalPasswords.central}`);
    console.log(`  NACC province     nacc.<province code, e.g. 65> / ${nationalPasswords.province}`);
    console.log(
      `  LAO               <7-digit LAO code, e.g. ${dataset.laos[0]?.code}> / ${nationalPasswords.lao}`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
};

main().catch((error: unknown) => {
  if (error instanceof NationalSeedRefused || error instanceof DataDirInUse) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
