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

/** A one-time recovery code of the second factor (shown once at enrolment), kept as a SHA-256 digest. */
@Entity({ name: 'recovery_code' })
@Index('recovery_code_account_digest_uq', ['accountId', 'codeDigest'], { unique: true })
export class RecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_recovery_code_account' })
  account?: Account;

  @Column({ name: 'code_digest', type: 'char', length: 64 })
  codeDigest: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When it was spent on a sign-in; a used code never works again. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
