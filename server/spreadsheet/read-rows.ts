import ExcelJS from 'exceljs';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { readCsv } from './csv-read';

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
  /** Comparison form of a header (both the file's and the template's); by default trimmed. */
  headerKey?: (text: string) => string;
  /** Columns that alone do not make a row worth reading (a running number). */
  notData?: readonly K[];
};

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
};

/** The cells of the first worksheet as text (formulas as their last computed value). */
const readXlsx = async (content: Buffer): Promise<string[][]> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ .xlsx หรือ .csv จากแบบฟอร์มของระบบ');
  }
  const table: string[][] = [];
  workbook.worksheets[0]?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value).trim();
    });
    table[rowNumber - 1] = values;
  });
  return table;
};

/** An XLSX or CSV file as rows of cells; the file name's extension says which. */
export const readTable = async (fileName: string, content: Buffer): Promise<string[][]> => {
  if (/\.csv$/i.test(fileName)) return readCsv(content);
  if (/\.xlsx$/i.test(fileName)) return readXlsx(content);
  throw new AppError(ErrorCode.BAD_USER_INPUT, 'รองรับเฉพาะไฟล์ .xlsx หรือ .csv');
};

/**
 * Reads the rows of an XLSX or CSV file, locating columns by their header text in the first
 * row; a required column that is not there refuses the whole file. Rows without data are left out.
 */
export const readRows = async <K extends string>(
  fileName: string,
  content: Buffer,
  columns: readonly SheetColumn<K>[],
  { headerKey = (text) => text.trim(), notData = [] }: ReadOptions<K> = {},
): Promise<SheetRow<K>[]> => {
  const table = await readTable(fileName, content);
  const header = Array.from(table[0] ?? [], (text) => headerKey(text ?? ''));
  const indexOf = new Map<K, number>();
  for (const column of columns) {
    const names = [column.header, ...(column.aliases ?? [])].map(headerKey);
    const index = header.findIndex((text) => names.includes(text));
    if (index >= 0) indexOf.set(column.key, index);
  }
  const missing = columns.filter((c) => c.required && !indexOf.has(c.key));
  if (missing.length > 0) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `ไม่พบคอลัมน์ ${missing.map((c) => `"${c.header}"`).join(', ')} ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มของระบบ`,
    );
  }
  const rows: SheetRow<K>[] = [];
  for (let index = 1; index < table.length; index += 1) {
    const values = table[index];
    const cells: SheetRow<K>['cells'] = {};
    for (const [key, column] of indexOf) cells[key] = (values?.[column] ?? '').trim();
    const hasData = [...indexOf.keys()].some((key) => !notData.includes(key) && cells[key]);
    if (hasData) rows.push({ rowNumber: index + 1, cells });
  }
  return rows;
};
