import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
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
import { Lao } from '../lao/lao.entity';
import { PlanCycle } from './plan-cycle.entity';
import { PlanStatus } from './plan.enums';

@ObjectType({
  description: 'An LAO’s anti-corruption action plan for one fiscal year (แผนปฏิบัติการป้องกันการทุจริต).',
})
@Entity({ name: 'plan' })
@Index('plan_updated_idx', ['updatedAt', 'id'])
@Index('plan_lao_year_uq', ['laoId', 'fiscalYear'], { unique: true })
export class Plan {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID, { description: 'Id of the LAO it belongs to (as in Query.laos).' })
  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Field(() => Int, { description: 'Fiscal year (ปีงบประมาณ พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Column({ name: 'cycle_id', type: 'integer' })
  cycleId: number;

  @ManyToOne(() => PlanCycle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cycle_id' })
  cycle?: PlanCycle;

  @Field(() => PlanStatus, { description: 'Draft, submitted, passed or incomplete.' })
  @Column({ type: 'enum', enum: PlanStatus, enumName: 'plan_status', default: PlanStatus.DRAFT })
  status: PlanStatus;

  @Field(() => Date, { nullable: true, description: 'When the plan was last submitted to NACC.' })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => Int, { description: 'Row version; send it back with submit/assess.' })
  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When the plan last changed state.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
