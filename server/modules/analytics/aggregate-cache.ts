import type { Queryable } from '../../db/replica';

/**
 * Results of the aggregate tables (statistics, implementation tables, coverage), kept in
 * this instance's memory and keyed by the data version: the sum of the per-province
 * counters that triggers raise at the commit of any change those tables count
 * (migration AggregateVersions). One indexed read of 77 rows replaces the aggregation;
 * a report counts the moment it commits, because the next request sees a new sum and
 * computes afresh. Read the version on the same connection as the data (a replica's
 * version matches a replica's data). Entries are shared by requests: never mutate them.
 */
export class AggregateCache {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries = 1000) {}

  async get<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
    const [{ version }] = await db.query(
      `SELECT coalesce(sum(version), 0)::text AS version FROM aggregate_version`,
    );
    const entryKey = `${version}|${key}`;
    if (this.entries.has(entryKey)) {
      const value = this.entries.get(entryKey) as T;
      this.entries.delete(entryKey); // most recently used last
      this.entries.set(entryKey, value);
      return value;
    }
    const value = await compute();
    this.entries.set(entryKey, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
