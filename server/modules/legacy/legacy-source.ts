import type { Connection as CallbackConnection } from 'mysql2';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';

/**
 * Reads the legacy e-PlanNACC database (MySQL/MariaDB, database `eplannacc`) through a `utf8`
 * connection, the charset the legacy app read and wrote with (LEGACY.md §4.1). Only the columns
 * LEGACY.md names are read, never the unverified ones (§6). Read-only: it never writes.
 */
export type Row = Record<string, unknown>;

export class LegacySource {
  private constructor(
    private readonly connection: Connection,
    readonly describe: string,
  ) {}

  static async open(url: string): Promise<LegacySource> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:')
      throw new Error(`--from takes mysql://user:pass@host:port/db, not ${parsed.protocol}`);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    const socket = parsed.searchParams.get('socket');
    const connection = await mysql.createConnection({
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database,
      socketPath: socket ?? undefined,
      charset: 'UTF8_GENERAL_CI',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    return new LegacySource(connection, `${parsed.hostname}:${parsed.port || 3306}/${database}`);
  }

  async close(): Promise<void> {
    await this.connection.end();
  }

  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    const [rows] = await this.connection.query<RowDataPacket[]>(sql, params);
    return rows as Row[];
  }

  /** Streams the rows of a query to `onRow` (constant memory, for the large tables). */
  each(sql: string, params: unknown[], onRow: (row: Row) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      (this.connection as unknown as { connection: CallbackConnection }).connection
        .query(sql, params)
        .on('result', (row: unknown) => onRow(row as Row))
        .on('error', reject)
        .on('end', () => resolve());
    });
  }

  /**
   * The rows of a table in pages of `size`, by ascending integer key (keyset pagination: each page
   * is an index range scan, whatever the table's size).
   */
  async *pages(table: string, columns: string, key: string, size = 10_000): AsyncGenerator<Row[]> {
    let after = -1;
    for (;;) {
      const rows = await this.rows(
        `SELECT ${columns} FROM \`${table}\` WHERE ${key} > ? ORDER BY ${key} LIMIT ${Number(size)}`,
        [after],
      );
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1][key]);
      if (rows.length < size) return;
    }
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.rows(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
      [table],
    );
    return rows.length > 0;
  }

  async columns(table: string): Promise<string[]> {
    const rows = await this.rows(
      'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position',
      [table],
    );
    return rows.map((row) => String(row.c));
  }
}

/** A legacy value as trimmed text ('' for NULL). */
export const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value).trim();

/** A legacy value as an integer, or null when it is not one (e.g. '' or 'abc'). */
export const int = (value: unknown): number | null => {
  const t = text(value);
  return /^-?\d+$/.test(t) ? Number(t) : null;
};

/** A Buddhist-Era fiscal year the legacy pickers offer (2558–2572, LEGACY.md §4.2), or null. */
export const beYear = (value: unknown): number | null => {
  const year = int(value);
  return year !== null && year >= 2550 && year <= 2600 ? year : null;
};

/** Baht from a legacy digits-only amount ('' → 0); null when it holds something else. */
export const baht = (value: unknown): string | null => {
  const t = text(value).replace(/,/g, '');
  if (t === '') return '0';
  return /^\d{1,13}(\.\d{1,2})?$/.test(t) ? t : null;
};
