import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { Lao } from '../lao/lao.entity';
import { PlanCycle } from '../plan/plan-cycle.entity';
import { Dimension } from '../plan/plan.enums';
import { ReviewStatus, TargetGroup, WorkType } from './project.enums';

const money = { type: 'numeric', precision: 15, scale: 2, transformer: decimalTransformer } as const;

@ObjectType({
  description:
    'One row of an LAO’s plan: a project, activity, measure or guideline (โครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน).',
})
@Entity({ name: 'project' })
@Index('project_updated_idx', ['updatedAt', 'id'])
@Index('project_lao_idx', ['laoId'])
@Index('project_years_idx', { synchronize: false })
@Check('project_budgets', `"anti_corruption_budget" >= 0 AND "local_development_budget" >= 0`)
@Check(
  'project_without_budget',
  `"uses_budget" OR ("anti_corruption_budget" = 0 AND "local_development_budget" = 0)`,
)
@Check(
  'project_years_quarters',
  `cardinality("fiscal_years") > 0 AND cardinality("quarters") > 0 AND "quarters" <@ '{1,2,3,4}'::smallint[]`,
)
@Check('project_withdrawal', `("withdrawn_at" IS NULL) = ("withdrawal_reason" IS NULL)`)
export class Project {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID, { description: 'Id of the LAO it belongs to (as in Query.laos).' })
  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Column({ name: 'cycle_id', type: 'integer' })
  cycleId: number;

  @ManyToOne(() => PlanCycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id' })
  cycle?: PlanCycle;

  @Field({ description: 'Name (ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน).' })
  @Column({ type: 'varchar', length: 500 })
  name: string;

  @Field(() => WorkType, { description: 'Work type (ประเภทงาน).' })
  @Column({ name: 'work_type', type: 'enum', enum: WorkType, enumName: 'work_type' })
  workType: WorkType;

  @Field(() => [Int], { description: 'Fiscal years (พ.ศ.) in which it runs, within its plan cycle.' })
  @Column({ name: 'fiscal_years', type: 'smallint', array: true })
  fiscalYears: number[];

  @Field(() => [Int], { description: 'Quarters (ไตรมาส 1–4; quarter 1 is October–December).' })
  @Column({ type: 'smallint', array: true })
  quarters: number[];

  @Field(() => Dimension, { description: 'Primary dimension (มิติ).' })
  @Column({ name: 'primary_dimension', type: 'enum', enum: Dimension, enumName: 'dimension' })
  primaryDimension: Dimension;

  @Field(() => [Dimension], {
    description: 'Additional dimensions it is consistent with (มิติที่สอดคล้องเพิ่มเติม).',
  })
  @Column({
    name: 'additional_dimensions',
    type: 'enum',
    enum: Dimension,
    enumName: 'dimension',
    array: true,
    default: '{}',
  })
  additionalDimensions: Dimension[];

  @Field(() => String, { nullable: true, description: 'Essence (สาระสำคัญ).' })
  @Column({ type: 'text', nullable: true })
  essence: string | null;

  @Field({
    description:
      'Whether it uses budget (ใช้งบประมาณ) or is done without budget (ดำเนินการโดยไม่ใช้งบประมาณ); without, both budgets are 0 and mean "no amount", not 0 baht.',
  })
  @Column({ name: 'uses_budget', type: 'boolean', default: true })
  usesBudget: boolean;

  @Field(() => DecimalScalar, {
    description: 'Budget under the anti-corruption plan, baht (0 when usesBudget is false: no amount).',
  })
  @Column({ name: 'anti_corruption_budget', ...money })
  antiCorruptionBudget: string;

  @Field(() => DecimalScalar, {
    description: 'Budget under the local development plan, baht (0 when usesBudget is false: no amount).',
  })
  @Column({ name: 'local_development_budget', ...money })
  localDevelopmentBudget: string;

  @Field(() => [TargetGroup], { description: 'Target groups (กลุ่มเป้าหมาย).' })
  @Column({
    name: 'target_groups',
    type: 'enum',
    enum: TargetGroup,
    enumName: 'target_group',
    array: true,
    default: '{}',
  })
  targetGroups: TargetGroup[];

  @Field(() => String, { nullable: true, description: 'Other target group, in words (อื่น ๆ ระบุ).' })
  @Column({ name: 'other_target_group', type: 'text', nullable: true })
  otherTargetGroup: string | null;

  @Field(() => String, { nullable: true, description: 'Objectives (วัตถุประสงค์).' })
  @Column({ type: 'text', nullable: true })
  objectives: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks (หมายเหตุ).' })
  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Field(() => ReviewStatus, { description: 'NACC review: pending, approved or rejected.' })
  @Column({
    name: 'review_status',
    type: 'enum',
    enum: ReviewStatus,
    enumName: 'review_status',
    default: ReviewStatus.PENDING,
  })
  reviewStatus: ReviewStatus;

  @Field(() => String, { nullable: true, description: 'Reason given with a rejection.' })
  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ name: 'reviewed_by_account_id', type: 'uuid', nullable: true })
  reviewedByAccountId: string | null;

  @Field(() => Date, { nullable: true, description: 'When NACC last reviewed it.' })
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the LAO withdrew it from its plan (ถอนออกจากแผน); null while it is in the plan. A withdrawn project keeps its record and reports but counts nowhere.',
  })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the LAO withdrew it (with `withdrawnAt`).' })
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  @Column({ name: 'withdrawn_by_account_id', type: 'uuid', nullable: true })
  withdrawnByAccountId: string | null;

  @Field(() => Int, {
    description: 'Row version; send it back with an edit so a stale edit fails with CONFLICT.',
  })
  @VersionColumn()
  version: number;

  @Field(() => Date, { description: 'When it was recorded.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
