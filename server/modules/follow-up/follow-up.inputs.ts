import { IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { RoundKind } from '../report/report.enums';
import { SiteVisitFilter, SiteVisitStatus } from './follow-up.enums';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayMessage = { message: 'กรุณาเลือกวันที่ให้ครบ (วัน เดือน ปี)' };
const long = (limit: number) => ({ message: `ข้อความยาวเกิน ${limit.toLocaleString('en-US')} ตัวอักษร` });

@InputType({
  description:
    'A provincial office plans a site visit of an LAO (status PLANNED, a planned day) or records it as done (status DONE, the day, officers and findings).',
})
export class SaveSiteVisitInput {
  @Field(() => ID, { description: 'The LAO visited.' })
  laoId: string;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The version read, when changing an existing visit (absent for a new one).',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => SiteVisitStatus, { description: 'PLANNED or DONE.' })
  @IsEnum(SiteVisitStatus)
  status: SiteVisitStatus;

  @Field(() => String, { nullable: true, description: 'Planned day, YYYY-MM-DD (required when PLANNED).' })
  @IsOptional()
  @Matches(isoDay, dayMessage)
  plannedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the visit, YYYY-MM-DD (required when DONE).' })
  @IsOptional()
  @Matches(isoDay, dayMessage)
  visitedOn?: string | null;

  @Field({ defaultValue: '', description: 'The visiting officers (required when DONE).' })
  @MaxLength(2000, long(2000))
  officers: string;

  @Field({ defaultValue: '', description: 'Findings (required when DONE).' })
  @MaxLength(10000, long(10000))
  findings: string;

  @Field({ defaultValue: '', description: 'Recommendations to the LAO.' })
  @MaxLength(10000, long(10000))
  recommendations: string;
}

@ArgsType()
export class SiteVisitsArgs {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  fiscalYear: number;

  @Field(() => ID, { nullable: true, description: 'Only this province (a provincial office: its own).' })
  provinceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this district.' })
  districtId?: string | null;

  @Field(() => SiteVisitFilter, {
    nullable: true,
    description: 'Only LAOs not planned, planned, or visited.',
  })
  @IsOptional()
  @IsEnum(SiteVisitFilter)
  filter?: SiteVisitFilter | null;

  @Field(() => Int, { defaultValue: 100, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@InputType({
  description:
    'An LAO files its problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ) with a round, while the round is open for it.',
})
export class FileProblemReportInput {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round.' })
  @IsEnum(RoundKind)
  round: RoundKind;

  @Field({ description: 'Problems and obstacles (ปัญหา อุปสรรค).' })
  @MaxLength(10000, long(10000))
  problems: string;

  @Field({ defaultValue: '', description: 'Suggestions (ข้อเสนอแนะ).' })
  @MaxLength(10000, long(10000))
  suggestions: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version read, when changing what was filed (absent the first time).',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;
}

@ArgsType()
export class ProblemReportsArgs {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt()
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round.' })
  @IsEnum(RoundKind)
  round: RoundKind;

  @Field(() => ID, { nullable: true, description: 'Only this province (a provincial office: its own).' })
  provinceId?: string | null;

  @Field(() => Int, { defaultValue: 100, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}
