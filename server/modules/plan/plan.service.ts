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
import { AssessmentPassMark } from './pass-mark.entity';
import { SelfAssessment } from './self-assessment.entity';
import {
  assessorLevel,
  decideVerdict,
  requireMayAssessPlanAt,
  requireMaySelfAssess,
  requireMaySubmitPlan,
  requirePlanHasProjects,
  statusAfterAssessment,
  sumScores,
} from './plan-rules';
import { can } from '../../auth/policy';
import { conflict, forbidden } from '../../errors/app-error';

export type DimensionScores = {
  scoreSociety: string;
  scoreAdministration: string;
  scoreParticipation: string;
  scoreOversight: string;
};

export type AssessInput = DimensionScores & {
  planId: number;
  version: number;
  verdict?: AssessmentVerdict | null;
  overrideReason?: string | null;
  comments?: string | null;
};

const scoresOf = (input: DimensionScores): string[] => [
  input.scoreSociety,
  input.scoreAdministration,
  input.scoreParticipation,
  input.scoreOversight,
];

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

  /**
   * NACC assesses a submitted plan (a provincial office's is P, central's M; central may also
   * re-assess an assessed plan). The outcome follows the total against the year's pass mark
   * unless the assessor overrides it with a reason (`decideVerdict`); it becomes the plan's state.
   */
  async assess(viewer: Viewer, input: AssessInput): Promise<Assessment> {
    const actor = requireSignedIn(viewer);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager
        .getRepository(Plan)
        .findOne({ where: { id: input.planId }, relations: { lao: true } });
      requireCan(viewer, 'plan.assess', found, found?.lao, 'แผน');
      const plan = found as Plan;
      // A stale screen first: the plan may have been assessed or resubmitted since it was opened.
      if (plan.version !== input.version) throw conflict();
      const level = assessorLevel(viewer);
      requireMayAssessPlanAt(plan, level);
      const totalScore = sumScores(scoresOf(input));
      const mark = await manager.getRepository(AssessmentPassMark).findOneBy({ fiscalYear: plan.fiscalYear });
      const decided = decideVerdict({
        fiscalYear: plan.fiscalYear,
        totalScore,
        passMark: mark?.score ?? null,
        chosen: input.verdict,
        overrideReason: input.overrideReason,
      });
      await updateVersioned(manager, Plan, plan.id, input.version, {
        status: statusAfterAssessment(decided.verdict),
      });
      const assessment = await manager.getRepository(Assessment).save(
        manager.getRepository(Assessment).create({
          planId: plan.id,
          level,
          verdict: decided.verdict,
          computedVerdict: decided.computedVerdict,
          passMark: mark?.score ?? null,
          overrideReason: decided.overrideReason,
          scoreSociety: input.scoreSociety,
          scoreAdministration: input.scoreAdministration,
          scoreParticipation: input.scoreParticipation,
          scoreOversight: input.scoreOversight,
          totalScore,
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

  /**
   * The LAO enters (or revises) its self-assessment of a plan: a new row each time, the newest
   * counts (legacy L). The plan's sync stamp moves so partners see the new scores.
   */
  async selfAssess(viewer: Viewer, input: DimensionScores & { planId: number }): Promise<SelfAssessment> {
    const actor = requireSignedIn(viewer);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager
        .getRepository(Plan)
        .findOne({ where: { id: input.planId }, relations: { lao: true } });
      requireCan(viewer, 'plan.selfAssess', found, found?.lao, 'แผน');
      const plan = found as Plan;
      requireMaySelfAssess(plan);
      const repository = manager.getRepository(SelfAssessment);
      const saved = await repository.save(
        repository.create({
          planId: plan.id,
          scoreSociety: input.scoreSociety,
          scoreAdministration: input.scoreAdministration,
          scoreParticipation: input.scoreParticipation,
          scoreOversight: input.scoreOversight,
          totalScore: sumScores(scoresOf(input)),
          accountId: actor.accountId,
        }),
      );
      await manager.query(`UPDATE plan SET updated_at = now() WHERE id = $1`, [plan.id]);
      const [, previous] = await repository.find({
        where: { planId: plan.id },
        order: { id: 'DESC' },
        take: 2,
      });
      const after = await repository.findOneByOrFail({ id: saved.id });
      await this.history.record(manager, actor, [
        {
          entityType: 'SELF_ASSESSMENT',
          entityId: plan.id,
          laoId: plan.laoId,
          action: previous ? 'UPDATE' : 'CREATE',
          before: previous,
          after,
        },
      ]);
      return after;
    });
  }

  /** Every fiscal year's pass mark, newest year first. */
  passMarks(): Promise<AssessmentPassMark[]> {
    return this.dataSource.getRepository(AssessmentPassMark).find({ order: { fiscalYear: 'DESC' } });
  }

  /**
   * NACC central sets the pass mark of a fiscal year (legacy criterionscore). It applies to
   * assessments made from now on; plans already assessed keep their outcome (each assessment
   * keeps the mark it was made against). `version` is the mark's the editor saw (none for a new one).
   */
  async setPassMark(
    viewer: Viewer,
    input: { fiscalYear: number; score: string; version?: number | null },
  ): Promise<AssessmentPassMark> {
    const actor = requireSignedIn(viewer);
    if (!can(viewer, 'assessment.setPassMark')) throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AssessmentPassMark);
      const before = await repository.findOne({
        where: { fiscalYear: input.fiscalYear },
        lock: { mode: 'pessimistic_write' },
      });
      if (before && input.version != null && before.version !== input.version) throw conflict();
      if (before) {
        await repository.update(
          { fiscalYear: input.fiscalYear },
          { score: input.score, setByAccountId: actor.accountId, version: before.version + 1 },
        );
      } else {
        // A mark another editor created meanwhile is not overwritten unseen.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(AssessmentPassMark)
          .values({ fiscalYear: input.fiscalYear, score: input.score, setByAccountId: actor.accountId })
          .orIgnore()
          .execute();
        if ((inserted.raw as unknown[]).length === 0) throw conflict();
      }
      const after = await repository.findOneByOrFail({ fiscalYear: input.fiscalYear });
      await this.history.record(manager, actor, [
        {
          entityType: 'PASS_MARK',
          entityId: input.fiscalYear,
          laoId: null,
          action: before ? 'UPDATE' : 'CREATE',
          before,
          after,
        },
      ]);
      return after;
    });
  }
}
