import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { Lao } from '../lao/lao.entity';
import { Assessment } from './assessment.entity';
import { AssessmentScale, assessmentScale } from './assessment-scale';
import { PlanCycle } from './plan-cycle.entity';
import { Plan } from './plan.entity';
import {
  AssessPlanInput,
  CreatePlanCycleInput,
  PlansArgs,
  SelfAssessPlanInput,
  SetPassMarkInput,
  UpdatePlanCycleInput,
} from './plan.inputs';
import { PlanPermissions, PlanScores, PlanScoreSet } from './plan.types';
import { currentNaccScores, effectiveScore, planPermissions, verdictByPassMark } from './plan-rules';
import { AssessmentPassMark } from './pass-mark.entity';
import { SelfAssessment } from './self-assessment.entity';
import { ScoreLevel } from './plan.enums';

const scoreSet = (
  level: ScoreLevel,
  row: Assessment | SelfAssessment | null,
  at: (row: never) => Date,
): PlanScoreSet | null =>
  row && {
    level,
    scoreSociety: row.scoreSociety,
    scoreAdministration: row.scoreAdministration,
    scoreParticipation: row.scoreParticipation,
    scoreOversight: row.scoreOversight,
    totalScore: row.totalScore,
    at: at(row as never),
  };

const PlanConnection = connectionOf('Plan', Plan);

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => AssessmentScale, {
    description:
      'The plan assessment scale: the most points per dimension and in total (forms and reports read it).',
  })
  assessmentScale(): AssessmentScale {
    return assessmentScale;
  }

  @Query(() => [AssessmentPassMark], {
    description: 'The pass mark of every fiscal year that has one, newest year first (เกณฑ์คะแนนผ่าน).',
  })
  assessmentPassMarks(@Ctx() ctx: Context): Promise<AssessmentPassMark[]> {
    return ctx.services.plans.passMarks();
  }

  @Query(() => [PlanCycle], { description: 'Plan cycles, newest first.' })
  planCycles(@Ctx() ctx: Context): Promise<PlanCycle[]> {
    return ctx.services.planCycles.list();
  }

  @Query(() => Plan, {
    nullable: true,
    description: 'An LAO’s plan of one fiscal year; null until a project of that year is recorded.',
  })
  plan(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<Plan | null> {
    return ctx.services.plans.get(ctx.viewer, parseId(laoId, 'laoId'), fiscalYear);
  }

  @Query(() => PlanConnection, {
    description: 'Plans within the caller’s reach (NACC), e.g. those awaiting assessment.',
  })
  plans(@Args() args: PlansArgs, @Ctx() ctx: Context) {
    return ctx.services.plans.list(ctx.viewer, {
      ...args,
      provinceId: args.provinceId ? parseId(args.provinceId, 'provinceId') : undefined,
    });
  }

  @Mutation(() => PlanCycle, { description: 'NACC central: create a plan cycle.' })
  createPlanCycle(
    @Arg('input', { description: 'What to submit.' }) input: CreatePlanCycleInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.planCycles.create(ctx.viewer, input);
  }

  @Mutation(() => PlanCycle, { description: 'NACC central: rename or extend a plan cycle.' })
  updatePlanCycle(
    @Arg('input', { description: 'What to submit.' }) input: UpdatePlanCycleInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.planCycles.update(ctx.viewer, { ...input, id: parseId(input.id) });
  }

  @Mutation(() => Plan, { description: 'The LAO submits its plan of a fiscal year to NACC.' })
  submitPlan(
    @Arg('planId', () => ID, { description: 'The plan.' }) planId: string,
    @Arg('version', () => Int, { description: 'The plan version the LAO saw.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<Plan> {
    return ctx.services.plans.submit(ctx.viewer, parseId(planId, 'planId'), version);
  }

  @Mutation(() => Assessment, { description: 'NACC assesses a submitted plan: scores, verdict, comments.' })
  assessPlan(@Arg('input', { description: 'What to submit.' }) input: AssessPlanInput, @Ctx() ctx: Context) {
    return ctx.services.plans.assess(ctx.viewer, { ...input, planId: parseId(input.planId, 'planId') });
  }

  @Mutation(() => SelfAssessment, {
    description: 'The LAO enters or revises its self-assessment of a plan (legacy L), until the plan passes.',
  })
  selfAssessPlan(
    @Arg('input', { description: 'What to submit.' }) input: SelfAssessPlanInput,
    @Ctx() ctx: Context,
  ): Promise<SelfAssessment> {
    return ctx.services.plans.selfAssess(ctx.viewer, { ...input, planId: parseId(input.planId, 'planId') });
  }

  @Mutation(() => AssessmentPassMark, {
    description:
      'NACC central sets the pass mark of a fiscal year; assessments made from now on follow it (plans already assessed keep their outcome).',
  })
  setAssessmentPassMark(
    @Arg('input', { description: 'What to submit.' }) input: SetPassMarkInput,
    @Ctx() ctx: Context,
  ): Promise<AssessmentPassMark> {
    return ctx.services.plans.setPassMark(ctx.viewer, input);
  }

  @FieldResolver(() => PlanScores, {
    description:
      'The plan’s scores: self-assessment (L), provincial office (P), NACC central (M), the effective score, the pass mark and what it gives.',
  })
  async scores(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanScores> {
    const [assessments, self, mark] = await Promise.all([
      ctx.loaders.assessmentsByPlan.load(plan.id),
      ctx.loaders.latestSelfAssessment.load(plan.id),
      ctx.loaders.passMark.load(plan.fiscalYear),
    ]);
    const nacc = currentNaccScores(assessments, plan.submittedAt);
    const sets = {
      self: scoreSet(ScoreLevel.SELF, self, (row: SelfAssessment) => row.enteredAt),
      provincial: scoreSet(ScoreLevel.PROVINCIAL, nacc.provincial, (row: Assessment) => row.assessedAt),
      central: scoreSet(ScoreLevel.CENTRAL, nacc.central, (row: Assessment) => row.assessedAt),
    };
    const effective = effectiveScore(sets);
    const passMark = mark?.score ?? null;
    return {
      ...sets,
      effective,
      passMark,
      verdictByPassMark: effective ? verdictByPassMark(effective.totalScore, passMark) : null,
    };
  }

  @FieldResolver(() => Lao, { description: 'The LAO.' })
  async lao(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(plan.laoId)) as Lao;
  }

  @FieldResolver(() => PlanCycle, { description: 'The plan cycle this fiscal year belongs to.' })
  async cycle(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanCycle> {
    return (await ctx.loaders.planCycle.load(plan.cycleId)) as PlanCycle;
  }

  @FieldResolver(() => [Assessment], { description: 'Every assessment of this plan, newest first.' })
  assessments(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Assessment[]> {
    return ctx.loaders.assessmentsByPlan.load(plan.id);
  }

  @FieldResolver(() => Assessment, { nullable: true, description: 'The newest assessment, if any.' })
  async latestAssessment(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Assessment | null> {
    return (await ctx.loaders.assessmentsByPlan.load(plan.id))[0] ?? null;
  }

  @FieldResolver(() => Int, {
    description: 'Number of projects recorded for this fiscal year (บันทึกข้อมูลแล้วจำนวน N รายการ).',
  })
  projectCount(@Root() plan: Plan, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.projectCount.load(`${plan.laoId}:${plan.fiscalYear}`);
  }

  @FieldResolver(() => PlanPermissions, { description: 'What the viewer may do with this plan.' })
  async viewerCan(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanPermissions> {
    return planPermissions(ctx.viewer, (await ctx.loaders.lao.load(plan.laoId)) as Lao, plan);
  }
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => Boolean, {
    description: 'True when the verdict differs from the pass mark’s (see overrideReason).',
  })
  overridden(@Root() assessment: Assessment): boolean {
    return assessment.computedVerdict !== null && assessment.computedVerdict !== assessment.verdict;
  }

  @FieldResolver(() => String, { description: 'Name of the assessor.' })
  async assessorName(@Root() assessment: Assessment, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.account.load(assessment.assessorAccountId))?.displayName ?? '';
  }
}
