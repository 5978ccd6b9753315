import type { DataSource } from 'typeorm';
import { canReadLao, provinceScope } from '../../auth/policy';
import { Role } from '../../auth/role';
import type { Viewer } from '../../auth/viewer';
import { notFound } from '../../errors/app-error';
import { ImplementationLevel, RoundKind } from './report.enums';

/** Level thresholds per round (DOMAIN.md, Implementation level): [high from, medium from]. */
export const levelThresholds: Record<RoundKind, [number, number]> = {
  [RoundKind.SIX_MONTH]: [50, 20],
  [RoundKind.TWELVE_MONTH]: [80, 50],
};

export type ImplementationRowData = {
  laoId: number;
  districtId: number;
  provinceId: number;
  eligibleCount: number;
  reportedCount: number;
  completedCount: number;
  inProgressCount: number;
  unableCount: number;
  percentage: string | null;
  level: ImplementationLevel;
};

export type CoverageRowData = {
  districtId: number;
  laoCount: number;
  fullyReported: number;
  partlyReported: number;
  notReported: number;
};

/**
 * Per LAO, fiscal year and round: projects of the year that are not rejected
 * (approved or awaiting review) are the base; those reported COMPLETED in the
 * round over that base, × 100, two decimals. Rejected projects count nowhere.
 * "Not reported" when the LAO has no report in the round. One statement for
 * any number of LAOs.
 */
export const countsSql = (where: string) => `
  WITH eligible AS (
    SELECT p.id, p.lao_id FROM project p
     WHERE p.fiscal_years @> ARRAY[$1::smallint] AND p.review_status <> 'REJECTED'
  ), counts AS (
    SELECT l.id AS lao_id, l.district_id, l.province_id,
           count(e.id)::int AS eligible,
           count(r.id)::int AS reported,
           count(r.id) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
           count(r.id) FILTER (WHERE r.status = 'IN_PROGRESS')::int AS in_progress,
           count(r.id) FILTER (WHERE r.status = 'UNABLE')::int AS unable
      FROM lao l
      LEFT JOIN eligible e ON e.lao_id = l.id
      LEFT JOIN report r ON r.project_id = e.id AND r.fiscal_year = $1 AND r.round = $2::round_kind
     WHERE ${where}
     GROUP BY l.id, l.district_id, l.province_id
  ), rated AS (
    SELECT c.*, CASE WHEN c.reported = 0 OR c.eligible = 0 THEN NULL
                     ELSE round(100.0 * c.completed / c.eligible, 2) END AS percentage
      FROM counts c
  )
  SELECT rated.*,
         CASE WHEN percentage IS NULL THEN 'NOT_REPORTED'
              WHEN percentage >= $3 THEN 'HIGH'
              WHEN percentage >= $4 THEN 'MEDIUM'
              ELSE 'LOW' END AS level
    FROM rated`;

/**
 * Record-level scope of the LAO tables as SQL over alias \`l\`: an LAO sees its
 * province (the province table is shared, DOMAIN.md Reports 5), a provincial office
 * its province, NACC central everything. Parameters are numbered after \`offset\`.
 */
export const laoScopeSql = async (
  dataSource: DataSource,
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
  const params: (number | string)[] = [];
  const add = (column: string, value: number | string) => {
    params.push(value);
    conditions.push(`l.${column} = $${params.length + offset}`);
  };
  if (viewer.kind === 'account' && viewer.role === Role.LAO) {
    const [own] = await dataSource.query(`SELECT province_id FROM lao WHERE id = $1`, [viewer.laoId]);
    add('province_id', Number(own.province_id));
  } else {
    const scope = provinceScope(viewer);
    if (scope !== null) add('province_id', scope);
  }
  // Explicit nulls from GraphQL mean "not given", like absent arguments.
  if (args.laoId != null) {
    const lao = await dataSource.query(`SELECT id, province_id AS "provinceId" FROM lao WHERE id = $1`, [
      args.laoId,
    ]);
    if (!lao[0] || !canReadLao(viewer, lao[0])) throw notFound('อปท.');
    add('id', args.laoId);
  }
  if (args.provinceId != null) add('province_id', args.provinceId);
  if (args.districtId != null) add('district_id', args.districtId);
  if (args.type != null) add('type', args.type);
  if (args.size != null) add('size', args.size);
  return { where: conditions.join(' AND '), params };
};

export class ImplementationService {
  constructor(private readonly dataSource: DataSource) {}

  async rows(
    viewer: Viewer,
    args: {
      fiscalYear: number;
      round: RoundKind;
      provinceId?: number;
      districtId?: number;
      laoId?: number;
      type?: string | null;
      size?: string | null;
      onlyIncomplete?: boolean;
      limit?: number;
    },
  ): Promise<ImplementationRowData[]> {
    const { where, params } = await laoScopeSql(this.dataSource, viewer, args, 4);
    const [high, medium] = levelThresholds[args.round];
    const filter = args.onlyIncomplete ? 'WHERE reported < eligible' : '';
    const sql = `SELECT * FROM (${countsSql(where)}) t ${filter}
      ORDER BY percentage DESC NULLS LAST, lao_id LIMIT ${Math.min(Math.max(args.limit ?? 1000, 1), 10000)}`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, [
      args.fiscalYear,
      args.round,
      high,
      medium,
      ...params,
    ]);
    return rows.map((row) => ({
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
    }));
  }

  /** Per district: how many LAOs reported every reportable project, some, or none. */
  async coverage(
    viewer: Viewer,
    args: { fiscalYear: number; round: RoundKind; provinceId?: number },
  ): Promise<CoverageRowData[]> {
    const { where, params } = await laoScopeSql(this.dataSource, viewer, args, 4);
    const [high, medium] = levelThresholds[args.round];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT district_id,
              count(*)::int AS lao_count,
              count(*) FILTER (WHERE eligible > 0 AND reported = eligible)::int AS fully,
              count(*) FILTER (WHERE reported > 0 AND reported < eligible)::int AS partly,
              count(*) FILTER (WHERE reported = 0)::int AS none
         FROM (${countsSql(where)}) t
        GROUP BY district_id ORDER BY district_id`,
      [args.fiscalYear, args.round, high, medium, ...params],
    );
    return rows.map((row) => ({
      districtId: Number(row.district_id),
      laoCount: Number(row.lao_count),
      fullyReported: Number(row.fully),
      partlyReported: Number(row.partly),
      notReported: Number(row.none),
    }));
  }
}
