import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { databaseWaitsFrom } from '../../config';
import { raiseLocal, transactionWith } from '../../db/bounded-waits';
import { RoundKind } from '../../modules/report/report.enums';
import { ensureDefaultRounds } from '../../modules/report/round-defaults';
import type { CopyTable, NationalDataset } from './generate';

/**
 * Bulk-loads a generated national dataset with COPY, in one transaction: either all
 * of it lands or nothing does. Constraints, foreign keys and indexes stay on; only the
 * per-row triggers that keep `lao_round_summary` current are switched off during the
 * load and the summaries rebuilt once at the end (the bulk-load path their migration
 * provides). The other triggers (updated_at stamps, tombstones) fire on UPDATE and
 * DELETE, never on COPY.
 */

export class NationalSeedRefused extends Error {}

export type TableLoad = { table: string; rows: number; ms: number };
export type LoadResult = { tables: TableLoad[]; ms: number };

/** Per-row triggers a bulk load may replace by one rebuild (ImplementationSummaries migration). */
const summaryTriggers = [
  { table: 'project', trigger: 'project_summary' },
  { table: 'report', trigger: 'report_summary' },
  // Aggregate versions (AggregateVersions migration): the rebuild raises every province's once.
  { table: 'plan', trigger: 'plan_aggregate_version' },
  { table: 'lao', trigger: 'lao_aggregate_version' },
];
const summaryRebuild = 'rebuild_lao_summaries';
/** Tables whose secondary indexes and foreign keys are rebuilt after the load rather than kept up row by row. */
const deferredTables = ['project', 'report', 'report_revision'];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows already in the tables a national load fills (any of them makes it collide). */
export const existingData = async (dataSource: DataSource, dataset: NationalDataset) => {
  const names = dataset.tables.map((t) => t.table);
  const counts = (await dataSource.query(
    names
      .map((n) => `SELECT '${n}' AS "table", (SELECT count(*) FROM ${quote(n)})::int AS n`)
      .join(' UNION ALL '),
  )) as { table: string; n: number }[];
  return counts.filter((c) => c.n > 0);
};

/** Lines joined into chunks of about `size` characters: far fewer, larger writes to the socket. */
async function* chunked(lines: Iterable<string>, size = 1 << 20): AsyncGenerator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const item of lines) {
    parts.push(item);
    length += item.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

const copyTable = async (client: PoolClient, table: CopyTable): Promise<number> => {
  const stream = client.query(
    copyFrom(`COPY ${quote(table.table)} (${table.columns.map(quote).join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from(chunked(table.rows())), stream);
  return stream.rowCount;
};

export const loadNational = async (
  dataSource: DataSource,
  dataset: NationalDataset,
  options: { reset?: boolean; log?: (message: string) => void } = {},
): Promise<LoadResult> => {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const existing = await existingData(dataSource, dataset);
  if (!options.reset && existing.length > 0) {
    throw new NationalSeedRefused(
      `The database already has data (${existing.map((e) => `${e.table}: ${e.n}`).join(', ')}). ` +
        'Run with --reset to replace all of it with the national dataset.',
    );
  }
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const tables: TableLoad[] = [];
  // A bulk load (COPY, index and summary rebuilds of a whole country) is bounded as migrations are.
  const timeouts = databaseWaitsFrom().migration;
  let restore = () => {};
  try {
    await runner.startTransaction();
    restore = await raiseLocal(runner, timeouts);
    if (options.reset) {
      // Every data table but the migration log and append-only ones (a TRUNCATE trigger forbids it).
      const migrationsTable = dataSource.options.migrationsTableName ?? 'migrations';
      const names = (
        (await runner.query(
          `SELECT c.relname AS name FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
              AND c.relname <> $1
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND (t.tgtype & 32) <> 0)
            ORDER BY c.relname`,
          [migrationsTable],
        )) as { name: string }[]
      ).map((r) => quote(r.name));
      const t0 = Date.now();
      await runner.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
      log(`  emptied ${names.length} tables (${Date.now() - t0} ms)`);
    }

    const [{ rebuild }] = (await runner.query(
      `SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = $1) AS rebuild`,
      [summaryRebuild],
    )) as { rebuild: boolean }[];
    const present = (await runner.query(
      `SELECT c.relname AS "table", t.tgname AS trigger FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'`,
    )) as { table: string; trigger: string }[];
    const switchedOff = rebuild
      ? summaryTriggers.filter((s) => present.some((p) => p.table === s.table && p.trigger === s.trigger))
      : [];
    for (const { table, trigger } of switchedOff) {
      await runner.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER ${quote(trigger)}`);
    }

    // The big tables get their secondary indexes and foreign keys back after the load: built once
    // from sorted data and validated by one join each, instead of row by row. Same names, same
    // definitions, re-checked before COMMIT, all inside this transaction.
    const deferred = (await runner.query(
      `SELECT c.relname AS "table", k.conname AS name, 'ALTER TABLE ' || quote_ident(c.relname) ||
              ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) AS definition,
              'ALTER TABLE ' || quote_ident(c.relname) || ' DROP CONSTRAINT ' || quote_ident(k.conname) AS "drop"
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE k.contype = 'f' AND c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
       UNION ALL
       SELECT c.relname, x.relname, pg_get_indexdef(i.indexrelid), 'DROP INDEX ' || quote_ident(x.relname)
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
        WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [deferredTables],
    )) as { table: string; name: string; definition: string; drop: string }[];
    for (const item of deferred) await runner.query(item.drop);

    for (const table of dataset.tables) {
      if (table.table === 'round_extension') {
        // Rounds are made as the app makes them; extensions then point at their real ids.
        await ensureDefaultRounds(runner.manager, dataset.fiscalYears);
        const rounds = (await runner.query(`SELECT id, fiscal_year, kind FROM reporting_round`)) as {
          id: number;
          fiscal_year: number;
          kind: RoundKind;
        }[];
        for (const round of rounds) dataset.roundIds.set(`${round.fiscal_year}:${round.kind}`, round.id);
      }
      const t0 = Date.now();
      const rows = await copyTable(client, table);
      const ms = Date.now() - t0;
      tables.push({ table: table.table, rows, ms });
      log(
        `  ${table.table.padEnd(16)} ${rows.toLocaleString('en').padStart(10)} rows  ${(ms / 1000).toFixed(1)} s`,
      );
    }

    for (const table of deferredTables) {
      const t0 = Date.now();
      const items = deferred.filter((d) => d.table === table);
      // Indexes, then foreign keys (each validated by one query against the referenced key).
      for (const item of items.sort(
        (a, b) => Number(a.definition.startsWith('ALTER')) - Number(b.definition.startsWith('ALTER')),
      )) {
        await runner.query(item.definition);
      }
      log(
        `  ${table.padEnd(16)} ${String(items.length).padStart(10)} indexes and foreign keys rebuilt  ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    for (const { table, trigger } of switchedOff) {
      await runner.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER ${quote(trigger)}`);
    }
    if (switchedOff.length) {
      const t0 = Date.now();
      await runner.query(`SELECT ${summaryRebuild}()`);
      const [{ count }] = (await runner.query(`SELECT count(*)::int AS count FROM lao_round_summary`)) as {
        count: number;
      }[];
      tables.push({ table: 'lao_round_summary', rows: count, ms: Date.now() - t0 });
      log(
        `  ${'lao_round_summary'.padEnd(16)} ${count.toLocaleString('en').padStart(10)} rows  ${((Date.now() - t0) / 1000).toFixed(1)} s (rebuilt)`,
      );
    }

    // COPY wrote the ids: move each identity past them so the app's inserts continue after.
    const loaded = tables.map((t) => t.table);
    const identities = (await runner.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name = ANY($1)`,
      [loaded],
    )) as { table_name: string; column_name: string }[];
    for (const { table_name: table, column_name: column } of identities) {
      await runner.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
        [quote(table), column],
      );
    }
    const t0 = Date.now();
    await runner.commitTransaction();
    log(`  committed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    restore();
    await runner.release();
  }

  const t0 = Date.now();
  await transactionWith(dataSource, timeouts, (manager) =>
    manager.query(`ANALYZE ${[...tables.map((t) => t.table), 'reporting_round'].map(quote).join(', ')}`),
  );
  log(`  analyzed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { tables, ms: Date.now() - started };
};
