import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RoundKind } from './report.enums';

/**
 * Per LAO, fiscal year and round: the counts the implementation percentage is
 * made of (see `countsSql`). Kept current by database triggers on `project` and
 * `report` in the writing transaction (migration ImplementationSummaries), so a
 * report counts the moment it commits; `summaryDriftSql` recomputes from scratch
 * to prove it.
 */
@Entity({ name: 'lao_round_summary' })
export class LaoRoundSummary {
  @PrimaryColumn({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @PrimaryColumn({ type: 'enum', enum: RoundKind, enumName: 'round_kind' })
  round: RoundKind;

  /** Projects of the year that are not rejected. */
  @Column({ type: 'integer' })
  eligible: number;

  @Column({ type: 'integer' })
  reported: number;

  @Column({ type: 'integer' })
  completed: number;

  @Column({ name: 'in_progress', type: 'integer' })
  inProgress: number;

  @Column({ type: 'integer' })
  unable: number;
}
