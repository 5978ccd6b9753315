import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { ImplementationLevel, ReportingState, RoundKind } from './report.enums';

@ObjectType({
  description: 'Implementation of one LAO’s plan in one fiscal year and round (ระดับการนำแผนไปปฏิบัติ).',
})
export class ImplementationRow {
  laoId: number;
  districtId: number;
  provinceId: number;
  fiscalYear?: number;

  @Field(() => Int, {
    description: 'Projects of the year that are not rejected (the base of the percentage).',
  })
  eligibleCount: number;

  @Field(() => Int, { description: 'Of those, reported in this round.' })
  reportedCount: number;

  @Field(() => Int, { description: 'Reported completed (ดำเนินการแล้วเสร็จ).' })
  completedCount: number;

  @Field(() => Int, { description: 'Reported in progress (อยู่ระหว่างดำเนินการ).' })
  inProgressCount: number;

  @Field(() => Int, { description: 'Reported unable (ไม่สามารถดำเนินการได้).' })
  unableCount: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'completed ÷ eligible × 100, two decimals; null when not reported.',
  })
  percentage: string | null;

  @Field(() => ImplementationLevel, { description: 'Level by the thresholds of the round.' })
  level: ImplementationLevel;

  @Field(() => ReportingState, {
    description:
      'Where the LAO stands in the round: no passed plan, not reported, partly or fully reported. The coverage counts count these.',
  })
  reportingState: ReportingState;
}

@ObjectType({
  description:
    'The level thresholds of one round (ระดับการนำแผนไปปฏิบัติ, DOMAIN.md): the lowest percentage of level high and of level medium.',
})
export class LevelThresholds {
  @Field(() => RoundKind, { description: 'Round.' })
  round: RoundKind;

  @Field(() => Int, { description: 'Level high (มาก) from this percentage.' })
  high: number;

  @Field(() => Int, {
    description: 'Level medium (ปานกลาง) from this percentage, up to `high`; below it, low (น้อย).',
  })
  medium: number;
}

@ObjectType({
  description: 'Reporting coverage of one district: how many LAOs reported fully, partly, not at all.',
})
export class DistrictCoverage {
  districtId: number;

  @Field(() => Int, {
    description:
      'LAOs of the district: noPassedPlan + fullyReported + partlyReported + notReported, each LAO counted once.',
  })
  laoCount: number;

  @Field(() => Int, {
    description:
      'LAOs without a plan of the year that passed the standard (ยังไม่มีแผน/แผนยังไม่ผ่าน): they cannot report.',
  })
  noPassedPlan: number;

  @Field(() => Int, { description: 'LAOs with a passed plan that reported every counted project.' })
  fullyReported: number;

  @Field(() => Int, { description: 'LAOs with a passed plan that reported some of them.' })
  partlyReported: number;

  @Field(() => Int, {
    description:
      'LAOs with a passed plan and no report in the round (including those that recorded no project).',
  })
  notReported: number;
}
