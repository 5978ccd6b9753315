import { Field, ID, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { Account } from '../account/account.entity';
import { Plan } from './plan.entity';
import { DIMENSION_MAX_SCORE, TOTAL_MAX_SCORE } from './assessment-scale';

const score = { type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer } as const;

/**
 * The LAO's self-assessment of its plan (legacy `scoresar` l-row, "คะแนน SAR", LEGACY.md §1.8):
 * a score per dimension on the assessment scale. Append-only like the legacy table: the newest
 * counts, every earlier one is kept.
 */
@ObjectType({
  description:
    'The LAO’s self-assessment of its plan (คะแนนประเมินตนเอง, legacy L): a score per dimension. Every one is kept; the newest counts.',
})
@Entity({ name: 'self_assessment' })
@Index('self_assessment_plan_idx', ['planId'])
@Check(
  'self_assessment_scores',
  ['score_society', 'score_administration', 'score_participation', 'score_oversight']
    .map((column) => `"${column}" BETWEEN 0 AND ${DIMENSION_MAX_SCORE}`)
    .join(' AND '),
)
export class SelfAssessment {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field(() => DecimalScalar, { description: `Score of dimension 1 (0–${DIMENSION_MAX_SCORE}).` })
  @Column({ name: 'score_society', ...score })
  scoreSociety: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 2 (0–${DIMENSION_MAX_SCORE}).` })
  @Column({ name: 'score_administration', ...score })
  scoreAdministration: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 3 (0–${DIMENSION_MAX_SCORE}).` })
  @Column({ name: 'score_participation', ...score })
  scoreParticipation: string;

  @Field(() => DecimalScalar, { description: `Score of dimension 4 (0–${DIMENSION_MAX_SCORE}).` })
  @Column({ name: 'score_oversight', ...score })
  scoreOversight: string;

  @Field(() => DecimalScalar, {
    description: `Total score: the sum of the four dimensions (0–${TOTAL_MAX_SCORE}).`,
  })
  @Column({ name: 'total_score', type: 'numeric', precision: 6, scale: 2, transformer: decimalTransformer })
  totalScore: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Field(() => Date, { description: 'When the LAO entered it.' })
  @CreateDateColumn({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;
}
