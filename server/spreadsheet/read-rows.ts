import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import type { SpreadsheetLimits } from '../config';
import { readCsv } from './csv-read';
import { tooManySheetRows, type XlsxRow, xlsxRows } from './xlsx-read';

/** A column of an import template; `aliases` are other headers accepted for it. */
export type SheetColumn<K extends string = string> = {
  key: K;
  header: string;
  width: number;
  aliases?: readonly string[];
  required?: boolean;
};

/** One row with data; `rowNumber` as the spreadsheet numbers it (the header is row 1). */
export type SheetRow<K extends string> = { rowNumber: number; cells: Partial<Record<K, string>> };

export type ReadOptions<K extends string> = {
  /** Limits on the file itself (config `spreadsheetLimits`). */
  limits: SpreadsheetLimits;
  /** Comparison form of a header (both the file's and the template's); by default trimmed. */
  headerKey?: (text: string) => string;
  /** Columns that alone do not make a row worth reading (a running number). */
  notData?: readonly K[];
  /** Rows with data the import takes at most, and what it says to a file with more (read stops there). */
  maxRows?: { count: number; message: string };
};

const missingColumns = (missing: readonly SheetColumn[]) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `ไม่พบคอลัมน์ ${missing.map((c) => `"${c.header}"`).join(', ')} ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มของระบบ`,
  );

/** The rows of an XLSX or CSV file (the file name's extension says which), one at a time. */
async function* fileRows(
  fileName: string,
  content: Buffer,
  limits: SpreadsheetLimits,
): AsyncGenerator<XlsxRow> {
  if (/\.csv$/i.test(fileName)) {
    const table = readCsv(content, limits.maxSheetRows + 1);
    if (table.length > limits.maxSheetRows) throw tooManySheetRows(limits);
    for (const [index, values] of table.entries()) yield { rowNumber: index + 1, values };
  } else if (/\.xlsx$/i.test(fileName)) yield* xlsxRows(content, limits);
  else throw new AppError(ErrorCode.BAD_USER_INPUT, 'รองรับเฉพาะไฟล์ .xlsx หรือ .csv');
}

/**
 * Reads the rows of an XLSX or CSV file, locating columns by their header text in the first
 * row; a required column that is not there refuses the whole file. Rows without data are left out.
 */
export const readRows = async <K extends string>(
  fileName: string,
  content: Buffer,
  columns: readonly SheetColumn<K>[],
  { limits, headerKey = (text) => text.trim(), notData = [], maxRows }: ReadOptions<K>,
): Promise<SheetRow<K>[]> => {
  const indexOf = new Map<K, number>();
  const rows: SheetRow<K>[] = [];
  let first = true;
  for await (const { rowNumber, values } of fileRows(fileName, content, limits)) {
    if (first) {
      first = false;
      // The header is row 1; a sheet that starts lower has none.
      const header = rowNumber === 1 ? Array.from(values, (text) => headerKey(text ?? '')) : [];
      for (const column of columns) {
        const names = [column.header, ...(column.aliases ?? [])].map(headerKey);
        const index = header.findIndex((text) => names.includes(text));
        if (index >= 0) indexOf.set(column.key, index);
      }
      const missing = columns.filter((c) => c.required && !indexOf.has(c.key));
      if (missing.length > 0) throw missingColumns(missing);
      if (rowNumber === 1) continue;
    }
    const cells: SheetRow<K>['cells'] = {};
    for (const [key, column] of indexOf) cells[key] = (values[column] ?? '').trim();
    const hasData = [...indexOf.keys()].some((key) => !notData.includes(key) && cells[key]);
    if (!hasData) continue;
    // Reading stops at the first row over the import's limit: the rest of the file is never read.
    if (maxRows && rows.length >= maxRows.count)
      throw new AppError(ErrorCode.BAD_USER_INPUT, maxRows.message, { maxRows: maxRows.count });
    rows.push({ rowNumber, cells });
  }
  const missing = first ? columns.filter((c) => c.required) : [];
  if (missing.length > 0) throw missingColumns(missing);
  return rows;
};
