import { Client, type ClientBase, type PoolConfig } from 'pg';
import {
  type DataSource,
  type EntityManager,
  type Migration,
  MigrationExecutor,
  type QueryRunner,
} from 'typeorm';
import type { DatabaseTimeouts, DatabaseWaits } from '../config';

/**
 * Bounded waits on the database (docs/operations.md, "Bounded waits"). Every pooled connection
 * starts with the interactive bounds as PostgreSQL startup parameters (`statement_timeout`,
 * `lock_timeout`, `idle_in_transaction_session_timeout`) and node-postgres' own `query_timeout`;
 * long work (open data, imports, the legacy import) and migrations raise them for their own
 * transaction or connection only, with the helpers below.
 */

/** The message node-postgres rejects a query with when `query_timeout` passes. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

type Callback = (error: Error | null, result?: unknown) => void;
type ParametersOf = { connectionParameters: { query_timeout?: number | false } };
type Internals = ParametersOf & { connection: { stream: { destroy(): void } } };

/**
 * A node-postgres client that drops its connection when a query passes `query_timeout`. node-postgres
 * answers the query with an error but keeps the connection, whose server is still busy with (or hung
 * on) the query: the pool would hand it out again and the next query would wait behind the old one,
 * and a transaction's ROLLBACK would too. Dropped, the server ends the session and rolls its
 * transaction back, and the pool opens a fresh connection when it next needs one.
 */
export class BoundedClient extends Client {
  private dropOnTimeout = (error: unknown) => {
    if ((error as Error | null)?.message === QUERY_READ_TIMEOUT)
      (this as unknown as Internals).connection.stream.destroy();
  };

  // One implementation behind node-postgres' overloads (promise, callback and submittable forms).
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as Callback;
      args[last] = (error: Error | null, result?: unknown) => {
        if (error) this.dropOnTimeout(error);
        callback(error, result);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch(this.dropOnTimeout);
    return result as never;
  }
}

/** The pool's options for bounded waits: node-postgres' `extra` of the TypeORM DataSource. */
export const boundedPoolOptions = (waits: DatabaseWaits): PoolConfig => ({
  Client: BoundedClient,
  connectionTimeoutMillis: waits.connectMs,
  keepAlive: waits.keepAliveIdleMs > 0,
  keepAliveInitialDelayMillis: waits.keepAliveIdleMs,
  // Sent in the startup packet; 0 leaves PostgreSQL's default (no bound).
  statement_timeout: waits.interactive.statementMs || undefined,
  lock_timeout: waits.interactive.lockMs || undefined,
  idle_in_transaction_session_timeout: waits.interactive.idleInTransactionMs || undefined,
  query_timeout: waits.interactive.queryMs || undefined,
});

const settingsSql = (local: boolean) =>
  `SELECT set_config('statement_timeout', $1, ${local}), set_config('lock_timeout', $2, ${local}),
          set_config('idle_in_transaction_session_timeout', $3, ${local})`;
const settingsOf = (timeouts: DatabaseTimeouts) =>
  [timeouts.statementMs, timeouts.lockMs, timeouts.idleInTransactionMs].map(String);

/** Sets the client-side `query_timeout` of one connection; returns a function that puts the old one back. */
const raiseQueryTimeout = (client: ClientBase, queryMs: number): (() => void) => {
  const parameters = (client as unknown as ParametersOf).connectionParameters;
  const before = parameters.query_timeout;
  parameters.query_timeout = queryMs || false;
  return () => {
    parameters.query_timeout = before;
  };
};

/**
 * Raises (or lowers) the bounds of the open transaction of `runner` (`SET LOCAL`: they end with the
 * transaction however it ends); returns a function that puts the client-side query timeout back,
 * to be called when the transaction has ended.
 */
export const raiseLocal = async (runner: QueryRunner, timeouts: DatabaseTimeouts): Promise<() => void> => {
  await runner.query(settingsSql(true), settingsOf(timeouts));
  return raiseQueryTimeout((await runner.connect()) as ClientBase, timeouts.queryMs);
};

/**
 * Runs `work` in a transaction of its own connection with other bounds (`SET LOCAL`, so they end
 * with the transaction however it ends). For long work: imports, the legacy import.
 */
export const transactionWith = async <T>(
  dataSource: DataSource,
  timeouts: DatabaseTimeouts,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> => {
  const runner = dataSource.createQueryRunner('master');
  const client = (await runner.connect()) as ClientBase;
  const restore = raiseQueryTimeout(client, timeouts.queryMs);
  try {
    return await runner.manager.transaction(async (manager) => {
      await manager.query(settingsSql(true), settingsOf(timeouts));
      return work(manager);
    });
  } finally {
    restore();
    await runner.release();
  }
};

/**
 * Raises (or lowers) the bounds of one pooled connection's session; returns a function that puts the
 * client-side query timeout back. The server-side ones stay until `resetSession`: a connection that
 * cannot be reset must be released with an error (dropped), never handed to anyone else.
 * For work that is no single transaction: an open-data cursor, migrations.
 */
export const raiseSession = async (client: ClientBase, timeouts: DatabaseTimeouts): Promise<() => void> => {
  await client.query(settingsSql(false), settingsOf(timeouts));
  return raiseQueryTimeout(client, timeouts.queryMs);
};

/** Puts the session's bounds back to the pool's (its startup parameters). */
export const resetSession = async (client: ClientBase): Promise<void> => {
  await client.query(
    'RESET statement_timeout; RESET lock_timeout; RESET idle_in_transaction_session_timeout',
  );
};

/**
 * Runs the pending migrations (each in its own transaction) on one connection with the
 * migrations' bounds (none on statements by default: a data migration may take minutes).
 */
export const runMigrations = async (
  dataSource: DataSource,
  timeouts: DatabaseTimeouts,
): Promise<Migration[]> => {
  const runner = dataSource.createQueryRunner('master');
  const client = (await runner.connect()) as ClientBase;
  let failure: Error | undefined;
  try {
    const restore = await raiseSession(client, timeouts);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const ran = await executor.executePendingMigrations();
      await resetSession(client);
      return ran;
    } finally {
      restore();
    }
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // A connection whose bounds could not be put back is not given to anyone else.
    if (failure) (client as unknown as Internals).connection.stream.destroy();
    await runner.release();
  }
};
