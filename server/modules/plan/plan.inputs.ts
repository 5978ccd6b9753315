import { IsEnum, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { AssessmentVerdict, PlanStatus } from './plan.enums';
import { SyncArgs } from '../../graphql/sync-args';
import { DIMENSION_MAX_SCORE, isScore, scoreMessage } from './assessment-scale';

/** A dimension's score on the assessment scale (`assessment-scale.ts`). */
const IsScore = () =>
  ValidateBy({ name: 'isScore', validator: { validate: isScore, defaultMessage: () => scoreMessage } });
const year = { message: 'กรุณากรอกปี พ.ศ. เช่น 2566' };

@InputType({ description: 'A new plan cycle (NACC central).' })
export class CreatePlanCycleInput {
  @Field({ description: 'Name, e.g. แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566–2570.' })
  @Length(1, 200, { message: 'กรุณากรอกชื่อรอบแผน (ไม่เกิน 200 ตัวอักษร)' })
  nameTh: string;

  @Field(() => Int, { description: 'First fiscal year (พ.ศ.).' })
  @IsInt(year)
  @Min(2500, year)
  @Max(2700, year)
  startYear: number;

  @Field(() => Int, { description: 'Last fiscal year (พ.ศ.).' })
  @IsInt(year)
  @Min(2500, year)
  @Max(2700, year)
  endYear: number;
}

@InputType({ description: 'Rename or extend a plan cycle (NACC central).' })
export class UpdatePlanCycleInput extends CreatePlanCycleInput {
  @Field(() => ID, { description: 'The cycle.' })
  id: string;

  @Field(() => Int, { description: 'The version the editor saw.' })
  @IsInt()
  version: number;
}

@InputType({
  description: 'NACC’s assessment of a submitted plan: a score per dimension, a verdict, comments.',
})
export class AssessPlanInput {
  @Field(() => ID, { description: 'The plan.' })
  planId: string;

  @Field(() => Int, { description: 'The plan version the assessor saw.' })
  @IsInt()
  version: number;

  @Field(() => AssessmentVerdict, { description: 'Passed the standard or incomplete.' })
  @IsEnum(AssessmentVerdict, { message: 'กรุณาเลือกผลการประเมิน' })
  verdict: AssessmentVerdict;

  @Field(() => DecimalScalar, { description: `Score of dimension 1 (0–${DIMENSION_MAX_SCORE}).` })
  @IsScore()
  scoreSociety: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 2 (0–${DIMENSION_MAX_SCORE}).` })
  @IsScore()
  scoreAdministration: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 3 (0–${DIMENSION_MAX_SCORE}).` })
  @IsScore()
  scoreParticipation: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 4 (0–${DIMENSION_MAX_SCORE}).` })
  @IsScore()
  scoreOversight: string;

  @Field(() => String, { nullable: true, description: 'Comments for the LAO.' })
  @IsOptional()
  @MaxLength(5000, { message: 'ข้อความยาวเกิน 5,000 ตัวอักษร' })
  comments?: string | null;
}

@ArgsType()
export class PlansArgs extends SyncArgs {
  @Field(() => Int, { nullable: true, description: 'Only this fiscal year.' })
  fiscalYear?: number;

  @Field(() => PlanStatus, {
    nullable: true,
    description: 'Only this state (SUBMITTED: the assessment queue).',
  })
  status?: PlanStatus;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}
