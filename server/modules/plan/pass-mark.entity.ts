import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { Account } from '../account/account.entity';
import { TOTAL_MAX_SCORE } from './assessment-scale';

/**
 * NACC central's pass mark of a fiscal year (legacy `criterionscore`, LEGACY.md §1.8, §3.10):
 * a plan passes when its effective total score reaches it. One row per year; its changes are
 * kept in the change history.
 */
@ObjectType({
  description:
    'The pass mark of a fiscal year (เกณฑ์คะแนนผ่าน, legacy criterionscore): a plan passes when its effective total reaches it.',
})
@Entity({ name: 'assessment_pass_mark' })
@Check('assessment_pass_mark_score', `"score" BETWEEN 0 AND ${TOTAL_MAX_SCORE}`)
export class AssessmentPassMark {
  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => DecimalScalar, { description: `The lowest passing total score (0–${TOTAL_MAX_SCORE}).` })
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  score: string;

  @Column({ name: 'set_by_account_id', type: 'uuid' })
  setByAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'set_by_account_id' })
  setBy?: Account;

  @Field(() => Int, { description: 'Row version; send it back to change the mark.' })
  @VersionColumn()
  version: number;

  @Field(() => Date, { description: 'When the mark was last set.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
