import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { Lao } from '../lao/lao.entity';
import { ExtensionBatch } from './extension-batch.entity';
import { ExtensionStatus } from './report.enums';
import { ReportingRound } from './reporting-round.entity';

@ObjectType({
  description: 'A per-LAO extension of a round’s deadline: requested by the LAO or granted by NACC.',
})
@Entity({ name: 'round_extension' })
@Index('round_extension_round_lao_idx', ['roundId', 'laoId'])
@Index('round_extension_batch_idx', ['batchId'], { where: '"batch_id" IS NOT NULL' })
export class RoundExtension {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne(() => ReportingRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ReportingRound;

  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Field(() => ID, { nullable: true, description: 'The batch it was granted in (null: one by one).' })
  @Column({ name: 'batch_id', type: 'integer', nullable: true })
  batchId: number | null;

  @ManyToOne(() => ExtensionBatch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: ExtensionBatch | null;

  @Field(() => ExtensionStatus, { description: 'Requested, granted, refused, or revoked with its batch.' })
  @Column({ type: 'enum', enum: ExtensionStatus, enumName: 'extension_status' })
  status: ExtensionStatus;

  @Field(() => Date, {
    description: 'Reports are accepted strictly before this instant (asked for, or granted).',
  })
  @Column({ type: 'timestamptz' })
  until: Date;

  @Field({ description: 'Why (the LAO’s request, or NACC’s reason for granting).' })
  @Column({ type: 'text' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'NACC’s note on its decision.' })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'requested_by_account_id', type: 'uuid' })
  requestedByAccountId: string;

  @Column({ name: 'decided_by_account_id', type: 'uuid', nullable: true })
  decidedByAccountId: string | null;

  @Field(() => Date, { description: 'When it was requested (or granted directly).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When NACC decided.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => Int, { description: 'Row version.' })
  @VersionColumn()
  version: number;
}
