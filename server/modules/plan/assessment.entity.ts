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
import { AssessmentVerdict, ScoreLevel } from './plan.enums';

const score = { type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer } as const;

@ObjectType({
  description:
    'NACC’s assessment of a plan (ผลการประเมิน): a score per dimension and a verdict, by a provincial office (P) or NACC central (M). Every one is kept.',
})
@Entity({ name: 'assessment' })
@Index('assessment_plan_idx', ['planId'])
@Check(
  'assessment_scores',
  ['score_society', 'score_administration', 'score_participation', 'score_oversight']
    .map((column) => `"${column}" BETWEEN 0 AND ${DIMENSION_MAX_SCORE}`)
    .join(' AND '),
)
export class Assessment {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @Field(() => AssessmentVerdict, {
    description:
      'Passed the standard or incomplete: the plan’s outcome (the pass mark’s, or the assessor’s override).',
  })
  @Column({ type: 'enum', enum: AssessmentVerdict, enumName: 'assessment_verdict' })
  verdict: AssessmentVerdict;

  @Field(() => ScoreLevel, {
    description:
      'Who assessed: PROVINCIAL (a provincial office, legacy P) or CENTRAL (NACC central, legacy M), by the assessor’s role.',
  })
  @Column({ type: 'enum', enum: ScoreLevel, enumName: 'score_level' })
  level: ScoreLevel;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The fiscal year’s pass mark when the assessment was made; null when none was set.',
  })
  @Column({
    name: 'pass_mark',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  passMark: string | null;

  @Field(() => AssessmentVerdict, {
    nullable: true,
    description:
      'The outcome the pass mark gave (total ≥ pass mark: passed); null when no pass mark was set.',
  })
  @Column({
    name: 'computed_verdict',
    type: 'enum',
    enum: AssessmentVerdict,
    enumName: 'assessment_verdict',
    nullable: true,
  })
  computedVerdict: AssessmentVerdict | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the assessor’s verdict differs from the pass mark’s (เหตุผลที่ปรับผล); null when it does not.',
  })
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

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

  @Field(() => String, { nullable: true, description: 'Comments of the assessor (ข้อเสนอแนะ).' })
  @Column({ type: 'text', nullable: true })
  comments: string | null;

  @Column({ name: 'assessor_account_id', type: 'uuid' })
  assessorAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_account_id' })
  assessor?: Account;

  @Field(() => Date, { description: 'When the assessment was made.' })
  @CreateDateColumn({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt: Date;
}
