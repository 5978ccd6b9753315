import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { Dimension } from '../plan/plan.enums';
import { ReviewStatus, TargetGroup, WorkType } from './project.enums';
import { SyncArgs } from '../../graphql/sync-args';

const money = /^\d{1,13}(\.\d{1,2})?$/;
const moneyMessage = { message: 'กรุณากรอกงบประมาณเป็นตัวเลขไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง (บาท)' };
const longText = { message: 'ข้อความยาวเกิน 5,000 ตัวอักษร' };
/**
 * Filled in (not blank) and at most 5,000 characters (with `IsDefined`, which runs even where
 * type-graphql skips missing properties): the fields seed 002 lists under "ข้อมูลที่ต้องบันทึก". */
const RequiredText = (missing: string) =>
  ValidateBy({
    name: 'requiredText',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /\S/.test(value) && value.length <= 5000,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && /\S/.test(args.value) ? longText.message : missing,
    },
  });

/** At least one target group ticked, or another one written in (อื่น ๆ ระบุ). */
const TargetGroupGiven = () =>
  ValidateBy({
    name: 'targetGroupGiven',
    validator: {
      validate: (value: unknown, args) =>
        (Array.isArray(value) && value.length > 0) ||
        Boolean((args?.object as { otherTargetGroup?: string | null }).otherTargetGroup?.trim()),
      defaultMessage: () => 'กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ',
    },
  });

@InputType({ description: 'Every field of a project, as on the entry form (บันทึกแผน).' })
export class ProjectFieldsInput {
  @Field({ description: 'Name (ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน).' })
  @Length(1, 500, { message: 'กรุณากรอกชื่อโครงการ (ไม่เกิน 500 ตัวอักษร)' })
  name: string;

  @Field(() => WorkType, { description: 'Work type.' })
  @IsEnum(WorkType, { message: 'กรุณาเลือกประเภทงาน' })
  workType: WorkType;

  @Field(() => [Int], { description: 'Fiscal years (พ.ศ.) in which it runs; all within one plan cycle.' })
  @ArrayNotEmpty({ message: 'กรุณาเลือกปีงบประมาณที่ดำเนินการอย่างน้อย 1 ปี' })
  @ArrayMaxSize(10, { message: 'เลือกปีงบประมาณได้ไม่เกิน 10 ปี' })
  @IsInt({ each: true, message: 'ปีงบประมาณต้องเป็นปี พ.ศ.' })
  @Min(2500, { each: true, message: 'ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566' })
  @Max(2700, { each: true, message: 'ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566' })
  fiscalYears: number[];

  @Field(() => [Int], { description: 'Quarters 1–4 in which it runs.' })
  @ArrayNotEmpty({ message: 'กรุณาเลือกไตรมาสที่ดำเนินการอย่างน้อย 1 ไตรมาส' })
  @IsIn([1, 2, 3, 4], { each: true, message: 'ไตรมาสต้องเป็น 1 ถึง 4' })
  quarters: number[];

  @Field(() => Dimension, { description: 'Primary dimension.' })
  @IsEnum(Dimension, { message: 'กรุณาเลือกมิติ' })
  primaryDimension: Dimension;

  @Field(() => [Dimension], { defaultValue: [], description: 'Additional dimensions (optional).' })
  @IsEnum(Dimension, { each: true, message: 'มิติเพิ่มเติมไม่ถูกต้อง' })
  additionalDimensions: Dimension[];

  @Field(() => String, {
    nullable: true,
    description: 'Essence (สาระสำคัญ); required to create or edit (null only on rows recorded before).',
  })
  @IsDefined({ message: 'กรุณากรอกสาระสำคัญ' })
  @RequiredText('กรุณากรอกสาระสำคัญ')
  essence?: string | null;

  @Field({
    defaultValue: true,
    description:
      'True: uses budget (ใช้งบประมาณ); false: done without budget (ดำเนินการโดยไม่ใช้งบประมาณ), and then no budget amount is accepted (PROJECT_WITHOUT_BUDGET).',
  })
  @IsBoolean()
  usesBudget: boolean;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Budget under the anti-corruption plan, baht; required when usesBudget, none without.',
  })
  @IsOptional()
  @Matches(money, moneyMessage)
  antiCorruptionBudget?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Budget under the local development plan, baht (0 when omitted); none without budget.',
  })
  @IsOptional()
  @Matches(money, moneyMessage)
  localDevelopmentBudget?: string | null;

  @Field(() => [TargetGroup], {
    defaultValue: [],
    description: 'Target groups; at least one, or otherTargetGroup.',
  })
  @TargetGroupGiven()
  @IsEnum(TargetGroup, { each: true, message: 'กลุ่มเป้าหมายไม่ถูกต้อง' })
  targetGroups: TargetGroup[];

  @Field(() => String, { nullable: true, description: 'Other target group, in words (อื่น ๆ ระบุ).' })
  @IsOptional()
  @MaxLength(500, { message: 'กลุ่มเป้าหมายอื่น ๆ ยาวเกิน 500 ตัวอักษร' })
  otherTargetGroup?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Objectives (วัตถุประสงค์); required to create or edit (null only on rows recorded before).',
  })
  @IsDefined({ message: 'กรุณากรอกวัตถุประสงค์' })
  @RequiredText('กรุณากรอกวัตถุประสงค์')
  objectives?: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks (หมายเหตุ).' })
  @IsOptional()
  @MaxLength(5000, longText)
  remarks?: string | null;
}

@InputType({ description: 'Edit a project: its id, the version the form was loaded with, and every field.' })
export class UpdateProjectInput extends ProjectFieldsInput {
  @Field(() => ID, { description: 'The project.' })
  id: string;

  @Field(() => Int, { description: 'The version the editor saw; a stale one fails with CONFLICT.' })
  @IsInt()
  version: number;
}

@InputType({ description: 'A project and the version the reviewer saw.' })
export class ProjectVersionInput {
  @Field(() => ID, { description: 'The project.' })
  id: string;

  @Field(() => Int, { description: 'The version the reviewer saw.' })
  @IsInt()
  version: number;
}

@InputType({ description: 'NACC’s review of one or more projects (bulk approve, reject with a reason).' })
export class ReviewProjectsInput {
  @Field(() => [ProjectVersionInput], {
    description: 'The projects, each with the version the reviewer saw.',
  })
  @ArrayNotEmpty({ message: 'กรุณาเลือกโครงการอย่างน้อย 1 รายการ' })
  @ArrayMaxSize(500, { message: 'ตรวจสอบได้ครั้งละไม่เกิน 500 รายการ' })
  projects: ProjectVersionInput[];

  @Field(() => ReviewStatus, {
    description: 'APPROVED or REJECTED (PENDING puts a project back in the queue).',
  })
  @IsEnum(ReviewStatus)
  decision: ReviewStatus;

  @Field(() => String, { nullable: true, description: 'Reason; required to reject.' })
  @IsOptional()
  @MaxLength(2000, { message: 'เหตุผลยาวเกิน 2,000 ตัวอักษร' })
  reason?: string | null;
}

@InputType({
  description: 'The LAO withdraws an approved project from its plan (ถอนออกจากแผน), saying why.',
})
export class WithdrawProjectInput {
  @Field(() => ID, { description: 'The project.' })
  projectId: string;

  @Field(() => Int, { description: 'The version the LAO saw; a stale one fails with CONFLICT.' })
  @IsInt()
  version: number;

  @Field(() => String, { description: 'Why it leaves the plan (required; NACC reads it).' })
  @MaxLength(2000, { message: 'เหตุผลยาวเกิน 2,000 ตัวอักษร' })
  reason: string;
}

export enum ProjectOrder {
  RECORDED = 'RECORDED',
  NAME = 'NAME',
  BUDGET_DESC = 'BUDGET_DESC',
  DIMENSION = 'DIMENSION',
}

@ArgsType()
export class ProjectsArgs extends SyncArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this LAO’s projects (an LAO always sees only its own).',
  })
  laoId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this district.' })
  districtId?: string;

  @Field(() => Int, { nullable: true, description: 'Only projects running in this fiscal year (พ.ศ.).' })
  fiscalYear?: number;

  @Field(() => Dimension, { nullable: true, description: 'Only this primary dimension.' })
  dimension?: Dimension;

  @Field(() => WorkType, { nullable: true, description: 'Only this work type.' })
  workType?: WorkType;

  @Field(() => ReviewStatus, {
    nullable: true,
    description: 'Only this review state (PENDING: NACC’s review queue).',
  })
  reviewStatus?: ReviewStatus;

  @Field(() => String, { nullable: true, description: 'Part of the project name.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @Field(() => ProjectOrder, { defaultValue: ProjectOrder.RECORDED, description: 'Sort order.' })
  orderBy: ProjectOrder;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}

registerEnumType(ProjectOrder, {
  name: 'ProjectOrder',
  description: 'Sort order of project lists.',
  valuesConfig: {
    RECORDED: { description: 'In the order they were recorded (the plan book order).' },
    NAME: { description: 'By name, Thai alphabetical.' },
    BUDGET_DESC: { description: 'Largest anti-corruption budget first.' },
    DIMENSION: { description: 'By primary dimension, then as recorded.' },
  },
});
