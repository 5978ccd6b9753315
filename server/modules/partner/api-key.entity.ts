import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Account } from '../account/account.entity';
import { ApiScope } from '../../auth/api-scope';

/** A partner organisation's key to the read API; only a digest of the secret is stored. */
@ObjectType({
  description: 'An API key of a partner organisation (e.g. DLA). The secret is shown only once.',
})
@Entity({ name: 'api_key' })
@Index('api_key_secret_digest_uq', ['secretDigest'], { unique: true })
export class ApiKey {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'What the key is for, e.g. "DLA nightly sync".' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'The partner organisation, e.g. กรมส่งเสริมการปกครองท้องถิ่น.' })
  @Column({ type: 'varchar', length: 200 })
  organisation: string;

  @Field(() => [ApiScope], { description: 'What the key may read.' })
  @Column({ type: 'enum', enum: ApiScope, enumName: 'api_scope', array: true })
  scopes: ApiScope[];

  /** Null: every province. */
  @Column({ name: 'province_ids', type: 'smallint', array: true, nullable: true })
  provinceIds: number[] | null;

  @Field({ description: 'The first characters of the key, to tell keys apart (never the secret).' })
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'secret_digest', type: 'char', length: 64 })
  secretDigest: string;

  @Field({ description: 'When the key stops working.' })
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When NACC revoked it, if it did.' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last used (to the minute).' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'created_by_account_id', type: 'uuid' })
  createdByAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_account_id' })
  createdBy?: Account;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
