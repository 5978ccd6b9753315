import { IsOptional } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { parseId } from '../../graphql/ids';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';
import { Lao } from '../lao/lao.entity';
import { LaoSize, LaoType } from '../lao/lao.enums';
import { RoundKind } from '../report/report.enums';
import { DimensionTotals, LaoSummary, PlanTableTotals, StatisticsRow } from './analytics.types';

@ArgsType()
export class StatisticsArgsInput {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round whose reporting and levels are counted.' })
  round: RoundKind;

  @Field(() => ID, { nullable: true, description: 'A province: rows become its districts (drill-down).' })
  @IsOptional()
  provinceId?: string;

  @Field(() => LaoType, { nullable: true, description: 'Only LAOs of this type.' })
  type?: LaoType;

  @Field(() => LaoSize, { nullable: true, description: 'Only LAOs of this size.' })
  size?: LaoSize;
}

@ArgsType()
export class BudgetByDimensionArgs {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  fiscalYear: number;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this district.' })
  districtId?: string;

  @Field(() => LaoType, { nullable: true, description: 'Only LAOs of this type.' })
  type?: LaoType;

  @Field(() => LaoSize, { nullable: true, description: 'Only LAOs of this size.' })
  size?: LaoSize;
}

@Resolver(() => StatisticsRow)
export class AnalyticsResolver {
  @Query(() => [StatisticsRow], {
    description:
      'National statistics by province, or a province’s by district: plans, reporting coverage, levels.',
  })
  statistics(@Args() args: StatisticsArgsInput, @Ctx() ctx: Context): Promise<StatisticsRow[]> {
    return ctx.services.analytics.statistics(ctx.viewer, {
      ...args,
      provinceId: args.provinceId ? parseId(args.provinceId, 'provinceId') : undefined,
    });
  }

  @Query(() => [DimensionTotals], {
    description:
      'Projects and budgets by primary dimension for the country, a province or a district (rejected projects excluded).',
  })
  budgetByDimension(@Args() args: BudgetByDimensionArgs, @Ctx() ctx: Context): Promise<DimensionTotals[]> {
    return ctx.services.analytics.budgetByDimension(ctx.viewer, {
      fiscalYear: args.fiscalYear,
      provinceId: args.provinceId ? parseId(args.provinceId, 'provinceId') : undefined,
      districtId: args.districtId ? parseId(args.districtId, 'districtId') : undefined,
      type: args.type ?? undefined,
      size: args.size ?? undefined,
    }) as Promise<DimensionTotals[]>;
  }

  @Query(() => LaoSummary, { description: 'The LAO summary of a fiscal year (ข้อมูลโดยสรุป).' })
  laoSummary(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<LaoSummary> {
    return ctx.services.analytics.laoSummary(ctx.viewer, parseId(laoId, 'laoId'), fiscalYear);
  }

  @Query(() => PlanTableTotals, {
    description: 'Totals row of the plan table (budget sum, projects per quarter).',
  })
  planTableTotals(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<PlanTableTotals> {
    return ctx.services.analytics.planTableTotals(ctx.viewer, parseId(laoId, 'laoId'), fiscalYear);
  }

  @FieldResolver(() => Province, { description: 'The province.' })
  async province(@Root() row: StatisticsRow, @Ctx() ctx: Context): Promise<Province> {
    return (await ctx.loaders.province.load(row.provinceId)) as Province;
  }

  @FieldResolver(() => District, { nullable: true, description: 'The district, in a province’s drill-down.' })
  async district(@Root() row: StatisticsRow, @Ctx() ctx: Context): Promise<District | null> {
    return row.districtId === null ? null : ctx.loaders.district.load(row.districtId);
  }
}

@Resolver(() => LaoSummary)
export class LaoSummaryResolver {
  @FieldResolver(() => Lao, { description: 'The LAO.' })
  async lao(@Root() summary: LaoSummary, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(summary.laoId)) as Lao;
  }
}
