import type { EntityManager } from 'typeorm';
import type { HashCost } from '../../auth/password';
import { Role } from '../../auth/role';
import type { ImportLog } from './import-log';
import type { LegacySource, Row } from './legacy-source';
import type { DatabaseTimeouts } from '../../config';

export type LegacyImportOptions = {
  dryRun: boolean;
  /** The legacy server's files (its `uploads/` folder, or the folder holding it). */
  filesDir?: string | null;
  keepLegacyPasswords: boolean;
  hashCost: HashCost;
  /** Tests only: called inside each step's transaction after its writes (a throw fails the step). */
  afterStepWrites?: (step: string, manager: EntityManager) => Promise<void> | void;
  /** Bounds on the database of each step; the long work's from the environment (DATABASE_LONG_*) when unset. */
  timeouts?: DatabaseTimeouts;
};

/** The account every imported row is recorded by (the legacy keeps no reviewer or assessor). */
export const importAccountName = 'e-plannacc.import';

/** What a step works with: the open transaction, the legacy source, the log, shared reads. */
export class ImportContext {
  private readonly cache = new Map<string, Promise<unknown>>();
  private importAccount: string | null = null;

  constructor(
    readonly manager: EntityManager,
    readonly source: LegacySource,
    readonly log: ImportLog,
    readonly options: LegacyImportOptions,
  ) {}

  /** The same run in another transaction (the next step): legacy reads are shared, not redone. */
  withManager(manager: EntityManager): ImportContext {
    const next = new ImportContext(manager, this.source, this.log, this.options);
    // Reads of our database made inside a rolled-back step must not survive it: only legacy reads
    // (and the placements, which a failed step stops the run before they matter) are carried over.
    for (const [key, value] of this.cache) next.cache.set(key, value);
    next.importAccount = this.importAccount;
    return next;
  }

  /** A legacy read done once per run, whatever the number of steps needing it. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, read());
    return this.cache.get(key) as Promise<T>;
  }

  legacyTable(table: string, columns: string, order = ''): Promise<Row[]> {
    return this.once(`${table}:${columns}:${order}`, () =>
      this.source.rows(`SELECT ${columns} FROM \`${table}\`${order ? ` ORDER BY ${order}` : ''}`),
    );
  }

  /** legacy id → our id of one kind, as recorded in legacy_mapping. */
  async mapped(kind: string): Promise<Map<string, string>> {
    const rows: { legacy_id: string; new_id: string }[] = await this.manager.query(
      'SELECT legacy_id, new_id FROM legacy_mapping WHERE kind = $1',
      [kind],
    );
    return new Map(rows.map((row) => [row.legacy_id, row.new_id]));
  }

  async addMappings(kind: string, pairs: [string, string | number][]): Promise<void> {
    await insertMany(
      this.manager,
      'legacy_mapping',
      ['kind', 'legacy_id', 'new_id'],
      pairs.map(([legacyId, newId]) => [kind, legacyId, String(newId)]),
    );
  }

  /**
   * The disabled NACC central account "e-plannacc.import" that records what the importer writes
   * (assessors, ITA, site visits, report revisions): the legacy names no person (§3.4, §3.11).
   */
  async importAccountId(): Promise<string> {
    if (this.importAccount) return this.importAccount;
    const found: { id: string }[] = await this.manager.query('SELECT id FROM account WHERE username = $1', [
      importAccountName,
    ]);
    if (found.length > 0) return (this.importAccount = found[0].id);
    const created: { id: string }[] = await this.manager.query(
      `INSERT INTO account (username, role, display_name, administrator, disabled_at)
       VALUES ($1, $2, $3, false, now()) RETURNING id`,
      [importAccountName, Role.NACC_CENTRAL, 'นำเข้าจากระบบ e-PlanNACC'],
    );
    return (this.importAccount = created[0].id);
  }
}

/**
 * One multi-row INSERT per chunk; returns the `returning` column of every row, in the order given
 * (PostgreSQL returns the rows of an INSERT … VALUES in their order).
 */
export const insertMany = async (
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  returning?: string,
): Promise<unknown[]> => {
  const out: unknown[] = [];
  const chunk = Math.max(1, Math.min(2000, Math.floor(60_000 / columns.length)));
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: unknown[] = [];
    const values = part.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    const result: Record<string, unknown>[] = await manager.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}${
        returning ? ` RETURNING "${returning}"` : ''
      }`,
      params,
    );
    if (returning) out.push(...result.map((row) => row[returning]));
  }
  return out;
};

/**
 * Runs a bulk step with a per-row summary trigger switched off, then refreshes the implementation
 * summaries of the (LAO, fiscal year) pairs it touched once each — or rebuilds them all when there
 * are many — as the national loader does (server/seed/national/load.ts). Per-row deferred refreshes
 * of hundreds of thousands of rows at commit would dominate the import. ALTER TABLE is
 * transactional: a failing step rolls the switch back too. It locks the table for the step.
 */
export const withSummaryTriggerOff = async (
  manager: EntityManager,
  table: 'project' | 'report',
  body: (touched: Set<string>) => Promise<void>,
): Promise<void> => {
  const trigger = `${table}_summary`;
  const touched = new Set<string>();
  await manager.query(`ALTER TABLE "${table}" DISABLE TRIGGER "${trigger}"`);
  await body(touched);
  await manager.query(`ALTER TABLE "${table}" ENABLE TRIGGER "${trigger}"`);
  if (touched.size > 2000) {
    await manager.query('SELECT rebuild_lao_summaries()');
    return;
  }
  for (const pair of touched) {
    const [lao, year] = pair.split('/').map(Number);
    await manager.query('SELECT refresh_lao_summary($1::integer, $2::smallint)', [lao, year]);
  }
};
