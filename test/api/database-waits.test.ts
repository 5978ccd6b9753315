import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { type DatabaseWaits, defaultDatabaseWaits } from '../../server/config';
import { runMigrations, transactionWith } from '../../server/db/bounded-waits';
import { createDataSource } from '../../server/db/data-source';
import { databaseFailureOf } from '../../server/errors/database-errors';
import { createTestDatabase } from '../helpers/test-database';

/**
 * The bounds of each kind of work on a real PostgreSQL (docs/operations.md, "Bounded waits"): the
 * pool's interactive bounds, long work raising them for its own transaction only, migrations their
 * own, and the codes the failures map to. Hung and crashed databases: test/faults/database-waits.
 */

const waits: DatabaseWaits = {
  ...defaultDatabaseWaits,
  connectMs: 1000,
  interactive: { statementMs: 300, lockMs: 200, idleInTransactionMs: 2000, queryMs: 1500 },
  long: { statementMs: 3000, lockMs: 2000, idleInTransactionMs: 5000, queryMs: 4000 },
  migration: { statementMs: 0, lockMs: 1000, idleInTransactionMs: 0, queryMs: 0 },
};

describe('bounded waits per kind of work', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => databaseFailureOf(error)?.code ?? String(error),
    );
  /** The session's bounds on the pool's one connection. */
  const settings = async () =>
    (
      await dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: what one kind of work sets is seen by the next statement of the pool.
    const size = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = '1';
    dataSource = createDataSource(database.url, [], waits);
    dataSource.setOptions({ logging: false }); // the failures are the point here
    if (size === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = size;
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('bounds every statement of the pool by the interactive bounds, answered DATABASE_TIMEOUT', async () => {
    expect(await settings()).toEqual({ statement: '300ms', lock: '200ms', idle: '2s' });
    const started = Date.now();
    expect(await failure(dataSource.query('SELECT pg_sleep(2)'))).toBe('DATABASE_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
    // The connection stays usable after PostgreSQL cancelled the statement.
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('answers a lock held by another connection DATABASE_LOCK_TIMEOUT within the lock bound', async () => {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE province IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      expect(await failure(dataSource.query('SELECT count(*) FROM province'))).toBe('DATABASE_LOCK_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await holder.end();
    }
  });

  it('raises the bounds for long work in its own transaction only', async () => {
    const inside = await transactionWith(dataSource, waits.long, async (manager) => {
      await manager.query('SELECT pg_sleep(0.6)'); // past the interactive statement bound
      return (await manager.query(`SELECT current_setting('statement_timeout') AS statement`))[0];
    });
    expect(inside).toEqual({ statement: '3s' });
    // Over with the transaction, whether it committed or failed.
    expect(await settings()).toEqual({ statement: '300ms', lock: '200ms', idle: '2s' });
    await expect(
      transactionWith(dataSource, waits.long, async (manager) => manager.query('SELECT 1/0')),
    ).rejects.toThrow(/division by zero/);
    expect(await settings()).toEqual({ statement: '300ms', lock: '200ms', idle: '2s' });
    expect(await failure(dataSource.query('SELECT pg_sleep(0.6)'))).toBe('DATABASE_TIMEOUT');
  });

  it('runs migrations with their own bounds and gives the connection back with the pool’s', async () => {
    expect(await runMigrations(dataSource, waits.migration)).toEqual([]);
    expect(await settings()).toEqual({ statement: '300ms', lock: '200ms', idle: '2s' });
  });
});
