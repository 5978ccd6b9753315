import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/role';

/**
 * Append-only audit log: every mutation (sign-ins included) with who, role, what,
 * when and from where. A database trigger refuses UPDATE and DELETE.
 */
@ObjectType({ description: 'One audited call: a sign-in or any other write, successful or not.' })
@Entity({ name: 'audit_event' })
@Index('audit_event_at_idx', ['at'])
@Index('audit_event_account_idx', ['accountId', 'at'])
@Index('audit_event_chain_seq_idx', ['chainSeq'], { unique: true })
export class AuditEvent {
  @Field(() => ID, { description: 'Identifier, increasing in time.' })
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field(() => Date, { description: 'When.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field({ description: 'The operation, e.g. login, submitReport.' })
  @Column({ type: 'varchar', length: 60 })
  operation: string;

  @Field({ description: 'OK, or the error code it ended with.' })
  @Column({ type: 'varchar', length: 40 })
  outcome: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who: the signed-in account’s name, or the user name tried at sign-in.',
  })
  @Column({ name: 'actor', type: 'varchar', length: 200, nullable: true })
  actor: string | null;

  @Field(() => Role, { nullable: true, description: 'The caller’s role (none when anonymous).' })
  @Column({ type: 'enum', enum: Role, enumName: 'account_role', nullable: true })
  role: Role | null;

  @Field({ description: 'Client address as the server saw it (honours TRUST_PROXY).' })
  @Column({ name: 'client_address', type: 'varchar', length: 64 })
  clientAddress: string;

  @Field(() => String, { nullable: true, description: 'Client software (User-Agent).' })
  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'The arguments, with passwords, tokens, codes and file contents removed.',
  })
  @Column({ type: 'jsonb' })
  arguments: Record<string, unknown>;

  /**
   * Place in the hash chain (1, 2, 3 …), set by the database as the row's transaction commits
   * (migration 1795700200000-AuditChain); empty only while that transaction is open.
   */
  @Column({ name: 'chain_seq', type: 'bigint', nullable: true, insert: false, update: false })
  chainSeq: string | null;

  /** The hash of the row before it in the chain (32 zero bytes for the first); set by the database. */
  @Column({ name: 'prev_hash', type: 'bytea', nullable: true, insert: false, update: false })
  prevHash: Buffer | null;

  /** SHA-256(prev_hash ‖ the row's canonical content); set by the database. */
  @Column({ type: 'bytea', nullable: true, insert: false, update: false })
  hash: Buffer | null;
}
