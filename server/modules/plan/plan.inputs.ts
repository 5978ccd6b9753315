import { IsEnum, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { AssessmentVerdict, PlanStatus } from './plan.enums';
import { SyncArgs } from '../../graphql/sync-args';

const score = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const scoreMessage = { message: 'คะแนนต้องอยู่ระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง' };
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

  @Field(() => DecimalScalar, { description: 'Score of dimension 1 (0–100).' })
  @Matches(score, scoreMessage)
  scoreSociety: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 2 (0–100).' })
  @Matches(score, scoreMessage)
  scoreAdministration: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 3 (0–100).' })
  @Matches(score, scoreMessage)
  scoreParticipation: string;

  @Field(() => DecimalScalar, { description: 'Score of dimension 4 (0–100).' })
  @Matches(score, scoreMessage)
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
