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
    this.keep(entryKey, value);
    return value;
  }

  /**
   * A table of one row per province (e.g. the national statistics), each province's row kept
   * under that province's version of `year` and of "every year" (migration
   * AggregateVersionsByYear): a report recomputes its own province's row only, not the 76
   * others. Every province has a version row of "every year" (the province trigger writes one
   * for each), so the versions name every province. `compute(stale)` returns the rows of the
   * provinces in `stale`; rows come back in province order.
   */
  async byProvince<R extends { provinceId: number }>(
    db: Queryable,
    year: number,
    key: string,
    compute: (stale: number[]) => Promise<R[]>,
  ): Promise<R[]> {
    const versions: { province_id: number; version: string }[] = await db.query(
      `SELECT province_id, sum(version)::text AS version FROM aggregate_version
        WHERE fiscal_year IN (0, $1::int) GROUP BY province_id ORDER BY province_id`,
      [year],
    );
    const keyOf = (province: number, version: string) => `${version}|${province}|${key}`;
    // Kept rows are taken now: another request may evict them while this one computes.
    const kept = new Map<number, R | null>();
    const stale: number[] = [];
    for (const { province_id: province, version } of versions) {
      const entryKey = keyOf(province, version);
      if (!this.entries.has(entryKey)) stale.push(province);
      else {
        const row = this.entries.get(entryKey) as R | null;
        kept.set(province, row);
        this.keep(entryKey, row); // most recently used last
      }
    }
    const computed = new Map(
      (stale.length > 0 ? await compute(stale) : []).map((row) => [row.provinceId, row]),
    );
    const rows: R[] = [];
    for (const { province_id: province, version } of versions) {
      let row = kept.get(province);
      if (row === undefined) {
        // A province without rows in scope is kept as such (null), so it is not asked again.
        row = computed.get(province) ?? null;
        this.keep(keyOf(province, version), row);
      }
      if (row) rows.push(row);
    }
    return rows;
  }

  private keep(entryKey: string, value: unknown): void {
    this.entries.delete(entryKey);
    this.entries.set(entryKey, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
