import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import type { SpreadsheetLimits } from '../config';

/*
 * An uploaded XLSX read as hostile input. An XLSX is a zip of XML files, and a zip entry of a few
 * hundred kilobytes can inflate to gigabytes; a sheet can hold a million empty rows in a few
 * kilobytes. So, before any XML is parsed, the zip's central directory is inspected (yauzl): too
 * many entries, or declared sizes over the limit, refuse the file at once. Then only the entries
 * needed for the first sheet's text are inflated, as streams, counting the bytes that really come
 * out (a declared size can lie: past it yauzl fails the entry, past the limit we stop), and the
 * sheet's XML is parsed as it arrives (saxes), its rows handed out one at a time and counted: past
 * the row limit reading stops. Nothing is written to disk and no whole sheet is held in memory.
 */

const xlsxUnreadable = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ .xlsx หรือ .csv จากแบบฟอร์มของระบบ');

const megabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('th-TH', { maximumFractionDigits: 1 });

export const unpackedTooLarge = (limits: SpreadsheetLimits) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `ไฟล์ .xlsx นี้เมื่อแตกออกมีขนาดเกิน ${megabytes(limits.maxUnpackedBytes)} MB ซึ่งเกินกว่าข้อมูลที่ระบบนำเข้าได้ ` +
      'กรุณาคัดลอกเฉพาะตารางข้อมูลลงแบบฟอร์มของระบบ หรือบันทึกเป็นไฟล์ .csv แล้วนำเข้าอีกครั้ง',
    { maxUnpackedBytes: limits.maxUnpackedBytes },
  );

export const tooManySheetRows = (limits: SpreadsheetLimits) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `ไฟล์มีเกิน ${limits.maxSheetRows.toLocaleString('th-TH')} แถว (นับรวมแถวว่าง) ` +
      'กรุณาลบแถวว่างท้ายตาราง หรือแบ่งไฟล์แล้วนำเข้าทีละส่วน',
    { maxSheetRows: limits.maxSheetRows },
  );

const tooManyEntries = (limits: SpreadsheetLimits) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `ไฟล์ .xlsx นี้มีส่วนประกอบเกิน ${limits.maxZipEntries.toLocaleString('th-TH')} ส่วน ` +
      'กรุณาคัดลอกเฉพาะตารางข้อมูลลงแบบฟอร์มของระบบแล้วนำเข้าอีกครั้ง',
    { maxZipEntries: limits.maxZipEntries },
  );

const openZip = (content: Buffer): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      content,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );

/** Every entry of the central directory (nothing is inflated), refused past the limits. */
const centralDirectory = (zip: ZipFile, limits: SpreadsheetLimits): Promise<Map<string, Entry>> =>
  new Promise((resolve, reject) => {
    if (zip.entryCount > limits.maxZipEntries) {
      reject(tooManyEntries(limits));
      return;
    }
    const entries = new Map<string, Entry>();
    let declared = 0;
    zip.on('entry', (entry: Entry) => {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) {
        reject(unpackedTooLarge(limits));
        return;
      }
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });

/** Inflated bytes so far, shared by the entries of one file. */
type Budget = { left: number; limits: SpreadsheetLimits };

const openEntry = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );

/**
 * Streams an entry's XML through `parser` (whose handlers see each piece as it is parsed), yielding
 * after every chunk so the caller can take what the handlers collected; the stream is destroyed
 * when the caller stops early.
 */
async function* parseEntry(
  zip: ZipFile,
  entry: Entry,
  budget: Budget,
  parser: SaxesParser,
): AsyncGenerator<void> {
  const stream = await openEntry(zip, entry);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.left -= chunk.length;
      if (budget.left < 0) throw unpackedTooLarge(budget.limits);
      parser.write(decoder.write(chunk));
      yield;
    }
    parser.write(decoder.end());
    parser.close();
  } finally {
    stream.destroy();
  }
}

const drain = async (steps: AsyncGenerator<void>) => {
  for await (const _ of steps);
};

const newParser = () => new SaxesParser({ xmlns: false, position: false });

/** A tag's name without its namespace prefix (some writers spell `<x:row>`). */
const local = (tag: SaxesTagPlain) => tag.name.slice(tag.name.indexOf(':') + 1);

/** Relationship targets of the workbook by id (`rId1` → `worksheets/sheet1.xml`). */
const readRelationships = async (zip: ZipFile, entry: Entry | undefined, budget: Budget) => {
  const targets = new Map<string, string>();
  if (!entry) return targets;
  const parser = newParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (local(tag) === 'Relationship') targets.set(String(tag.attributes.Id), String(tag.attributes.Target));
  });
  await drain(parseEntry(zip, entry, budget, parser));
  return targets;
};

/** The relationship id of the first sheet in the workbook's tab order. */
const readFirstSheetId = async (zip: ZipFile, entry: Entry | undefined, budget: Budget) => {
  if (!entry) return undefined;
  let first: string | undefined;
  const parser = newParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (first !== undefined || local(tag) !== 'sheet') return;
    // The relationships namespace's prefix is usually r:, not always.
    const id = Object.entries(tag.attributes).find(([name]) => name === 'r:id' || name.endsWith(':id'));
    first = id ? String(id[1]) : '';
  });
  await drain(parseEntry(zip, entry, budget, parser));
  return first;
};

/** The shared strings (each the text of its `<t>` elements, phonetic runs left out). */
const readSharedStrings = async (zip: ZipFile, entry: Entry | undefined, budget: Budget) => {
  const strings: string[] = [];
  if (!entry) return strings;
  let text = '';
  let inText = false;
  let phonetic = 0;
  const parser = newParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (local(tag) === 'si') text = '';
    else if (local(tag) === 'rPh') phonetic += 1;
    else if (local(tag) === 't' && phonetic === 0) inText = true;
  });
  parser.on('text', (value: string) => {
    if (inText) text += value;
  });
  parser.on('cdata', (value: string) => {
    if (inText) text += value;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (local(tag) === 't') inText = false;
    else if (local(tag) === 'rPh') phonetic -= 1;
    else if (local(tag) === 'si') strings.push(text);
  });
  await drain(parseEntry(zip, entry, budget, parser));
  return strings;
};

/** `B12` → 1 (zero-based column); undefined if the reference has no letters. */
const columnOf = (reference: string): number | undefined => {
  const letters = /^([A-Z]{1,3})/i.exec(reference)?.[1];
  if (!letters) return undefined;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
};

/** A row of the sheet: its number as the spreadsheet shows it (1-based) and its cells' text by column. */
export type XlsxRow = { rowNumber: number; values: string[] };

/** Columns beyond this are not read (Excel's own last column is XFD, 16,384). */
const MAX_COLUMNS = 16_384;

/**
 * The rows of the first worksheet as text (a formula as its last computed value, a number as
 * JavaScript writes it, a date as the serial number Excel keeps), one at a time. Refuses the file
 * (BAD_USER_INPUT) past the limits on entries, inflated bytes and rows, or when it is not an XLSX.
 */
export async function* xlsxRows(content: Buffer, limits: SpreadsheetLimits): AsyncGenerator<XlsxRow> {
  let zip: ZipFile;
  try {
    zip = await openZip(content);
  } catch {
    throw xlsxUnreadable();
  }
  try {
    const entries = await centralDirectory(zip, limits);
    const budget: Budget = { left: limits.maxUnpackedBytes, limits };
    const targets = await readRelationships(zip, entries.get('xl/_rels/workbook.xml.rels'), budget);
    const firstId = await readFirstSheetId(zip, entries.get('xl/workbook.xml'), budget);
    const target = firstId === undefined ? undefined : targets.get(firstId);
    const sheetPath = target
      ? target.startsWith('/')
        ? target.slice(1)
        : `xl/${target}`
      : [...entries.keys()].find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    const sheet = sheetPath === undefined ? undefined : entries.get(sheetPath);
    if (!sheet) throw xlsxUnreadable();
    const shared = await readSharedStrings(zip, entries.get('xl/sharedStrings.xml'), budget);

    const ready: XlsxRow[] = [];
    let rows = 0;
    let rowNumber = 0;
    let values: string[] = [];
    let column = -1;
    let type = '';
    let text = '';
    let inValue = false;
    let phonetic = 0;
    const parser = newParser();
    parser.on('opentag', (tag: SaxesTagPlain) => {
      switch (local(tag)) {
        case 'row': {
          rows += 1;
          if (rows > limits.maxSheetRows) throw tooManySheetRows(limits);
          const given = Number(tag.attributes.r);
          rowNumber = Number.isInteger(given) && given > rowNumber ? given : rowNumber + 1;
          values = [];
          column = -1;
          break;
        }
        case 'c': {
          const reference = tag.attributes.r === undefined ? undefined : columnOf(String(tag.attributes.r));
          column = reference ?? column + 1;
          type = String(tag.attributes.t ?? 'n');
          text = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          // An inline string's text (<is><t>…</t></is>, or its rich-text runs).
          if (type === 'inlineStr' && phonetic === 0) inValue = true;
          break;
        default:
      }
    });
    const addText = (value: string) => {
      if (inValue) text += value;
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
    parser.on('closetag', (tag: SaxesTagPlain) => {
      switch (local(tag)) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'c': {
          if (column < 0 || column >= MAX_COLUMNS) break;
          let cell = text;
          if (type === 's') cell = shared[Number(text)] ?? '';
          else if (type === 'n' && text !== '') cell = String(Number(text));
          else if (type === 'b') cell = text === '1' ? 'true' : 'false';
          values[column] = cell.trim();
          break;
        }
        case 'row':
          ready.push({ rowNumber, values });
          break;
        default:
      }
    });
    for await (const _ of parseEntry(zip, sheet, budget, parser)) {
      // A row can only be handed out once its chunk is parsed; the parser's throw ends the loop.
      yield* ready.splice(0);
    }
    yield* ready.splice(0);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A broken zip or XML, an entry that inflates past its declared size, an unknown compression.
    throw xlsxUnreadable();
  } finally {
    zip.close();
  }
}
