import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Account } from '../modules/account/account.entity';
import { ActivationCode } from '../modules/account/activation-code.entity';
import { District } from '../modules/geo/district.entity';
import { Province } from '../modules/geo/province.entity';
import { Lao } from '../modules/lao/lao.entity';
import { Assessment } from '../modules/plan/assessment.entity';
import { PlanCycle } from '../modules/plan/plan-cycle.entity';
import { AssessmentPassMark } from '../modules/plan/pass-mark.entity';
import { SelfAssessment } from '../modules/plan/self-assessment.entity';
import { ItaScore } from '../modules/ita/ita-score.entity';
import { Report } from '../modules/report/report.entity';
import { ReportingRound } from '../modules/report/reporting-round.entity';
import type { SiteVisitStatus } from '../modules/follow-up/follow-up.enums';
import { SiteVisitFile } from '../modules/follow-up/site-visit.entity';
import { ReportEvidence } from '../modules/evidence/report-evidence.entity';

const byKey = <K, V>(keys: readonly K[], rows: V[], key: (row: V) => K): (V | null)[] => {
  const map = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => map.get(k) ?? null);
};

/** Per-request DataLoaders: every relation field goes through one, so lists cost one query per relation. */
/** The key of `loaders.report`: a project's report of a year and round ("projectId:year:round"). */
export const reportKey = (projectId: number | string, fiscalYear: number, round: string): string =>
  `${projectId}:${fiscalYear}:${round}`;

export const createLoaders = (dataSource: DataSource) => ({
  province: new DataLoader<number, Province | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Province).findBy({ id: In([...ids]) }), (p) => p.id),
  ),
  district: new DataLoader<number, District | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(District).findBy({ id: In([...ids]) }), (d) => d.id),
  ),
  districtsByProvince: new DataLoader<number, District[]>(async (provinceIds) => {
    const rows = await dataSource
      .getRepository(District)
      .find({ where: { provinceId: In([...provinceIds]) }, order: { nameTh: 'ASC' } });
    return provinceIds.map((id) => rows.filter((row) => row.provinceId === id));
  }),
  lao: new DataLoader<number, Lao | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Lao).findBy({ id: In([...ids]) }), (l) => l.id),
  ),
  account: new DataLoader<string, Account | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Account).findBy({ id: In([...ids]) }), (a) => a.id),
  ),
  planCycle: new DataLoader<number, PlanCycle | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(PlanCycle).findBy({ id: In([...ids]) }), (c) => c.id),
  ),
  /** Assessments of each plan, newest first. */
  assessmentsByPlan: new DataLoader<number, Assessment[]>(async (planIds) => {
    const rows = await dataSource
      .getRepository(Assessment)
      .find({ where: { planId: In([...planIds]) }, order: { id: 'DESC' } });
    return planIds.map((id) => rows.filter((row) => row.planId === id));
  }),
  /** Number of projects of each (LAO, fiscal year), keyed "laoId:year". */
  projectCount: new DataLoader<string, number>(async (keys) => {
    const pairs = keys.map((key) => key.split(':').map(Number));
    const rows: { lao_id: number; year: number; count: number }[] = await dataSource.query(
      `SELECT p.lao_id, k.year, count(*)::int AS count
         FROM unnest($1::int[], $2::int[]) AS k(lao_id, year)
         JOIN project p ON p.lao_id = k.lao_id AND p.fiscal_years @> ARRAY[k.year]::smallint[]
        GROUP BY p.lao_id, k.year`,
      [pairs.map(([laoId]) => laoId), pairs.map(([, year]) => year)],
    );
    const counts = new Map(rows.map((row) => [`${row.lao_id}:${row.year}`, row.count]));
    return keys.map((key) => counts.get(key) ?? 0);
  }),
  /** The status of each (LAO, fiscal year)'s plan, keyed "laoId:year" (null: no plan row yet). */
  planStatus: new DataLoader<string, string | null>(async (keys) => {
    const pairs = keys.map((key) => key.split(':').map(Number));
    const rows: { lao_id: number; fiscal_year: number; status: string }[] = await dataSource.query(
      `SELECT pl.lao_id, pl.fiscal_year, pl.status
         FROM unnest($1::int[], $2::int[]) AS k(lao_id, year)
         JOIN plan pl ON pl.lao_id = k.lao_id AND pl.fiscal_year = k.year`,
      [pairs.map(([laoId]) => laoId), pairs.map(([, year]) => year)],
    );
    const statuses = new Map(rows.map((row) => [`${row.lao_id}:${row.fiscal_year}`, row.status]));
    return keys.map((key) => statuses.get(key) ?? null);
  }),
  round: new DataLoader<number, ReportingRound | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(ReportingRound).findBy({ id: In([...ids]) }), (r) => r.id),
  ),
  /** A project's report of a year and round, keyed by `reportKey`. */
  report: new DataLoader<string, Report | null>(async (keys) => {
    const parts = keys.map((key) => key.split(':'));
    const rows: Report[] = await dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .innerJoin(
        `(SELECT * FROM unnest(:ids::int[], :years::int[], :rounds::text[]) AS k(project_id, fiscal_year, round))`,
        'k',
        'k.project_id = r.project_id AND k.fiscal_year = r.fiscal_year AND k.round = r.round::text',
      )
      .setParameters({
        ids: parts.map((p) => Number(p[0])),
        years: parts.map((p) => Number(p[1])),
        rounds: parts.map((p) => p[2]),
      })
      .getMany();
    return byKey(keys, rows, (r) => `${r.projectId}:${r.fiscalYear}:${r.round}`);
  }),
  /** The fiscal years of each LAO's plans (any state), newest first. */
  planYearsByLao: new DataLoader<number, number[]>(async (laoIds) => {
    const rows: { lao_id: number; years: number[] }[] = await dataSource.query(
      `SELECT lao_id, array_agg(fiscal_year::int ORDER BY fiscal_year DESC) AS years
         FROM plan WHERE lao_id = ANY($1) GROUP BY lao_id`,
      [[...laoIds]],
    );
    const years = new Map(rows.map((row) => [row.lao_id, row.years]));
    return laoIds.map((id) => years.get(id) ?? []);
  }),
  accountByLao: new DataLoader<number, Account | null>(async (laoIds) =>
    byKey(
      laoIds,
      await dataSource.getRepository(Account).findBy({ laoId: In([...laoIds]) }),
      (a) => a.laoId as number,
    ),
  ),
  /** The newest usable activation code of each LAO, if any. */
  pendingActivationByLao: new DataLoader<number, ActivationCode | null>(async (laoIds) => {
    const rows = await dataSource
      .getRepository(ActivationCode)
      .createQueryBuilder('code')
      .distinctOn(['code.lao_id'])
      .where('code.lao_id IN (:...laoIds)', { laoIds: [...laoIds] })
      .andWhere('code.used_at IS NULL AND code.revoked_at IS NULL AND code.expires_at > now()')
      .orderBy('code.lao_id')
      .addOrderBy('code.created_at', 'DESC')
      .getMany();
    return byKey(laoIds, rows, (row) => row.laoId);
  }),
  /** The newest self-assessment of each plan, if any. */
  latestSelfAssessment: new DataLoader<number, SelfAssessment | null>(async (planIds) => {
    const rows = await dataSource
      .getRepository(SelfAssessment)
      .createQueryBuilder('s')
      .distinctOn(['s.plan_id'])
      .where('s.plan_id IN (:...planIds)', { planIds: [...planIds] })
      .orderBy('s.plan_id')
      .addOrderBy('s.id', 'DESC')
      .getMany();
    return byKey(planIds, rows, (row) => row.planId);
  }),
  /** The pass mark of each fiscal year, if set. */
  passMark: new DataLoader<number, AssessmentPassMark | null>(async (years) =>
    byKey(
      years,
      await dataSource.getRepository(AssessmentPassMark).findBy({ fiscalYear: In([...years]) }),
      (m) => m.fiscalYear,
    ),
  ),
  /** The ITA score of each (LAO, fiscal year), keyed "laoId:year". */
  itaScore: new DataLoader<string, ItaScore | null>(async (keys) => {
    const pairs = keys.map((key) => key.split(':').map(Number));
    const rows = await dataSource
      .getRepository(ItaScore)
      .createQueryBuilder('i')
      .where('(i.lao_id, i.fiscal_year) IN (SELECT * FROM unnest(:laoIds::int[], :years::int[]))', {
        laoIds: pairs.map(([laoId]) => laoId),
        years: pairs.map(([, year]) => year),
      })
      .getMany();
    return byKey(keys, rows, (row) => `${row.laoId}:${row.fiscalYear}`);
  }),
  /** The site-visit state of an LAO in a fiscal year (key `laoId:fiscalYear`), null when none. */
  siteVisitStatus: new DataLoader<string, SiteVisitStatus | null>(async (keys) => {
    const pairs = keys.map((key) => key.split(':').map(Number));
    const rows: { lao_id: number; fiscal_year: number; status: SiteVisitStatus }[] = await dataSource.query(
      `SELECT v.lao_id, v.fiscal_year, v.status FROM site_visit v
         JOIN unnest($1::int[], $2::int[]) AS k(lao_id, fiscal_year)
           ON k.lao_id = v.lao_id AND k.fiscal_year = v.fiscal_year`,
      [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
    );
    return byKey(keys, rows, (row) => `${row.lao_id}:${row.fiscal_year}`).map((row) => row?.status ?? null);
  }),
  /** The files of each site visit, oldest first. */
  siteVisitFiles: new DataLoader<number, SiteVisitFile[]>(async (visitIds) => {
    const files = await dataSource
      .getRepository(SiteVisitFile)
      .find({ where: { siteVisitId: In([...visitIds]) }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    return visitIds.map((id) => files.filter((file) => file.siteVisitId === id));
  }),
  /** The evidence of each progress report, oldest first. */
  reportEvidence: new DataLoader<number, ReportEvidence[]>(async (reportIds) => {
    const files = await dataSource
      .getRepository(ReportEvidence)
      .find({ where: { reportId: In([...reportIds]) }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    return reportIds.map((id) => files.filter((file) => file.reportId === id));
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
