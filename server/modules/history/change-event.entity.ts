import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/role';

/** What changed, append-only: the timeline of a plan (who, role, when, before/after). */
@ObjectType({
  description: 'One recorded change of plan data (create, edit, delete, review, submit, assessment).',
})
@Entity({ name: 'change_event' })
@Index('change_event_lao_idx', ['laoId', 'at'])
@Index('change_event_entity_idx', ['entityType', 'entityId'])
export class ChangeEvent {
  @Field(() => ID, { description: 'Identifier, increasing in time.' })
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field({
    description:
      'What kind of record changed: PROJECT, PLAN, ASSESSMENT, SELF_ASSESSMENT, PASS_MARK, ITA_SCORE, PLAN_CYCLE, CONTACT_CHANNELS.',
  })
  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType: string;

  @Field({ description: 'Identifier of the record that changed.' })
  @Column({ name: 'entity_id', type: 'varchar', length: 40 })
  entityId: string;

  @Column({ name: 'lao_id', type: 'integer', nullable: true })
  laoId: number | null;

  @Field({ description: 'CREATE, UPDATE, DELETE, REVIEW, SUBMIT, ASSESS or EXTEND.' })
  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Field({ description: 'Name of who made the change.' })
  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName: string;

  @Field(() => Role, { nullable: true, description: 'Role of who made the change.' })
  @Column({ name: 'actor_role', type: 'enum', enum: Role, enumName: 'account_role', nullable: true })
  actorRole: Role | null;

  @Field(() => Date, { description: 'When.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The record before the change (null on create).',
  })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The record after the change (null on delete).',
  })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
