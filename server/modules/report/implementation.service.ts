import type { DataSource, EntityManager } from 'typeorm';
import { listScope, requireCan } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { type Connection, decodeJsonCursor, toConnection } from '../../graphql/connection';
import { onReplica, type Queryable } from '../../db/replica';
import { AggregateCache } from '../analytics/aggregate-cache';
import { ImplementationLevel, ReportingState, RoundKind } from './report.enums';
import {
  countedProjectSql,
  coverageCountsSql,
  levelSql,
  percentageSql,
  reportingStateSql,
  thresholdParams,
} from './reporting-rules';

export type ImplementationRowData = {
  laoId: number;
  /** The table's fiscal year (the row's ITA score and site-visit mark are of it). */
  fiscalYear: number;
  districtId: number;
  provinceId: number;
  eligibleCount: number;
  reportedCount: number;
  completedCount: number;
  inProgressCount: number;
  unableCount: number;
  percentage: string | null;
  level: ImplementationLevel;
  reportingState: ReportingState;
};

export type CoverageRowData = {
  districtId: number;
  laoCount: number;
  noPassedPlan: number;
  fullyReported: number;
  partlyReported: number;
  notReported: number;
};

/** An LAO's counts of a round from its `lao_round_summary` row `s` (absent: all zero). */
export const summaryCountsSql = (s: string) =>
  `coalesce(${s}.eligible, 0) AS eligible, coalesce(${s}.reported, 0) AS reported,
   coalesce(${s}.completed, 0) AS completed, coalesce(${s}.in_progress, 0) AS in_progress,
   coalesce(${s}.unable, 0) AS unable`;

/**
 * Per LAO, fiscal year and round: projects of the year that are not rejected
 * (approved or awaiting review) are the base; those reported COMPLETED in the
 * round over that base, × 100, two decimals. Rejected projects count nowhere.
 * "Not reported" when the LAO has no report in the round. Each row also carries the year's
 * plan status and the LAO's reporting state (`reportingStateSql`). The counts come from
 * `lao_round_summary`, which triggers keep current in every writing transaction,
 * so this reads one row per LAO instead of every project and report. One
 * statement for any number of LAOs.
 */
export const countsSql = (where: string) => `
  WITH counts AS (
    SELECT l.id AS lao_id, l.district_id, l.province_id, ${summaryCountsSql('s')}, pl.status AS plan_status
      FROM lao l
      LEFT JOIN lao_round_summary s ON s.lao_id = l.id AND s.fiscal_year = $1 AND s.round = $2::round_kind
      LEFT JOIN plan pl ON pl.lao_id = l.id AND pl.fiscal_year = $1
     WHERE ${where}
  ), rated AS (
    SELECT c.*, ${percentageSql('c')} AS percentage, ${reportingStateSql('c')} AS reporting_state
      FROM counts c
  )
  SELECT rated.*, ${levelSql('percentage', '$3', '$4')} AS level
    FROM rated`;

/**
 * The summaries recomputed from every project and report, compared with the kept
 * ones: the (LAO, year, round) rows where they differ (all-zero rows count as absent).
 * Empty means the triggers kept them exact; tests and `npm run bench` check it.
 */
export const summaryDriftSql = `
  WITH fresh AS (
    SELECT e.lao_id, e.year AS fiscal_year, k.round, e.eligible,
           count(r.id)::int AS reported,
           (count(r.id) FILTER (WHERE r.status = 'COMPLETED'))::int AS completed,
           (count(r.id) FILTER (WHERE r.status = 'IN_PROGRESS'))::int AS in_progress,
           (count(r.id) FILTER (WHERE r.status = 'UNABLE'))::int AS unable
      FROM (SELECT p.lao_id, y AS year, count(*) FILTER (WHERE ${countedProjectSql('p')})::int AS eligible
              FROM project p, unnest(p.fiscal_years) AS y GROUP BY p.lao_id, y) e
     CROSS JOIN unnest(enum_range(NULL::round_kind)) AS k(round)
      LEFT JOIN report r ON r.lao_id = e.lao_id AND r.fiscal_year = e.year AND r.round = k.round
       AND EXISTS (SELECT 1 FROM project p WHERE p.id = r.project_id AND ${countedProjectSql('p')}
                      AND p.fiscal_years @> ARRAY[r.fiscal_year])
     GROUP BY e.lao_id, e.year, k.round, e.eligible
  ), kept AS (SELECT * FROM lao_round_summary),
  nonzero_fresh AS (SELECT * FROM fresh WHERE eligible + reported > 0),
  nonzero_kept AS (SELECT * FROM kept WHERE eligible + reported > 0)
  SELECT coalesce(f.lao_id, k.lao_id) AS lao_id, coalesce(f.fiscal_year, k.fiscal_year) AS fiscal_year,
         coalesce(f.round, k.round) AS round, to_jsonb(f) AS fresh, to_jsonb(k) AS kept
    FROM nonzero_fresh f
    FULL JOIN nonzero_kept k ON k.lao_id = f.lao_id AND k.fiscal_year = f.fiscal_year AND k.round = f.round
   WHERE f IS DISTINCT FROM k`;

/**
 * Record-level scope of the LAO tables as SQL over alias \`l\`: an LAO sees its
 * province (the province table is shared, DOMAIN.md Reports 5), a provincial office
 * its province, NACC central everything. Parameters are numbered after \`offset\`.
 */
export const laoScopeSql = async (
  db: Queryable,
  viewer: Viewer,
  args: {
    provinceId?: number | null;
    districtId?: number | null;
    laoId?: number | null;
    type?: string | null;
    size?: string | null;
  },
  offset: number,
) => {
  const conditions: string[] = ['TRUE'];
  const params: (number | string | readonly number[])[] = [];
  const add = (column: string, value: number | string) => {
    params.push(value);
    conditions.push(`l.${column} = $${params.length + offset}`);
  };
  const addAny = (column: string, values: readonly number[]) => {
    params.push(values);
    conditions.push(`l.${column} = ANY($${params.length + offset})`);
  };
  // An LAO's tables compare it with its province: its scope here is its province, not itself.
  const scope = listScope(viewer);
  if (scope.kind === 'lao') {
    const [own] = await db.query(`SELECT province_id FROM lao WHERE id = $1`, [scope.laoId]);
    add('province_id', Number(own.province_id));
  }
  if (scope.kind === 'provinces') addAny('province_id', scope.provinceIds);
  // Explicit nulls from GraphQL mean "not given", like absent arguments.
  if (args.laoId != null) {
    const lao = await db.query(`SELECT id, province_id AS "provinceId" FROM lao WHERE id = $1`, [args.laoId]);
    requireCan(viewer, 'lao.read', lao[0], lao[0], 'อปท.');
    add('id', args.laoId);
  }
  if (args.provinceId != null) add('province_id', args.provinceId);
  if (args.districtId != null) add('district_id', args.districtId);
  if (args.type != null) add('type', args.type);
  if (args.size != null) add('size', args.size);
  return { where: conditions.join(' AND '), params };
};

export const implementationRow = (
  row: Record<string, unknown>,
): Omit<ImplementationRowData, 'fiscalYear'> => ({
  laoId: Number(row.lao_id),
  districtId: Number(row.district_id),
  provinceId: Number(row.province_id),
  eligibleCount: Number(row.eligible),
  reportedCount: Number(row.reported),
  completedCount: Number(row.completed),
  inProgressCount: Number(row.in_progress),
  unableCount: Number(row.unable),
  percentage: row.percentage === null ? null : String(row.percentage),
  level: row.level as ImplementationLevel,
  reportingState: row.reporting_state as ReportingState,
});

/** A row's place in table order: percentage (null = not reported, last) descending, then LAO id. */
type RowKey = [percentage: string | null, laoId: number];

const rowKey = (row: ImplementationRowData): RowKey => [row.percentage, row.laoId];

/** Negative when `a` comes before `b` in table order. */
const compareRowKeys = (a: RowKey, b: RowKey): number => {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    const difference = Number(b[0]) - Number(a[0]);
    if (difference !== 0) return difference;
  }
  return a[1] - b[1];
};

const parseRowCursor = (cursor: string): RowKey =>
  decodeJsonCursor(
    cursor,
    (value) =>
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] === null || (typeof value[0] === 'string' && Number.isFinite(Number(value[0])))) &&
      Number.isInteger(value[1]),
  );

export type ImplementationArgs = {
  fiscalYear: number;
  round: RoundKind;
  provinceId?: number;
  districtId?: number;
  laoId?: number;
  type?: string | null;
  size?: string | null;
  onlyIncomplete?: boolean;
  limit?: number;
};

/**
 * The implementation table and coverage. Tables of many LAOs read from a replica when there are
 * replicas (they may lag the primary by the replication delay); one LAO's row (`laoId`: its own
 * status page, read right after it reports) reads the primary, and a given manager is used as is.
 */
export class ImplementationService {
  /** Tables of many LAOs come from the versioned cache; a caller's own manager never does (it may be mid-write). */
  private readonly cache = new AggregateCache();

  constructor(private readonly dataSource: DataSource) {}

  /** The first `limit` rows (default 1000, at most 10,000) in table order. */
  async rows(viewer: Viewer, args: ImplementationArgs, db?: EntityManager): Promise<ImplementationRowData[]> {
    const all = await this.allRows(viewer, args, db);
    return all.slice(0, Math.min(Math.max(args.limit ?? 1000, 1), 10000));
  }

  /**
   * A page of the table (the `implementation` query). The whole ordered table of the
   * scope is cached and the page sliced from it; the cursor holds the last row's sort
   * key `[percentage, laoId]`, so it stays valid while the data changes: the page
   * starts at the first row strictly after that key in the current order.
   */
  async page(
    viewer: Viewer,
    args: ImplementationArgs & { first: number; after?: string | null },
  ): Promise<Connection<ImplementationRowData>> {
    const after = args.after ? parseRowCursor(args.after) : null;
    const all = await this.allRows(viewer, args);
    const start = after ? all.findIndex((row) => compareRowKeys(rowKey(row), after) > 0) : 0;
    const rest = start < 0 ? [] : all.slice(start, start + args.first + 1);
    return toConnection(rest, args.first, (row) => JSON.stringify(rowKey(row)), all.length);
  }

  private allRows(
    viewer: Viewer,
    args: ImplementationArgs,
    db?: EntityManager,
  ): Promise<ImplementationRowData[]> {
    if (db) return this.rowsOn(db, viewer, args, false);
    if (args.laoId != null) return this.rowsOn(this.dataSource, viewer, args, false);
    return onReplica(this.dataSource, (replica) => this.rowsOn(replica, viewer, args, true));
  }

  private async rowsOn(
    db: Queryable,
    viewer: Viewer,
    args: ImplementationArgs,
    cached: boolean,
  ): Promise<ImplementationRowData[]> {
    const { where, params } = await laoScopeSql(db, viewer, args, 4);
    const [high, medium] = thresholdParams(args.round);
    // The worklist: everyone not fully reported, those without a passed plan included.
    const filter = args.onlyIncomplete ? `WHERE reporting_state <> '${ReportingState.FULLY_REPORTED}'` : '';
    const sql = `SELECT * FROM (${countsSql(where)}) t ${filter}
      ORDER BY percentage DESC NULLS LAST, lao_id`;
    const values = [args.fiscalYear, args.round, high, medium, ...params];
    const read = async () =>
      (await db.query(sql, values)).map((row: Record<string, unknown>) => ({
        ...implementationRow(row),
        fiscalYear: args.fiscalYear,
      }));
    return cached ? this.cache.get(db, JSON.stringify([sql, values]), read) : read();
  }

  /** Per district: how many LAOs have no passed plan, reported every counted project, some, or none. */
  coverage(
    viewer: Viewer,
    args: { fiscalYear: number; round: RoundKind; provinceId?: number },
  ): Promise<CoverageRowData[]> {
    return onReplica(this.dataSource, async (db) => {
      const { where, params } = await laoScopeSql(db, viewer, args, 4);
      const [high, medium] = thresholdParams(args.round);
      const rows: Record<string, unknown>[] = await db.query(
        `SELECT district_id,
              count(*)::int AS lao_count, ${coverageCountsSql}
         FROM (${countsSql(where)}) t
        GROUP BY district_id ORDER BY district_id`,
        [args.fiscalYear, args.round, high, medium, ...params],
      );
      return rows.map((row) => ({
        districtId: Number(row.district_id),
        laoCount: Number(row.lao_count),
        noPassedPlan: Number(row.no_plan),
        fullyReported: Number(row.fully),
        partlyReported: Number(row.partly),
        notReported: Number(row.none),
      }));
    });
  }
}
