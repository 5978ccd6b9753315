import type { Pool } from 'pg';
import type { ApiLimits, BudgetRule } from '../../config';
import type { Viewer } from '../../auth/viewer';
import { log } from '../../request-scope';

export type BudgetTier = keyof ApiLimits['budgets'];

/**
 * The address an anonymous bucket is keyed by: IPv4 as is (also when IPv4-mapped),
 * IPv6 by its /64 network, since one subscriber holds a whole /64 and could
 * otherwise take a fresh bucket with every address in it.
 */
export const addressBucket = (address: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
};

/**
 * Whose bucket a request fills: `account:<id>` for a signed-in account,
 * `key:<apiKeyId>` for a partner API key, `address:<ip>` (IPv6: its /64) for anyone else.
 */
export const budgetKeyOf = (viewer: Viewer, clientAddress: string): { key: string; tier: BudgetTier } => {
  if (viewer.kind === 'account') return { key: `account:${viewer.accountId}`, tier: 'account' };
  // Narrowed by property, not by kind: compiles with or without the partner viewer kind.
  if ('apiKeyId' in viewer && typeof viewer.apiKeyId === 'string') {
    return { key: `key:${viewer.apiKeyId}`, tier: 'partner' };
  }
  return { key: `address:${addressBucket(clientAddress)}`, tier: 'anonymous' };
};

export type Charge = {
  /** False: the bucket cannot take the cost now; nothing was added. */
  admitted: boolean;
  /** Points in the bucket after this request (after leaking, and after adding the cost if admitted). */
  level: number;
  /** Whole points still free. */
  remaining: number;
  /** When refused: whole seconds until the cost fits (at least 1). */
  retryAfterSeconds: number;
};

/** Bucket row `b` leaked by the time since its last charge × the restore rate (SQL expression `restore`). */
const leaked = (b: string, restore: string) =>
  `GREATEST(0, ${b}.level - GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - ${b}.updated_at))::float8 * ${restore}::float8)`;

/*
 * The charge as two CTEs, `upsert` and `charged` (admitted, level), for the bucket keyed by
 * `key` over the one-row relation `source` (an empty source charges nothing). Atomic under
 * concurrency (the upsert locks the row): leak the bucket by the time elapsed × restore
 * rate, add the cost if it fits under the capacity, return the level. When it does not fit
 * nothing is written and the second branch reports the level as of the statement's
 * snapshot (good enough to say when to retry). Time is the database's clock, the same for
 * every instance. `cost`, `capacity` and `restore` are SQL expressions (parameters).
 */
export const chargeCtes = (source: string, key: string, cost: string, capacity: string, restore: string) => `
  upsert AS (
    INSERT INTO api_budget AS b (bucket_key, level, updated_at)
    SELECT ${key}, ${cost}::float8, clock_timestamp() FROM ${source}
    ON CONFLICT (bucket_key) DO UPDATE
      SET level = ${leaked('b', restore)} + EXCLUDED.level,
          updated_at = GREATEST(b.updated_at, clock_timestamp())
      WHERE ${leaked('b', restore)} + EXCLUDED.level <= ${capacity}::float8
    RETURNING level
  ), charged AS (
    SELECT true AS admitted, level FROM upsert
    UNION ALL
    SELECT false, ${leaked('b', restore)}
      FROM api_budget b, ${source}
     WHERE b.bucket_key = ${key} AND NOT EXISTS (SELECT 1 FROM upsert)
  )`;

const chargeSql = `WITH bucket AS (SELECT $1::text AS key), ${chargeCtes('bucket', 'bucket.key', '$2', '$3', '$4')}
SELECT admitted, level FROM charged`;

/** What a charge statement's `charged` row means for the caller (no row: the bucket vanished in a prune; empty). */
export const chargeOf = (
  row: { admitted: boolean | null; level: number | null } | undefined,
  cost: number,
  rule: BudgetRule,
): Charge => {
  const admitted = row?.admitted ?? false;
  const level = row?.level ?? 0;
  const overflow = level + cost - rule.capacity;
  return {
    admitted,
    level,
    remaining: Math.max(0, Math.floor(rule.capacity - level)),
    retryAfterSeconds: admitted
      ? 0
      : Math.min(24 * 3600, Math.max(1, Math.ceil(overflow / Math.max(rule.restorePerSecond, 1e-6)))),
  };
};

/** Leaky buckets of GraphQL cost points in Postgres (table `api_budget`), shared by every server instance. */
export class BudgetStore {
  private lastPrune = Date.now();

  constructor(
    private readonly pool: Pool,
    /** Rows untouched this long have leaked empty: as good as absent. */
    private readonly drainSeconds: number,
    private readonly pruneEveryMs = 10 * 60 * 1000,
  ) {}

  async charge(key: string, cost: number, rule: BudgetRule): Promise<Charge> {
    // Named: prepared once per connection, then only executed (it runs on every request).
    const { rows } = await this.pool.query<{ admitted: boolean; level: number }>({
      name: 'api-budget-charge',
      text: chargeSql,
      values: [key, cost, rule.capacity, rule.restorePerSecond],
    });
    this.pruneNowAndThen();
    return chargeOf(rows[0], cost, rule);
  }

  /**
   * Drops buckets that have leaked empty (callers seen once), at most every few minutes per
   * instance; whoever charges a bucket with its own statement calls it too.
   */
  pruneNowAndThen(): void {
    if (Date.now() - this.lastPrune < this.pruneEveryMs) return;
    this.lastPrune = Date.now();
    this.pool
      .query(`DELETE FROM api_budget WHERE updated_at < clock_timestamp() - make_interval(secs => $1)`, [
        this.drainSeconds,
      ])
      .catch((error: unknown) => log().error({ err: error }, 'Pruning api_budget failed'));
  }
}
