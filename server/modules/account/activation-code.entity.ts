import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Lao } from '../lao/lao.entity';
import { Account } from './account.entity';

/** A one-time code NACC issues so an LAO can take its account; only the hash is stored. */
@Entity({ name: 'activation_code' })
@Index('activation_code_lao_idx', ['laoId'])
export class ActivationCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'issued_by_account_id', type: 'uuid' })
  issuedByAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by_account_id' })
  issuedBy?: Account;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
