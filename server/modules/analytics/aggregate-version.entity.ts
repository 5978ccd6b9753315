import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A counter per province that database triggers raise in every transaction that
 * changes what the aggregate tables count (reports, project reviews, plan states,
 * LAO master data). `AggregateCache` keys its entries by the sum, so a cached
 * table is never served after a change has committed.
 */
@Entity({ name: 'aggregate_version' })
export class AggregateVersion {
  @PrimaryColumn({ name: 'province_id', type: 'smallint' })
  provinceId: number;

  @Column({ type: 'bigint' })
  version: string;
}
