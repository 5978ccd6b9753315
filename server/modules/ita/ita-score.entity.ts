import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { Account } from '../account/account.entity';
import { Lao } from '../lao/lao.entity';

/** The highest ITA score. */
export const ITA_MAX_SCORE = 100;

/**
 * An LAO's Integrity and Transparency Assessment score of a fiscal year (legacy `scoreita`,
 * LEGACY.md §1.8, §3.11): 0–100, two decimals, entered or imported by NACC central. One row
 * per LAO and year; every change is kept in the change history.
 */
@ObjectType({
  description:
    'An LAO’s ITA score of one fiscal year (การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ, 0–100).',
})
@Entity({ name: 'ita_score' })
@Index('ita_score_lao_year_uq', ['laoId', 'fiscalYear'], { unique: true })
@Index('ita_score_year_idx', ['fiscalYear'])
@Check('ita_score_range', `"score" BETWEEN 0 AND ${ITA_MAX_SCORE}`)
export class ItaScore {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => DecimalScalar, { description: `ITA score (0–${ITA_MAX_SCORE}, two decimals).` })
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  score: string;

  @Column({ name: 'recorded_by_account_id', type: 'uuid' })
  recordedByAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_account_id' })
  recordedBy?: Account;

  @Field(() => Int, { description: 'Row version.' })
  @VersionColumn()
  version: number;

  @Field(() => Date, { description: 'When the score was last entered.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
