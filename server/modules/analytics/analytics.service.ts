import type { DataSource, EntityManager } from 'typeorm';
import { requireCan } from '../../auth/policy';
import { publicReader, type Viewer } from '../../auth/viewer';
import { onReplica } from '../../db/replica';
import { Lao } from '../lao/lao.entity';
import { LaoType } from '../lao/lao.enums';
import { dimensionsInOrder } from '../plan/plan.enums';
import { AggregateCache } from './aggregate-cache';
import { ReviewStatus, WorkType } from '../project/project.enums';
import {
  countsSql,
  implementationRow,
  laoScopeSql,
  summaryCountsSql,
} from '../report/implementation.service';
import {
  countedProjectSql,
  coverageCountsSql,
  levelSql,
  percentageSql,
  reportingStateSql,
  thresholdParams,
} from '../report/reporting-rules';
import { preparedQuery } from '../../db/prepared';
import type { Queryable } from '../../db/replica';
import { RoundKind } from '../report/report.enums';
import type { LaoSummary, PlanTableTotals, StatisticsRow } from './analytics.types';

export type StatisticsArgs = {
  fiscalYear: number;
  round: RoundKind;
  provinceId?: number | null;
  type?: LaoType | null;
  size?: string | null;
};

const laoTypes = Object.values(LaoType);

/**
 * The statistics statement: per province (or, for one province, per district) over the
 * LAOs in `where` (alias \`l\`, see `laoScopeSql`). Parameters: $1 year, $2 round,
 * $3 and $4 the level thresholds, then the scope's. Exported so `npm run bench` can time
 * the very same SQL without the API.
 */
export const statisticsSql = (where: string, byDistrict: boolean): string => {
  const key = byDistrict ? 't.district_id' : 't.province_id';
  return `SELECT ${key} AS key, t.province_id,
              count(*)::int AS lao_count,
              ${laoTypes.map((type) => `count(*) FILTER (WHERE l.type = '${type}')::int AS "type_${type}"`).join(',\n')},
              count(*) FILTER (WHERE t.plan_status = 'PASSED')::int AS passed,
              count(*) FILTER (WHERE t.plan_status = 'INCOMPLETE')::int AS incomplete,
              count(*) FILTER (WHERE t.plan_status = 'SUBMITTED')::int AS submitted,
              count(*) FILTER (WHERE t.plan_status IS NULL OR t.plan_status = 'DRAFT')::int AS not_submitted,
              ${coverageCountsSql},
              count(*) FILTER (WHERE t.level = 'HIGH')::int AS high,
              count(*) FILTER (WHERE t.level = 'MEDIUM')::int AS medium,
              count(*) FILTER (WHERE t.level = 'LOW')::int AS low
         FROM (${countsSql(where)}) t
         JOIN lao l ON l.id = t.lao_id
        GROUP BY ${key}, t.province_id
        ORDER BY ${key}`;
};

/**
 * One LAO's summary of a fiscal year: $1 LAO, $2 year, $3/$4 and $5/$6 the 6- and 12-month
 * level thresholds (the year compared as int: any Int argument is a year without data, not an
 * error). No row when the LAO does not exist. The implementation of each round is
 * the LAO's row of the implementation table (`countsSql`), from `lao_round_summary`.
 */
const laoSummarySql = `
  WITH proj AS (
    SELECT primary_dimension, work_type, review_status, withdrawn_at, uses_budget, anti_corruption_budget, local_development_budget
      FROM project WHERE lao_id = $1 AND $2::int = ANY (fiscal_years)
  ), counted AS (
    SELECT l.id AS lao_id, l.district_id, l.province_id, k.round, ${summaryCountsSql('s')}, pl.status AS plan_status
      FROM lao l CROSS JOIN unnest(enum_range(NULL::round_kind)) AS k(round)
      LEFT JOIN lao_round_summary s ON s.lao_id = l.id AND s.fiscal_year = $2::int AND s.round = k.round
      LEFT JOIN plan pl ON pl.lao_id = l.id AND pl.fiscal_year = $2::int
     WHERE l.id = $1
  ), rated AS (
    SELECT c.*, ${percentageSql('c')} AS percentage, ${reportingStateSql('c')} AS reporting_state FROM counted c
  )
  SELECT l.province_id,
         (SELECT count(*) FROM proj WHERE ${countedProjectSql('')})::int AS projects,
         (SELECT count(*) FROM proj WHERE review_status = 'REJECTED')::int AS rejected,
         (SELECT coalesce(jsonb_object_agg(primary_dimension, jsonb_build_object('count', n, 'without', without, 'anti', anti, 'local', local)), '{}')
            FROM (SELECT primary_dimension, count(*)::int AS n,
                         count(*) FILTER (WHERE NOT uses_budget)::int AS without,
                         coalesce(sum(anti_corruption_budget) FILTER (WHERE uses_budget), 0)::numeric(15,2)::text AS anti,
                         coalesce(sum(local_development_budget) FILTER (WHERE uses_budget), 0)::numeric(15,2)::text AS local
                    FROM proj WHERE ${countedProjectSql('')} GROUP BY primary_dimension) d) AS dimensions,
         (SELECT coalesce(jsonb_object_agg(work_type, n), '{}')
            FROM (SELECT work_type, count(*)::int AS n FROM proj
                   WHERE ${countedProjectSql('')} GROUP BY work_type) w) AS work_types,
         (SELECT coalesce(jsonb_object_agg(round, jsonb_build_object('ordinance', ordinance, 'disbursed', disbursed)), '{}')
            FROM (SELECT r.round, coalesce(sum(r.ordinance_budget), 0)::numeric(15,2)::text AS ordinance,
                         coalesce(sum(r.disbursed), 0)::numeric(15,2)::text AS disbursed
                    FROM report r JOIN project p ON p.id = r.project_id AND ${countedProjectSql('p')} AND p.uses_budget
                   WHERE r.lao_id = $1 AND r.fiscal_year = $2::int GROUP BY r.round) m) AS money,
         (SELECT jsonb_object_agg(round, to_jsonb(t) || jsonb_build_object(
                   -- as text, like the implementation table's rows (jsonb would make it a number)
                   'percentage', t.percentage::text,
                   'level', CASE round WHEN 'SIX_MONTH' THEN ${levelSql('percentage', '$3', '$4')}
                                       ELSE ${levelSql('percentage', '$5', '$6')} END))
            FROM rated t) AS implementation
    FROM lao l WHERE l.id = $1`;

/**
 * Aggregate tables: one SQL statement each, the same numbers for the app, the exports and the API.
 * The national and provincial aggregates (statistics, budgets by dimension) and the public LAO
 * summary read from a replica when there are replicas; an LAO's own summary and plan table stay
 * on the primary, so what it has just entered shows at once.
 */
export class AnalyticsService {
  /** National and provincial statistics from the versioned cache (see AggregateCache). */
  private readonly cache = new AggregateCache(20_000);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * National statistics by province, or — with a province — by its districts:
   * LAOs per type, plans by state, reporting coverage and implementation levels.
   */
  statistics(viewer: Viewer, args: StatisticsArgs): Promise<StatisticsRow[]> {
    return onReplica(this.dataSource, (db) => this.statisticsOn(db, viewer, args));
  }

  private async statisticsOn(
    db: EntityManager,
    viewer: Viewer,
    args: StatisticsArgs,
  ): Promise<StatisticsRow[]> {
    const { where, params } = await laoScopeSql(db, viewer, args, 4);
    const [high, medium] = thresholdParams(args.round);
    const byDistrict = args.provinceId != null;
    const sql = statisticsSql(where, byDistrict);
    const values = [args.fiscalYear, args.round, high, medium, ...params];
    const rowsOf = (rows: Record<string, unknown>[]): StatisticsRow[] =>
      rows.map((row) => ({
        provinceId: Number(row.province_id),
        districtId: byDistrict ? Number(row.key) : null,
        laoCount: Number(row.lao_count),
        laoTypes: laoTypes
          .map((type) => ({ type, count: Number(row[`type_${type}`]) }))
          .filter((t) => t.count > 0),
        plansPassed: Number(row.passed),
        plansIncomplete: Number(row.incomplete),
        plansSubmitted: Number(row.submitted),
        plansNotSubmitted: Number(row.not_submitted),
        noPassedPlan: Number(row.no_plan),
        fullyReported: Number(row.fully),
        partlyReported: Number(row.partly),
        notReported: Number(row.none),
        levelHigh: Number(row.high),
        levelMedium: Number(row.medium),
        levelLow: Number(row.low),
      }));
    const key = JSON.stringify([sql, values]);
    if (byDistrict) return this.cache.get(db, key, async () => rowsOf(await db.query(sql, values)));
    // By province: each province's row kept by its own versions, so a report recomputes one of 77.
    return this.cache.byProvince(db, args.fiscalYear, key, async (stale) => {
      const only = statisticsSql(`${where} AND l.province_id = ANY($${values.length + 1})`, false);
      return rowsOf(await db.query(only, [...values, stale]));
    });
  }

  /**
   * Projects and budgets by primary dimension over the LAOs in reach (the country, a
   * province, a district; by type or size): rejected projects left out, like the LAO summary.
   */
  budgetByDimension(
    viewer: Viewer,
    args: { fiscalYear: number; provinceId?: number; districtId?: number; type?: string; size?: string },
  ) {
    return onReplica(this.dataSource, async (db) => {
      const { where, params } = await laoScopeSql(db, viewer, args, 1);
      const rows: { dimension: string; count: number; without: number; anti: string; local: string }[] =
        await db.query(
          `SELECT p.primary_dimension AS dimension, count(*)::int AS count,
              count(*) FILTER (WHERE NOT p.uses_budget)::int AS without,
              coalesce(sum(p.anti_corruption_budget) FILTER (WHERE p.uses_budget), 0)::numeric(17,2)::text AS anti,
              coalesce(sum(p.local_development_budget) FILTER (WHERE p.uses_budget), 0)::numeric(17,2)::text AS local
         FROM project p JOIN lao l ON l.id = p.lao_id
        WHERE p.fiscal_years @> ARRAY[$1::smallint] AND ${countedProjectSql('p')} AND ${where}
        GROUP BY p.primary_dimension`,
          [args.fiscalYear, ...params],
        );
      return dimensionsInOrder.map((dimension) => {
        const row = rows.find((r) => r.dimension === dimension);
        return {
          dimension,
          projectCount: row?.count ?? 0,
          withoutBudgetCount: row?.without ?? 0,
          antiCorruptionBudget: row?.anti ?? '0.00',
          localDevelopmentBudget: row?.local ?? '0.00',
        };
      });
    });
  }

  /** The public LAO summary (publicLaoSummary): the same, from a replica when there are replicas. */
  publicLaoSummary(laoId: number, fiscalYear: number): Promise<LaoSummary> {
    return onReplica(this.dataSource, (db) => this.laoSummary(publicReader, laoId, fiscalYear, db));
  }

  /**
   * The LAO summary (its home page): projects by dimension and type, and both rounds, in one
   * statement (a prepared one on the primary; `db` given: on it, e.g. a replica).
   */
  async laoSummary(viewer: Viewer, laoId: number, fiscalYear: number, db?: Queryable): Promise<LaoSummary> {
    const [six, twelve] = [thresholdParams(RoundKind.SIX_MONTH), thresholdParams(RoundKind.TWELVE_MONTH)];
    const values = [laoId, fiscalYear, six[0], six[1], twelve[0], twelve[1]];
    const [row]: Record<string, unknown>[] = db
      ? await db.query(laoSummarySql, values)
      : await preparedQuery(this.dataSource, 'lao-summary', laoSummarySql, values);
    const lao = row ? { id: laoId, provinceId: Number(row.province_id) } : null;
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    const dimensions = row.dimensions as Record<
      string,
      { count: number; without: number; anti: string; local: string }
    >;
    const workTypes = row.work_types as Record<string, number>;
    const money = row.money as Record<string, { ordinance: string; disbursed: string }>;
    const implementation = row.implementation as Record<string, Record<string, unknown>>;
    return {
      laoId,
      fiscalYear,
      projectCount: Number(row.projects),
      rejectedCount: Number(row.rejected),
      dimensions: dimensionsInOrder.map((dimension) => ({
        dimension,
        projectCount: Number(dimensions[dimension]?.count ?? 0),
        withoutBudgetCount: Number(dimensions[dimension]?.without ?? 0),
        antiCorruptionBudget: dimensions[dimension]?.anti ?? '0.00',
        localDevelopmentBudget: dimensions[dimension]?.local ?? '0.00',
      })),
      workTypes: Object.values(WorkType).map((workType) => ({
        workType,
        projectCount: Number(workTypes[workType] ?? 0),
      })),
      rounds: [RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH].map((round) => ({
        round,
        implementation: { ...implementationRow(implementation[round]), fiscalYear },
        ordinanceBudget: money[round]?.ordinance ?? '0.00',
        disbursed: money[round]?.disbursed ?? '0.00',
      })),
    };
  }

  /** Totals row of the plan table (seed 001): budget sum and projects per quarter, rejected projects left out. */
  async planTableTotals(viewer: Viewer, laoId: number, fiscalYear: number): Promise<PlanTableTotals> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT uses_budget)::int AS without,
              coalesce(sum(anti_corruption_budget) FILTER (WHERE uses_budget), 0)::numeric(15,2)::text AS budget,
              count(*) FILTER (WHERE 1 = ANY(quarters))::int AS q1, count(*) FILTER (WHERE 2 = ANY(quarters))::int AS q2,
              count(*) FILTER (WHERE 3 = ANY(quarters))::int AS q3, count(*) FILTER (WHERE 4 = ANY(quarters))::int AS q4
         FROM project WHERE lao_id = $1 AND fiscal_years @> ARRAY[$2::smallint] AND ${countedProjectSql('')}`,
      [laoId, fiscalYear],
    );
    return {
      projectCount: row.n,
      withoutBudgetCount: row.without,
      antiCorruptionBudget: row.budget,
      quarterCounts: [row.q1, row.q2, row.q3, row.q4],
    };
  }

  /** The projects of an LAO's year with both rounds' reports, in plan-book order: one statement (exports). */
  async planRows(viewer: Viewer, laoId: number, fiscalYear: number): Promise<PlanRow[]> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    return this.dataSource.query(
      `SELECT p.id, p.name, p.work_type AS "workType", p.primary_dimension AS "dimension", p.quarters,
              p.uses_budget AS "usesBudget", p.anti_corruption_budget::text AS "budget", p.remarks, p.review_status AS "reviewStatus",
              p.review_reason AS "reviewReason", p.withdrawn_at AS "withdrawnAt", p.withdrawal_reason AS "withdrawalReason",
              six.status AS "sixStatus", six.unable_reason AS "sixReason", six.disbursed::text AS "sixDisbursed",
              six.remark AS "sixRemark",
              twelve.status AS "twelveStatus", twelve.unable_reason AS "twelveReason", twelve.disbursed::text AS "twelveDisbursed",
              twelve.remark AS "twelveRemark"
         FROM project p
         LEFT JOIN report six ON six.project_id = p.id AND six.fiscal_year = $2 AND six.round = 'SIX_MONTH'
         LEFT JOIN report twelve ON twelve.project_id = p.id AND twelve.fiscal_year = $2 AND twelve.round = 'TWELVE_MONTH'
        WHERE p.lao_id = $1 AND p.fiscal_years @> ARRAY[$2::smallint]
        ORDER BY p.id`,
      [laoId, fiscalYear],
    );
  }
}

export type PlanRow = {
  id: number;
  name: string;
  workType: WorkType;
  dimension: string;
  quarters: number[];
  usesBudget: boolean;
  budget: string;
  remarks: string | null;
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  sixStatus: string | null;
  sixReason: string | null;
  sixDisbursed: string | null;
  sixRemark: string | null;
  twelveStatus: string | null;
  twelveReason: string | null;
  twelveDisbursed: string | null;
  twelveRemark: string | null;
};
