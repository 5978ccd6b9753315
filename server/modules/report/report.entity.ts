import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { Project } from '../project/project.entity';
import { ReportStatus, RoundKind, UnableReason } from './report.enums';

const money = { type: 'numeric', precision: 15, scale: 2, transformer: decimalTransformer } as const;

@ObjectType({
  description: 'Progress report of one project for one fiscal year and round (รายงานผลการดำเนินงาน).',
})
@Entity({ name: 'report' })
@Index('report_updated_idx', ['updatedAt', 'id'])
@Index('report_project_year_round_uq', ['projectId', 'fiscalYear', 'round'], { unique: true })
@Index('report_lao_year_round_idx', ['laoId', 'fiscalYear', 'round'])
@Check('report_amounts', `"ordinance_budget" >= 0 AND "disbursed" >= 0`)
@Check(
  'report_unable_reason',
  `("status" = 'UNABLE') = ("unable_reason" IS NOT NULL) AND ("unable_reason" <> 'OTHER' OR "unable_reason_text" IS NOT NULL)`,
)
export class Report {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID, { description: 'Id of the project reported on.' })
  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Field(() => ID, { description: 'Id of the LAO it belongs to (as in Query.laos).' })
  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'Round.' })
  @Column({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  round: RoundKind;

  @Field({ description: 'In the budget ordinance (ข้อบัญญัติ/เทศบัญญัติ) or operating plan.' })
  @Column({ name: 'in_ordinance', type: 'boolean' })
  inOrdinance: boolean;

  @Field(() => DecimalScalar, { description: 'Budget under the ordinance, baht.' })
  @Column({ name: 'ordinance_budget', ...money })
  ordinanceBudget: string;

  @Field(() => DecimalScalar, { description: 'Amount actually disbursed (ตามที่เบิกจ่ายจริง), baht.' })
  @Column({ ...money })
  disbursed: string;

  @Field(() => ReportStatus, { description: 'In progress, completed or unable.' })
  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status' })
  status: ReportStatus;

  @Field(() => UnableReason, { nullable: true, description: 'Why it was unable (status UNABLE only).' })
  @Column({
    name: 'unable_reason',
    type: 'enum',
    enum: UnableReason,
    enumName: 'unable_reason',
    nullable: true,
  })
  unableReason: UnableReason | null;

  @Field(() => String, { nullable: true, description: 'The reason in words, for OTHER.' })
  @Column({ name: 'unable_reason_text', type: 'text', nullable: true })
  unableReasonText: string | null;

  @Field(() => String, { nullable: true, description: 'Remark (หมายเหตุ) of the report.' })
  @Column({ type: 'text', nullable: true })
  remark: string | null;

  @Field(() => Int, { description: 'Row version: 1 for the first submission, +1 per correction.' })
  @VersionColumn()
  version: number;

  @Field(() => Date, { description: 'When it was last submitted or corrected.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@ObjectType({ description: 'One submitted version of a report: corrections keep every earlier version.' })
@Entity({ name: 'report_revision' })
@Index('report_revision_report_idx', ['reportId', 'version'], { unique: true })
export class ReportRevision {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Report;

  @Field(() => Int, { description: 'Which version of the report this was.' })
  @Column({ type: 'integer' })
  version: number;

  @Field({ description: 'In the ordinance or operating plan.' })
  @Column({ name: 'in_ordinance', type: 'boolean' })
  inOrdinance: boolean;

  @Field(() => DecimalScalar, { description: 'Budget under the ordinance, baht.' })
  @Column({ name: 'ordinance_budget', ...money })
  ordinanceBudget: string;

  @Field(() => DecimalScalar, { description: 'Disbursed, baht.' })
  @Column({ ...money })
  disbursed: string;

  @Field(() => ReportStatus, { description: 'Status.' })
  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status' })
  status: ReportStatus;

  @Field(() => UnableReason, { nullable: true, description: 'Reason when unable.' })
  @Column({
    name: 'unable_reason',
    type: 'enum',
    enum: UnableReason,
    enumName: 'unable_reason',
    nullable: true,
  })
  unableReason: UnableReason | null;

  @Field(() => String, { nullable: true, description: 'Reason text for OTHER.' })
  @Column({ name: 'unable_reason_text', type: 'text', nullable: true })
  unableReasonText: string | null;

  @Field(() => String, { nullable: true, description: 'Remark (หมายเหตุ) of this version.' })
  @Column({ type: 'text', nullable: true })
  remark: string | null;

  @Field({ description: 'Who submitted this version.' })
  @Column({ name: 'submitted_by_name', type: 'varchar', length: 200 })
  submittedByName: string;

  @Column({ name: 'submitted_by_account_id', type: 'uuid' })
  submittedByAccountId: string;

  @Field(() => Date, { description: 'When this version was submitted.' })
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;
}

/** Idempotency keys of report submissions: a retry with the same key and payload writes nothing twice. */
@Entity({ name: 'idempotency_key' })
@Index('idempotency_key_account_key_uq', ['accountId', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 100 })
  key: string;

  @Column({ name: 'payload_hash', type: 'char', length: 64 })
  payloadHash: string;

  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** One reminder per round and LAO: claimed before the mail is sent. */
@Entity({ name: 'round_reminder' })
export class RoundReminder {
  @PrimaryColumn({ name: 'round_id', type: 'integer' })
  roundId: number;

  @PrimaryColumn({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;
}
