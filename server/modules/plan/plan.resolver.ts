import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { Lao } from '../lao/lao.entity';
import { Assessment } from './assessment.entity';
import { AssessmentScale, assessmentScale } from './assessment-scale';
import { PlanCycle } from './plan-cycle.entity';
import { Plan } from './plan.entity';
import { AssessPlanInput, CreatePlanCycleInput, PlansArgs, UpdatePlanCycleInput } from './plan.inputs';
import { PlanPermissions } from './plan.types';
import { planPermissions } from './plan-rules';

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
  @FieldResolver(() => String, { description: 'Name of the assessor.' })
  async assessorName(@Root() assessment: Assessment, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.account.load(assessment.assessorAccountId))?.displayName ?? '';
  }
}
