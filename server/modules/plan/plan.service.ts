import type { DataSource } from 'typeorm';
import { updateVersioned } from '../../db/optimistic';
import { requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import type { Connection } from '../../graphql/connection';
import { keysetPage, syncOrder } from '../../graphql/keyset';
import type { HistoryService } from '../history/history.service';
import { Lao } from '../lao/lao.entity';
import { Assessment } from './assessment.entity';
import { countedProjectSql } from '../report/reporting-rules';
import { Plan } from './plan.entity';
import { AssessmentVerdict, PlanStatus } from './plan.enums';
import {
  requireMayAssessPlan,
  requireMaySubmitPlan,
  requirePlanHasProjects,
  statusAfterAssessment,
} from './plan-rules';

export type AssessInput = {
  planId: number;
  version: number;
  verdict: AssessmentVerdict;
  scoreSociety: string;
  scoreAdministration: string;
  scoreParticipation: string;
  scoreOversight: string;
  comments?: string | null;
};

const sumScores = (scores: string[]): string => {
  // Exact: scores have at most two decimals, so sum them in hundredths.
  const hundredths = scores.reduce((total, score) => total + Math.round(Number(score) * 100), 0);
  return (hundredths / 100).toFixed(2);
};

/** Plan state per LAO and fiscal year: draft → submitted → passed / incomplete; every assessment kept. */
export class PlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
  ) {}

  async get(viewer: Viewer, laoId: number, fiscalYear: number): Promise<Plan | null> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    return this.dataSource.getRepository(Plan).findOneBy({ laoId, fiscalYear });
  }

  /** Every plan of an LAO, newest fiscal year first (one per year, so the list stays short). */
  async listForLao(viewer: Viewer, laoId: number): Promise<Plan[]> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    return this.dataSource.getRepository(Plan).find({ where: { laoId }, order: { fiscalYear: 'DESC' } });
  }

  /** NACC's list of plans (e.g. the assessment queue: status SUBMITTED). */
  async list(
    viewer: Viewer,
    args: {
      fiscalYear?: number;
      status?: PlanStatus;
      provinceId?: number;
      updatedSince?: Date | null;
      first: number;
      after?: string;
    },
  ): Promise<Connection<Plan>> {
    const query = this.dataSource.getRepository(Plan).createQueryBuilder('plan').innerJoin('plan.lao', 'lao');
    restrictToScope(query, viewer, { province: 'lao.province_id' });
    if (args.provinceId) query.andWhere('lao.province_id = :provinceId', { provinceId: args.provinceId });
    if (args.fiscalYear) query.andWhere('plan.fiscal_year = :year', { year: args.fiscalYear });
    if (args.status) query.andWhere('plan.status = :status', { status: args.status });
    const keys = syncOrder(query, 'plan', args.updatedSince, [{ sql: 'plan.id', type: 'integer' }]);
    return keysetPage(query, keys, args);
  }

  /** The LAO sends its plan of a year to NACC; needs at least one project that is not rejected. */
  async submit(viewer: Viewer, planId: number, version: number): Promise<Plan> {
    const actor = requireSignedIn(viewer);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager
        .getRepository(Plan)
        .findOne({ where: { id: planId }, relations: { lao: true } });
      requireCan(viewer, 'plan.submit', before, before?.lao, 'แผน');
      const plan = before as Plan;
      requireMaySubmitPlan(plan);
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM project WHERE lao_id = $1 AND fiscal_years @> ARRAY[$2]::smallint[] AND ${countedProjectSql('')}`,
        [plan.laoId, plan.fiscalYear],
      );
      requirePlanHasProjects(plan.fiscalYear, count);
      await updateVersioned(manager, Plan, planId, version, {
        status: PlanStatus.SUBMITTED,
        submittedAt: () => 'now()',
      });
      const after = await manager.getRepository(Plan).findOneByOrFail({ id: planId });
      const { lao: _lao, ...old } = plan;
      await this.history.record(manager, actor, [
        { entityType: 'PLAN', entityId: planId, laoId: plan.laoId, action: 'SUBMIT', before: old, after },
      ]);
      return after;
    });
  }

  /** NACC assesses a submitted plan; the verdict becomes the plan's state. */
  async assess(viewer: Viewer, input: AssessInput): Promise<Assessment> {
    const actor = requireSignedIn(viewer);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager
        .getRepository(Plan)
        .findOne({ where: { id: input.planId }, relations: { lao: true } });
      requireCan(viewer, 'plan.assess', found, found?.lao, 'แผน');
      const plan = found as Plan;
      requireMayAssessPlan(plan);
      await updateVersioned(manager, Plan, plan.id, input.version, {
        status: statusAfterAssessment(input.verdict),
      });
      const scores = [
        input.scoreSociety,
        input.scoreAdministration,
        input.scoreParticipation,
        input.scoreOversight,
      ];
      const assessment = await manager.getRepository(Assessment).save(
        manager.getRepository(Assessment).create({
          planId: plan.id,
          verdict: input.verdict,
          scoreSociety: input.scoreSociety,
          scoreAdministration: input.scoreAdministration,
          scoreParticipation: input.scoreParticipation,
          scoreOversight: input.scoreOversight,
          totalScore: sumScores(scores),
          comments: input.comments?.trim() || null,
          assessorAccountId: actor.accountId,
        }),
      );
      await this.history.record(manager, actor, [
        {
          entityType: 'ASSESSMENT',
          entityId: assessment.id,
          laoId: plan.laoId,
          action: 'ASSESS',
          after: assessment,
        },
      ]);
      return manager.getRepository(Assessment).findOneByOrFail({ id: assessment.id });
    });
  }
}
