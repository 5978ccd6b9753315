import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One caller's leaky bucket of GraphQL cost points (see budget.ts), shared by
 * every server instance: `level` points are in the bucket as of `updated_at`
 * and leak out at the caller's restore rate.
 */
@Entity({ name: 'api_budget' })
export class ApiBudget {
  /** `account:<id>`, `key:<apiKeyId>` or `address:<ip>`. */
  @PrimaryColumn({ name: 'bucket_key', type: 'text' })
  bucketKey: string;

  @Column({ type: 'double precision' })
  level: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
