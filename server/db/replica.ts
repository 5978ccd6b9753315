import type { DataSource, EntityManager } from 'typeorm';
import { log } from '../request-scope';
import { databaseFailureOf } from '../errors/database-errors';
import { ErrorCode } from '../errors/error-codes';

/** What a read needs of a connection: raw SQL. A DataSource and an EntityManager both are one. */
export type Queryable = Pick<EntityManager, 'query'>;

/** True when the DataSource was configured with read replicas (`DATABASE_REPLICA_URLS`). */
export const hasReplicas = (dataSource: DataSource): boolean =>
  (dataSource.driver as unknown as { isReplicated?: boolean }).isReplicated === true;

let lastWarning = 0; // at most one warning a minute while replicas are unreachable

/**
 * After a replica failed to give a connection within DATABASE_CONNECT_TIMEOUT_MS, or a read on it
 * failed for want of the database (a hung replica: its query bound passed), replica reads go
 * straight to the primary for this long: a replica that does not answer costs one bounded wait
 * per pause, not one per read (docs/operations.md, "Bounded waits").
 */
const REPLICA_PAUSE_MS = 10_000;
const pausedUntil = new WeakMap<DataSource, number>();

/**
 * Runs `read` on one connection of a read replica (picked at random), then gives the connection
 * back. Only for reads that may be slightly stale — the aggregate and public tables (docs/operations.md,
 * "Read replicas"); everything else, and any read of what the caller has just written, stays on the
 * primary, which is also where this runs without replicas or when no replica answers.
 */
export const onReplica = async <T>(
  dataSource: DataSource,
  read: (manager: EntityManager) => Promise<T>,
): Promise<T> => {
  if (!hasReplicas(dataSource) || Date.now() < (pausedUntil.get(dataSource) ?? 0))
    return read(dataSource.manager);
  const runner = dataSource.createQueryRunner('slave');
  try {
    await runner.connect();
  } catch (error) {
    pausedUntil.set(dataSource, Date.now() + REPLICA_PAUSE_MS);
    await runner.release().catch(() => {});
    if (Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      log().warn({ err: error }, 'No read replica answered, reading from the primary');
    }
    return read(dataSource.manager);
  }
  try {
    return await read(runner.manager);
  } catch (error) {
    const failure = databaseFailureOf(error);
    if (failure && failure.code !== ErrorCode.DATABASE_LOCK_TIMEOUT)
      pausedUntil.set(dataSource, Date.now() + REPLICA_PAUSE_MS);
    throw error;
  } finally {
    await runner.release();
  }
};
