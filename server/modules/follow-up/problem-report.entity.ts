import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Lao } from '../lao/lao.entity';
import { RoundKind } from '../report/report.enums';

@ObjectType({
  description:
    'Problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ) in making the plan and putting it into practice, filed by an LAO with a reporting round.',
})
@Entity({ name: 'problem_report' })
@Index('problem_report_lao_year_round_uq', ['laoId', 'fiscalYear', 'round'], { unique: true })
@Index('problem_report_year_round_idx', ['fiscalYear', 'round'])
export class ProblemReport {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID, { description: 'Id of the LAO.' })
  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => RoundKind, { description: 'The round it was filed with.' })
  @Column({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  round: RoundKind;

  @Field({ description: 'Problems and obstacles (ปัญหา อุปสรรค).' })
  @Column({ type: 'text' })
  problems: string;

  @Field({ description: 'Suggestions (ข้อเสนอแนะ).' })
  @Column({ type: 'text' })
  suggestions: string;

  @Column({ name: 'updated_by_account_id', type: 'uuid' })
  updatedByAccountId: string;

  @Field(() => Date, { description: 'When it was first filed.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it was last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Row version (send it back to change the text).' })
  @VersionColumn()
  version: number;
}
