import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

/** The primary's `pg` pool behind a TypeORM DataSource. */
export const primaryPool = (dataSource: DataSource): Pool =>
  (dataSource.driver as unknown as { master: Pool }).master;

/**
 * A hot read as a named statement on the primary: PostgreSQL parses and plans it
 * once per connection, then only binds and executes it, and no TypeORM query runner
 * is made for it (both measurable on the deadline-day bench). `name` must stay
 * unique to `text`: one name with two texts fails on a connection that has the first.
 */
export const preparedQuery = async <T = Record<string, unknown>>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> => {
  // Logged like TypeORM's own statements when logging is on (tests count statements through it).
  if (dataSource.options.logging) dataSource.logger.logQuery(text, values);
  try {
    const result = await primaryPool(dataSource).query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    // As TypeORM reports a failed statement, so errors are answered alike (an out-of-range value is BAD_USER_INPUT).
    throw new QueryFailedError(text, values, error as Error);
  }
};
