import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { RoundKind } from './report.enums';

@ObjectType({ description: 'A reporting round of a fiscal year with its window; NACC sets the instants.' })
@Entity({ name: 'reporting_round' })
@Index('reporting_round_year_kind_uq', ['fiscalYear', 'kind'], { unique: true })
@Check('reporting_round_window', `"closes_at" > "opens_at"`)
export class ReportingRound {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => RoundKind, { description: '6-month or 12-month round.' })
  @Column({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  kind: RoundKind;

  @Field(() => Date, { description: 'From when reports are accepted.' })
  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Field(() => Date, {
    description: 'Deadline: reports are accepted strictly before this instant (unless extended).',
  })
  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Field(() => Int, { description: 'Row version for optimistic locking.' })
  @VersionColumn()
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
