import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';
import { ReportingRound } from './reporting-round.entity';

/** Whom a batch of extensions covers. */
export enum ExtensionBatchScope {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  LAOS = 'LAOS',
}

registerEnumType(ExtensionBatchScope, {
  name: 'ExtensionBatchScope',
  description: 'Whom a batch of extensions covers.',
  valuesConfig: {
    PROVINCE: { description: 'Every LAO of a province (ทั้งจังหวัด).' },
    DISTRICT: { description: 'Every LAO of a district (ทั้งอำเภอ).' },
    LAOS: { description: 'A list of LAOs by code (ระบุรายชื่อ อปท.).' },
  },
});

@ObjectType({
  description:
    'NACC’s extension of a round’s deadline for many LAOs at once (floods, outages): one reason, one `until`; each LAO holds an ordinary granted extension linked to it.',
})
@Entity({ name: 'extension_batch' })
@Index('extension_batch_round_idx', ['roundId'])
export class ExtensionBatch {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne(() => ReportingRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ReportingRound;

  @Field(() => ExtensionBatchScope, { description: 'A province, a district, or a list of LAOs.' })
  @Column({ type: 'enum', enum: ExtensionBatchScope, enumName: 'extension_batch_scope' })
  scope: ExtensionBatchScope;

  @Column({ name: 'province_id', type: 'smallint', nullable: true })
  provinceId: number | null;

  @ManyToOne(() => Province)
  @JoinColumn({ name: 'province_id' })
  province?: Province | null;

  @Column({ name: 'district_id', type: 'smallint', nullable: true })
  districtId: number | null;

  @ManyToOne(() => District)
  @JoinColumn({ name: 'district_id' })
  district?: District | null;

  /** The provinces of the LAOs covered (who may see and revoke the batch: NACC reaching all of them). */
  @Column({ name: 'province_ids', type: 'smallint', array: true })
  provinceIds: number[];

  @Field({ description: 'NACC’s reason, the same for every LAO.' })
  @Column({ type: 'text' })
  reason: string;

  @Field(() => Date, { description: 'Reports are accepted strictly before this instant.' })
  @Column({ type: 'timestamptz' })
  until: Date;

  @Field(() => Int, { description: 'How many LAOs the batch extended.' })
  @Column({ name: 'lao_count', type: 'integer' })
  laoCount: number;

  @Column({ name: 'granted_by_account_id', type: 'uuid' })
  grantedByAccountId: string;

  @Field(() => Date, { description: 'When it was granted.' })
  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'revoked_by_account_id', type: 'uuid', nullable: true })
  revokedByAccountId: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked (null while it stands).' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Int, { description: 'Row version.' })
  @VersionColumn()
  version: number;
}
