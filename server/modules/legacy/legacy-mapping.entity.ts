import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Which row of ours each imported e-PlanNACC row became (`npm run legacy:import`, LEGACY.md §5):
 * the key of idempotency — a row already mapped is never imported twice. `kind` names the legacy
 * table (or derived thing, e.g. `plan` for a (local_office_id, year) pair), `legacy_id` its legacy
 * key as text, `new_id` our id as text (integer or uuid).
 */
@Entity({ name: 'legacy_mapping' })
@Index('legacy_mapping_new_idx', ['kind', 'newId'])
export class LegacyMapping {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_legacy_mapping' })
  kind: string;

  @PrimaryColumn({
    name: 'legacy_id',
    type: 'varchar',
    length: 100,
    primaryKeyConstraintName: 'PK_legacy_mapping',
  })
  legacyId: string;

  @Column({ name: 'new_id', type: 'varchar', length: 64 })
  newId: string;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}
