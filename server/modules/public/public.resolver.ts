import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { publicReader } from '../../auth/viewer';
import type { Context } from '../../context';
import { parseId } from '../../graphql/ids';
import { LaoSummary, StatisticsRow } from '../analytics/analytics.types';
import { Lao } from '../lao/lao.entity';
import { LaoConnection } from '../lao/lao.resolver';
import { LaoType } from '../lao/lao.enums';
import { Plan } from '../plan/plan.entity';
import { ProjectOrder } from '../project/project.inputs';
import { ProjectConnection } from '../project/project.resolver';
import { RoundKind } from '../report/report.enums';
import { ImplementationRow } from '../report/report.types';

@ArgsType()
class PublicLaoSearchArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Any part of the Thai name (e.g. ดินทอง), or the start of the 7-digit code.',
  })
  @IsOptional()
  @Length(1, 100)
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this district.' })
  districtId?: string;

  @Field(() => LaoType, { nullable: true, description: 'Only LAOs of this type.' })
  type?: LaoType;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1–100.' })
  @Min(1)
  @Max(100)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}

/**
 * What citizens read without an account (การติดตามแผนป้องกันการทุจริตของ อปท. สำหรับประชาชน).
 * These operations read every LAO's data as the public reader; which fields an
 * anonymous caller may select is decided per field in `publicFields` (access-rules.ts).
 */
@Resolver()
export class PublicResolver {
  @Query(() => LaoConnection, {
    description: 'Public: find LAOs by any part of the Thai name, or browse by province and district.',
  })
  publicLaoSearch(@Args() args: PublicLaoSearchArgs, @Ctx() ctx: Context) {
    return ctx.services.lao.publicSearch({ ...args, after: args.after ?? undefined });
  }

  @Query(() => Lao, { description: 'Public: one LAO by its 7-digit code.' })
  publicLao(
    @Arg('code', { description: '7-digit DLA code.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<Lao> {
    return ctx.services.lao.get(publicReader, { code });
  }

  @Query(() => Plan, {
    nullable: true,
    description: 'Public: an LAO’s plan of a fiscal year with its assessment.',
  })
  publicPlan(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<Plan | null> {
    return ctx.services.plans.get(publicReader, parseId(laoId, 'laoId'), fiscalYear);
  }

  @Query(() => [Plan], {
    description:
      'Public: every plan of an LAO, one per fiscal year, newest first (e.g. to pick the year a page opens on).',
  })
  publicPlans(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Ctx() ctx: Context,
  ): Promise<Plan[]> {
    return ctx.services.plans.listForLao(publicReader, parseId(laoId, 'laoId'));
  }

  @Query(() => ProjectConnection, {
    description: 'Public: the projects of an LAO’s plan in a fiscal year, as recorded.',
  })
  publicProjects(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size, 1–200.' }) first = 100,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after?: string,
  ) {
    return ctx.services.projects.list(publicReader, {
      laoId,
      fiscalYear,
      orderBy: ProjectOrder.RECORDED,
      first: Math.min(Math.max(first, 1), 200),
      after: after ?? undefined,
    });
  }

  @Query(() => LaoSummary, {
    description: 'Public: the summary of an LAO’s fiscal year (plan by dimension, both rounds).',
  })
  publicLaoSummary(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<LaoSummary> {
    return ctx.services.analytics.publicLaoSummary(parseId(laoId, 'laoId'), fiscalYear);
  }

  @Query(() => [ImplementationRow], {
    description: 'Public: the province implementation table (percentage and level per LAO).',
  })
  publicImplementation(
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Arg('round', () => RoundKind, { description: 'Round.' }) round: RoundKind,
    @Arg('provinceId', () => ID, { description: 'The province.' }) provinceId: string,
    @Ctx() ctx: Context,
  ): Promise<ImplementationRow[]> {
    return ctx.services.implementation.rows(publicReader, {
      fiscalYear,
      round,
      provinceId: parseId(provinceId, 'provinceId'),
    });
  }

  @Query(() => [StatisticsRow], {
    description: 'Public: national statistics by province, or a province’s by district.',
  })
  publicStatistics(
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Arg('round', () => RoundKind, { description: 'Round.' }) round: RoundKind,
    @Ctx() ctx: Context,
    @Arg('provinceId', () => ID, { nullable: true, description: 'A province: rows become its districts.' })
    provinceId?: string,
  ): Promise<StatisticsRow[]> {
    return ctx.services.analytics.statistics(publicReader, {
      fiscalYear,
      round,
      provinceId: provinceId ? parseId(provinceId, 'provinceId') : undefined,
    });
  }
}
