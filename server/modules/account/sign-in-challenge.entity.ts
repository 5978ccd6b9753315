import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Account } from './account.entity';

/** What a half-finished sign-in still owes: its second-factor code, or an enrolment (administrators). */
export enum ChallengeKind {
  CODE = 'CODE',
  ENROLMENT = 'ENROLMENT',
}

/**
 * A password (or directory) sign-in of an account with a second factor, waiting for its code;
 * or of an account that must enrol first. Not a session: its token only completes this sign-in.
 */
@Entity({ name: 'sign_in_challenge' })
@Index('sign_in_challenge_account_idx', ['accountId', 'createdAt'])
export class SignInChallenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_sign_in_challenge_account' })
  account?: Account;

  @Column({ type: 'enum', enum: ChallengeKind, enumName: 'sign_in_challenge_kind' })
  kind: ChallengeKind;

  /** SHA-256 of the token handed to the client. */
  @Column({ name: 'token_digest', type: 'char', length: 64, unique: true })
  tokenDigest: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Wrong codes given to this challenge; past the limit it is spent. */
  @Column({ name: 'failed_attempts', type: 'smallint', default: 0 })
  failedAttempts: number;

  /** When it completed into a session (or was spent by wrong codes). */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
