import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { LaoType } from '../lao/lao.enums';
import { Dimension } from '../plan/plan.enums';
import { WorkType } from '../project/project.enums';
import { RoundKind } from '../report/report.enums';
import { ImplementationRow } from '../report/report.types';

@ObjectType({ description: 'Number of LAOs of one type.' })
export class LaoTypeCount {
  @Field(() => LaoType, { description: 'Type.' })
  type: LaoType;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

@ObjectType({
  description: 'One row of the national or provincial statistics: a province, or a district of a province.',
})
export class StatisticsRow {
  provinceId: number;
  districtId: number | null;

  @Field(() => Int, { description: 'LAOs.' })
  laoCount: number;

  @Field(() => [LaoTypeCount], { description: 'LAOs per type.' })
  laoTypes: LaoTypeCount[];

  @Field(() => Int, { description: 'Plans passed the standard (ผ่านเกณฑ์).' })
  plansPassed: number;

  @Field(() => Int, { description: 'Plans assessed incomplete (ไม่สมบูรณ์).' })
  plansIncomplete: number;

  @Field(() => Int, { description: 'Plans submitted, awaiting assessment.' })
  plansSubmitted: number;

  @Field(() => Int, {
    description: 'LAOs that have not submitted a plan for the year (draft or nothing recorded).',
  })
  plansNotSubmitted: number;

  @Field(() => Int, {
    description:
      'LAOs without a plan of the year that passed the standard (ยังไม่มีแผน/แผนยังไม่ผ่าน): laoCount − plansPassed. They cannot report, so they are in none of the three reporting counts.',
  })
  noPassedPlan: number;

  @Field(() => Int, {
    description: 'LAOs with a passed plan that reported every counted project in the round.',
  })
  fullyReported: number;

  @Field(() => Int, { description: 'LAOs with a passed plan that reported some.' })
  partlyReported: number;

  @Field(() => Int, {
    description:
      'LAOs with a passed plan and no report in the round (including those that recorded no project).',
  })
  notReported: number;

  @Field(() => Int, { description: 'LAOs at level high (มาก).' })
  levelHigh: number;

  @Field(() => Int, { description: 'LAOs at level medium (ปานกลาง).' })
  levelMedium: number;

  @Field(() => Int, { description: 'LAOs at level low (น้อย).' })
  levelLow: number;
}

@ObjectType({ description: 'Projects and budget of one dimension.' })
export class DimensionTotals {
  @Field(() => Dimension, { description: 'Dimension.' })
  dimension: Dimension;

  @Field(() => Int, { description: 'Projects (not rejected) whose primary dimension it is.' })
  projectCount: number;

  @Field(() => Int, {
    description:
      'Of those, the projects done without budget (ไม่ใช้งบประมาณ): in the count, not in the budget sums.',
  })
  withoutBudgetCount: number;

  @Field(() => DecimalScalar, {
    description: 'Budget under the anti-corruption plan of those that use budget, baht.',
  })
  antiCorruptionBudget: string;

  @Field(() => DecimalScalar, { description: 'Their budget under the local development plan, baht.' })
  localDevelopmentBudget: string;
}

@ObjectType({ description: 'Projects of one work type.' })
export class WorkTypeCount {
  @Field(() => WorkType, { description: 'Work type.' })
  workType: WorkType;

  @Field(() => Int, { description: 'Projects (not rejected).' })
  projectCount: number;
}

@ObjectType({ description: 'A round of the LAO summary: implementation and money.' })
export class RoundSummary {
  @Field(() => RoundKind, { description: 'Round.' })
  round: RoundKind;

  @Field(() => ImplementationRow, { description: 'Counts, percentage and level.' })
  implementation: ImplementationRow;

  @Field(() => DecimalScalar, { description: 'Budget under the ordinance, summed over the round’s reports.' })
  ordinanceBudget: string;

  @Field(() => DecimalScalar, { description: 'Disbursed, summed over the round’s reports.' })
  disbursed: string;
}

@ObjectType({
  description:
    'LAO summary of one fiscal year (ข้อมูลโดยสรุป): the plan by dimension and type, and both rounds.',
})
export class LaoSummary {
  laoId: number;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  fiscalYear: number;

  @Field(() => Int, { description: 'Projects of the year that are not rejected.' })
  projectCount: number;

  @Field(() => Int, { description: 'Projects of the year NACC rejected.' })
  rejectedCount: number;

  @Field(() => [DimensionTotals], { description: 'Per dimension, all four, in order.' })
  dimensions: DimensionTotals[];

  @Field(() => [WorkTypeCount], { description: 'Per work type, all four, in order.' })
  workTypes: WorkTypeCount[];

  @Field(() => [RoundSummary], { description: 'Both rounds.' })
  rounds: RoundSummary[];
}

@ObjectType({ description: 'Totals row of the plan table: budget sum and projects per quarter.' })
export class PlanTableTotals {
  @Field(() => Int, { description: 'Projects listed.' })
  projectCount: number;

  @Field(() => Int, {
    description: 'Of those, the projects done without budget (ไม่ใช้งบประมาณ): not in the budget sum.',
  })
  withoutBudgetCount: number;

  @Field(() => DecimalScalar, {
    description: 'Sum of the anti-corruption budget of the projects that use budget, baht.',
  })
  antiCorruptionBudget: string;

  @Field(() => [Int], { description: 'Projects running in quarters 1, 2, 3 and 4.' })
  quarterCounts: number[];
}
