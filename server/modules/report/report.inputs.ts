import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { SyncArgs } from '../../graphql/sync-args';
import { LaoSize, LaoType } from '../lao/lao.enums';
import { ExtensionBatchScope } from './extension-batch.entity';
import { ExtensionStatus, ReportStatus, RoundKind, UnableReason } from './report.enums';

const money = /^\d{1,13}(\.\d{1,2})?$/;
const moneyMessage = { message: 'กรุณากรอกจำนวนเงินเป็นตัวเลขไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง (บาท)' };

@InputType({ description: 'A progress report of one project for one fiscal year and round.' })
export class SubmitReportInput {
  @Field(() => ID, { description: 'The project.' })
  projectId: string;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round.' })
  @IsEnum(RoundKind)
  round: RoundKind;

  @Field({ description: 'In the budget ordinance or operating plan (yes/no).' })
  @IsBoolean()
  inOrdinance: boolean;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Budget under the ordinance, baht; required for a project that uses budget, none for one without (PROJECT_WITHOUT_BUDGET).',
  })
  @IsOptional()
  @Matches(money, moneyMessage)
  ordinanceBudget?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Amount actually disbursed, baht; required for a project that uses budget, none for one without.',
  })
  @IsOptional()
  @Matches(money, moneyMessage)
  disbursed?: string | null;

  @Field(() => ReportStatus, { description: 'Status.' })
  @IsEnum(ReportStatus, { message: 'กรุณาเลือกสถานะการดำเนินงาน' })
  status: ReportStatus;

  @Field(() => UnableReason, { nullable: true, description: 'Required when status is UNABLE.' })
  @IsOptional()
  @IsEnum(UnableReason)
  unableReason?: UnableReason | null;

  @Field(() => String, { nullable: true, description: 'Required when the reason is OTHER.' })
  @IsOptional()
  @MaxLength(2000, { message: 'ข้อความยาวเกิน 2,000 ตัวอักษร' })
  unableReasonText?: string | null;

  @Field(() => String, { nullable: true, description: 'Remark (หมายเหตุ), up to 2,000 characters.' })
  @IsOptional()
  @MaxLength(2000, { message: 'หมายเหตุยาวเกิน 2,000 ตัวอักษร' })
  remark?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The report version the form was loaded with; omit for the first submission. A stale one fails with CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field({
    description:
      'A UUID the client makes once per intended submission; a retry with the same key writes nothing twice.',
  })
  @IsUUID('all', { message: 'idempotencyKey ต้องเป็น UUID' })
  idempotencyKey: string;
}

@InputType({ description: 'NACC central changes a round’s window.' })
export class UpdateRoundInput {
  @Field(() => ID, { description: 'The round.' })
  id: string;

  @Field(() => Int, { description: 'The version the editor saw.' })
  @IsInt()
  version: number;

  @Field(() => Date, { description: 'Opening instant (ISO, UTC).' })
  opensAt: Date;

  @Field(() => Date, { description: 'Closing instant (exclusive).' })
  closesAt: Date;
}

@InputType({ description: 'An LAO asks for more time in a round.' })
export class RequestExtensionInput {
  @Field(() => ID, { description: 'The round.' })
  roundId: string;

  @Field(() => Date, { description: 'Until when (exclusive instant).' })
  until: Date;

  @Field({ description: 'Why the LAO needs more time.' })
  @Length(1, 2000, { message: 'กรุณาระบุเหตุผลที่ขอขยายเวลา' })
  reason: string;
}

@InputType({ description: 'NACC grants an LAO more time directly.' })
export class GrantExtensionInput {
  @Field(() => ID, { description: 'The round.' })
  roundId: string;

  @Field(() => ID, { description: 'The LAO.' })
  laoId: string;

  @Field(() => Date, { description: 'Until when (exclusive instant).' })
  until: Date;

  @Field({ description: 'Why.' })
  @Length(1, 2000, { message: 'กรุณาระบุเหตุผล' })
  reason: string;
}

@InputType({ description: 'NACC’s decision on a requested extension.' })
export class DecideExtensionInput {
  @Field(() => ID, { description: 'The request.' })
  id: string;

  @Field(() => Int, { description: 'The version the decider saw.' })
  @IsInt()
  version: number;

  @Field({ description: 'True to grant, false to refuse.' })
  @IsBoolean()
  grant: boolean;

  @Field(() => Date, { nullable: true, description: 'Until when, if different from what was asked.' })
  @IsOptional()
  until?: Date | null;

  @Field(() => String, { nullable: true, description: 'A note to the LAO.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@ArgsType()
export class ImplementationArgs {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round.' })
  round: RoundKind;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this district.' })
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'Only this LAO.' })
  laoId?: string;

  @Field(() => LaoType, { nullable: true, description: 'Only LAOs of this type.' })
  type?: LaoType | null;

  @Field(() => LaoSize, { nullable: true, description: 'Only LAOs of this size.' })
  size?: LaoSize | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only LAOs that have not reported every reportable project.',
  })
  onlyIncomplete: boolean;

  @Field(() => Int, {
    defaultValue: 1000,
    description: 'Page size (1–10,000); rows come highest percentage first, then by LAO.',
  })
  @Min(1)
  @Max(10000)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@ArgsType()
export class ReportsArgs extends SyncArgs {
  @Field(() => Int, { nullable: true, description: 'Only this fiscal year (พ.ศ.).' })
  fiscalYear?: number | null;

  @Field(() => RoundKind, { nullable: true, description: 'Only this round.' })
  round?: RoundKind | null;

  @Field(() => ID, { nullable: true, description: 'Only this LAO.' })
  laoId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@ArgsType()
export class RoundExtensionsArgs {
  @Field(() => ExtensionStatus, { nullable: true, description: 'Only this state.' })
  @IsOptional()
  @IsEnum(ExtensionStatus)
  status?: ExtensionStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only this fiscal year (พ.ศ.).' })
  @IsOptional()
  @IsInt()
  fiscalYear?: number | null;

  @Field(() => Int, { defaultValue: 100, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@InputType({ description: 'NACC extends a round for a province, a district or a list of LAOs at once.' })
export class GrantExtensionBatchInput {
  @Field(() => ID, { description: 'The round.' })
  roundId: string;

  @Field(() => ExtensionBatchScope, { description: 'A province, a district, or a list of LAOs.' })
  @IsEnum(ExtensionBatchScope)
  scope: ExtensionBatchScope;

  @Field(() => ID, { nullable: true, description: 'The province (scope PROVINCE).' })
  provinceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The district (scope DISTRICT).' })
  districtId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The LAOs’ 7-digit codes (scope LAOS), at most 10 000.',
  })
  @IsOptional()
  @ArrayMaxSize(10000, { message: 'ระบุ อปท. ได้ไม่เกิน 10,000 แห่งต่อครั้ง' })
  laoCodes?: string[] | null;

  @Field(() => Date, { description: 'Until when (exclusive instant): after the round closes.' })
  until: Date;

  @Field({ description: 'Why (the same for every LAO).' })
  @MaxLength(2000, { message: 'เหตุผลยาวได้ไม่เกิน 2,000 ตัวอักษร' })
  reason: string;
}

@InputType({ description: 'NACC revokes a batch of extensions (every extension it granted).' })
export class RevokeExtensionBatchInput {
  @Field(() => ID, { description: 'The batch.' })
  id: string;

  @Field(() => Int, { description: 'The version the revoker saw.' })
  @IsInt()
  version: number;
}

@ArgsType()
export class ExtensionBatchesArgs {
  @Field(() => ID, { nullable: true, description: 'Only this round.' })
  roundId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only this fiscal year (พ.ศ.).' })
  @IsOptional()
  @IsInt()
  fiscalYear?: number | null;
}
