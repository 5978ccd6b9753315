import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { log } from '../request-scope';

export type Column = { header: string; width: number; money?: boolean; percent?: boolean };
export type Cell = string | number | null;
/**
 * A table to download. Its rows may come from a database cursor (open data: a whole year of
 * the country's reports), so they are written as they arrive and never held all at once.
 */
export type Table = { title: string; columns: Column[]; rows: Iterable<Cell[]> | AsyncIterable<Cell[]> };

const isNumeric = (value: string | number): boolean =>
  typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(value);

/** Rows written between checks of the connection (back-pressure, a caller who left). */
const BATCH = 500;

/**
 * The first characters that make a spreadsheet program read a cell as a formula (OWASP "CSV
 * Injection": = + - @ tab CR, and the full-width = + - @ that some programs fold into them).
 * These are the characters csv-stringify's `escape_formulas` looks for, so CSV and XLSX agree.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text that would start a formula gets an apostrophe in front: the reader sees it as text, apostrophe shown. */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Whether a column holds amounts: its numeric text is written as a number. */
const numericColumn = (column: Column | undefined) => Boolean(column?.money || column?.percent);

/**
 * A row as written: a number stays a number, and so does the numeric text of an amount column
 * (exact decimals travel as text from SQL; a negative amount must stay a negative number, not a
 * neutralised text); every other cell is text. A word in an amount column (ไม่ใช้งบประมาณ) stays text.
 */
const typedRow = (columns: Column[], row: Cell[]): (string | number | null)[] =>
  row.map((value, i) =>
    value !== null && numericColumn(columns[i]) && isNumeric(value) ? Number(value) : value,
  );

/**
 * CSV through csv-stringify: quoting as RFC 4180, and `escape_formulas` neutralises text that
 * starts a formula (never a number). Amounts are printed with two decimals, as SQL gives them.
 */
const csvRows = (columns: Column[], rows: (string | number | null)[][]): string =>
  stringify(rows, {
    escape_formulas: true,
    record_delimiter: 'windows',
    cast: {
      number: (value, context) =>
        typeof context.index === 'number' && numericColumn(columns[context.index])
          ? value.toFixed(2)
          : String(value),
    },
  });

/** Resolves when `stream` wants more, or the caller has gone. */
const drained = async (stream: NodeJS.EventEmitter, res: Response) => {
  const ac = new AbortController();
  await Promise.race([
    once(stream, 'drain', { signal: ac.signal }),
    once(res, 'close', { signal: ac.signal }),
  ]).catch(() => undefined);
  ac.abort();
};

/**
 * Waits until the response takes more, or the caller has gone (true): rows are read from the
 * database no faster than the caller downloads them.
 */
const gone = async (res: Response): Promise<boolean> => {
  if (!res.destroyed && res.writableNeedDrain) await drained(res, res);
  return res.destroyed;
};

/** A writable stream of Node's or of the `readable-stream` package (archiver's), seen by what both keep. */
type Backlogged = NodeJS.EventEmitter & { _writableState?: { length: number; needDrain: boolean } };

/**
 * Where ExcelJS's streaming writer feeds a worksheet's XML to the zip (exceljs 4: the sheet's
 * buffer writes into archiver's PassThrough without heeding back-pressure, so XML made faster
 * than it is compressed piles up there). Undefined if a later ExcelJS is built otherwise.
 */
const zipInput = (sheet: ExcelJS.Worksheet): Backlogged | undefined => {
  const input = (sheet as unknown as { stream?: { pipes?: Backlogged[] } }).stream?.pipes?.[0];
  return typeof input?._writableState?.needDrain === 'boolean' ? input : undefined;
};

const writeCsv = async (res: Response, table: Table) => {
  // Nothing goes out before the first batch (or the end): until then a failure is still an error status.
  let head = `\uFEFF${csvRows([], [table.columns.map((c) => c.header)])}`;
  let batch: (string | number | null)[][] = [];
  for await (const row of table.rows) {
    batch.push(typedRow(table.columns, row));
    if (batch.length === BATCH) {
      res.write(head + csvRows(table.columns, batch));
      head = '';
      batch = [];
      if (await gone(res)) return;
    }
  }
  res.end(head + (batch.length > 0 ? csvRows(table.columns, batch) : ''));
};

const writeXlsx = async (res: Response, name: string, table: Table) => {
  // Inline strings: shared strings would keep every distinct text in memory until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  table.columns.forEach((column, index) => {
    const excelColumn = sheet.getColumn(index + 1);
    excelColumn.width = column.width;
    if (column.money) excelColumn.numFmt = '#,##0.00';
    if (column.percent) excelColumn.numFmt = '0.00';
  });
  // Text cells are inline strings (never formulas); text that would start one is neutralised
  // as in the CSV, so a copy pasted or saved from the sheet carries no live formula either.
  const title = sheet.addRow([neutralise(table.title)]);
  title.font = { bold: true, size: 14 };
  title.commit();
  const header = sheet.addRow(table.columns.map((c) => neutralise(c.header)));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of table.rows) {
    // Exact decimals travel as text from SQL; Excel gets numbers to compute with.
    sheet
      .addRow(
        typedRow(table.columns, row).map((value) => (typeof value === 'string' ? neutralise(value) : value)),
      )
      .commit();
    if (++count % BATCH === 0) {
      const input = zipInput(sheet);
      if (input?._writableState?.needDrain) await drained(input, res);
      if (await gone(res)) return;
    }
  }
  sheet.commit();
  await workbook.commit();
};

/**
 * Sends a table as XLSX (title row, frozen header row, number formats) or UTF-8 CSV with a BOM,
 * streamed. Once the first bytes are out a failure cannot become an error status: the
 * connection is cut instead, so the caller sees a broken download rather than a short file.
 */
export const sendTable = async (res: Response, format: 'xlsx' | 'csv', name: string, table: Table) => {
  if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
  else
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${name}.xlsx`);
  try {
    if (format === 'csv') await writeCsv(res, table);
    else await writeXlsx(res, name, table);
  } catch (error) {
    if (!res.headersSent) {
      // Nothing went out: the caller's error handler answers with a status and a message instead.
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw error;
    }
    log().error({ err: error }, 'Download failed after it started');
    res.destroy();
  }
};
