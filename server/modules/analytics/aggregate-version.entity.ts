import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A counter per province and fiscal year that database triggers raise in every
 * transaction that changes what the aggregate tables of that year count (reports,
 * project reviews, plan states); fiscal year 0 is raised by what every year's tables
 * name (LAO master data, geography). Cached tables are keyed by the sum of the rows
 * they depend on, so a cached table is never served after a change has committed.
 */
@Entity({ name: 'aggregate_version' })
export class AggregateVersion {
  @PrimaryColumn({ name: 'province_id', type: 'smallint' })
  provinceId: number;

  /** The fiscal year (พ.ศ.) whose tables the counter versions; 0: every year. */
  @PrimaryColumn({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Column({ type: 'bigint' })
  version: string;
}
