import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from './free-port';

const run = promisify(execFile);

export type MariaDbServer = {
  /** mysql://legacy:<password>@127.0.0.1:<port>/<database>, the importer's --from. */
  url: string;
  port: number;
  database: string;
  /** A connection as the database's user (multipleStatements on, for fixtures). */
  connect(): Promise<mysql.Connection>;
  stop(): Promise<void>;
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A real MariaDB (Debian's `mariadb-server`) in a temporary folder on a free loopback port, for
 * the importer's tests: `mariadb-install-db` makes a fresh data directory, `mariadbd` serves it as
 * the current user (root here: `--user=root`), a user `legacy` with a password gets a database
 * created with the legacy's `utf8` charset. `stop()` ends the server by its PID and removes the folder.
 */
export const startMariaDb = async (database = 'eplannacc'): Promise<MariaDbServer> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mariadb-'));
  const dataDir = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  const userArgs = isRoot() ? ['--user=root'] : [];
  await run('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...userArgs,
  ]);
  const port = await freePort();
  const child: ChildProcess = spawn(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${path.join(dir, 'pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=128M',
      '--innodb-flush-log-at-trx-commit=0',
      '--character-set-server=utf8mb3',
      '--collation-server=utf8mb3_general_ci',
      ...userArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  let root: mysql.Connection | null = null;
  while (!root) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited: ${log}`);
    try {
      root = await mysql.createConnection({ socketPath: socket, user: 'root' });
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`mariadbd did not start: ${(error as Error).message}\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const password = 'legacy-Pw-2561';
  await root.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci`);
  await root.query(`CREATE USER 'legacy'@'127.0.0.1' IDENTIFIED BY '${password}'`);
  await root.query(`GRANT ALL ON \`${database}\`.* TO 'legacy'@'127.0.0.1'`);
  await root.end();
  const connect = () =>
    mysql.createConnection({
      host: '127.0.0.1',
      port,
      user: 'legacy',
      password,
      database,
      charset: 'UTF8_GENERAL_CI',
      multipleStatements: true,
    });
  return {
    url: `mysql://legacy:${password}@127.0.0.1:${port}/${database}`,
    port,
    database,
    connect,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
