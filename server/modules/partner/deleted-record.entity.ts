import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SyncEntity } from './partner.enums';

/**
 * A tombstone: a mirrored record that was deleted. Written by database triggers
 * (migration PartnerApi) on every DELETE of lao, plan, project and report, so no
 * code path can forget it.
 */
@ObjectType({ description: 'A deleted record (tombstone): delete it from your mirror.' })
@Entity({ name: 'deleted_record' })
@Index('deleted_record_deleted_at_idx', ['deletedAt', 'id'])
export class DeletedRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field(() => SyncEntity, { description: 'Kind of the deleted record.' })
  @Column({ type: 'enum', enum: SyncEntity, enumName: 'sync_entity' })
  entity: SyncEntity;

  @Field(() => ID, { name: 'id', description: 'Id of the deleted record (as it was in its list).' })
  @Column({ name: 'record_id', type: 'integer' })
  recordId: number;

  @Field(() => ID, { nullable: true, description: 'The LAO it belonged to (for an LAO: itself).' })
  @Column({ name: 'lao_id', type: 'integer', nullable: true })
  laoId: number | null;

  @Column({ name: 'province_id', type: 'smallint', nullable: true })
  provinceId: number | null;

  @Field({ description: 'When it was deleted.' })
  @Column({ name: 'deleted_at', type: 'timestamptz', default: () => 'now()' })
  deletedAt: Date;
}
