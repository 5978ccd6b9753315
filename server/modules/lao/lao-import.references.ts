import type { DataSource, EntityManager } from 'typeorm';

/** A table column that refers to an LAO; any row in it means the LAO has data. */
type DataReference = { kind: string; table: string; column: string };

/** Tables that carry an LAO id without a foreign key (reports reach the LAO through their project). */
const referencesWithoutForeignKey = ['report', 'change_event', 'round_reminder'];

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Which LAOs have data (anything that refers to them), so that those are never deleted. */
export class LaoReferences {
  private references: Promise<DataReference[]> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Columns that refer to an LAO: every foreign key to `lao`, plus the few LAO ids kept without one. */
  private all(): Promise<DataReference[]> {
    this.references ??= (async () => {
      const foreign = (await this.dataSource.query(
        `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'lao'::regclass AND c.conrelid <> 'lao'::regclass
          ORDER BY 1, 2`,
      )) as { table: string; column: string }[];
      const plain = (await this.dataSource.query(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name = 'lao_id' AND table_name = ANY($1)
          ORDER BY 1`,
        [referencesWithoutForeignKey],
      )) as { table: string; column: string }[];
      const seen = new Set<string>();
      const references: DataReference[] = [];
      for (const { table, column } of foreign) {
        const kind = table.replace(/^.*\./, '').replace(/"/g, '');
        seen.add(`${kind}.${column}`);
        references.push({ kind, table, column: quoteIdent(column) });
      }
      for (const { table, column } of plain) {
        if (seen.has(`${table}.${column}`)) continue;
        references.push({ kind: table, table: quoteIdent(table), column: quoteIdent(column) });
      }
      return references;
    })();
    return this.references;
  }

  /** For each LAO id, the kinds of data that refer to it (only ids with some data appear). */
  async kinds(manager: EntityManager, ids: number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (ids.length === 0) return result;
    const references = await this.all();
    if (references.length === 0) return result;
    const kinds = references
      .map(
        (ref, index) =>
          `CASE WHEN EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.column} = l.id) THEN $${index + 2}::text END`,
      )
      .join(', ');
    const rows = (await manager.query(
      `SELECT l.id, array_remove(ARRAY[${kinds}], NULL) AS kinds FROM lao l WHERE l.id = ANY($1::int[])`,
      [ids, ...references.map((ref) => ref.kind)],
    )) as { id: number; kinds: string[] }[];
    for (const row of rows) {
      const unique = [...new Set(row.kinds)];
      if (unique.length > 0) result.set(row.id, unique);
    }
    return result;
  }

  /** Deletes the LAOs that still have no data (checked again in the same statement). */
  async deleteWithoutData(manager: EntityManager, ids: number[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const references = await this.all();
    const noData = references
      .map((ref) => `AND NOT EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.column} = lao.id)`)
      .join(' ');
    const rows = (await manager.query(`DELETE FROM lao WHERE id = ANY($1::int[]) ${noData} RETURNING id`, [
      ids,
    ])) as [{ id: number }[], number] | { id: number }[];
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const deleted = Array.isArray(rows[0]) ? (rows[0] as { id: number }[]) : (rows as { id: number }[]);
    return new Set(deleted.map((row) => String(row.id)));
  }
}
