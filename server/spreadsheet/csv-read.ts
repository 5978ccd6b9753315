import Papa from 'papaparse';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

type QuoteProblem = { line: number; problem: string };

const problems = {
  unclosed: 'เครื่องหมายคำพูด (") ไม่ครบคู่',
  closing: 'มีข้อความต่อจากเครื่องหมายคำพูดปิด (") ในช่องเดียวกัน',
  opening: 'มีเครื่องหมายคำพูด (") กลางข้อความในช่องที่ไม่ได้ขึ้นต้นด้วยเครื่องหมายคำพูด',
};

const isBreak = (char: string | undefined) => char === '\r' || char === '\n';

/**
 * The line (as a text editor counts them: CRLF, LF or CR each end one) of the first quoting
 * mistake, read as csv-parse reads by default. csv-parse's own line count is not used: it counts
 * a CRLF inside a quoted cell twice, and for an unclosed quote it names the end of the file
 * rather than the line where the quote was opened.
 */
const quoteProblem = (text: string): QuoteProblem | undefined => {
  let line = 1;
  let quoted = false;
  let openedOn = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const lineEnds = char === '\n' || (char === '\r' && text[i + 1] !== '\n');
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') i += 1;
      else if (char === '"') {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && !isBreak(next)) return { line, problem: problems.closing };
      } else if (lineEnds) line += 1;
    } else if (char === '"') {
      if (!fieldStart) return { line, problem: problems.opening };
      quoted = true;
      openedOn = line;
      fieldStart = false;
    } else {
      fieldStart = char === ',' || isBreak(char);
      if (lineEnds) line += 1;
    }
  }
  return quoted ? { line: openedOn, problem: problems.unclosed } : undefined;
};

/**
 * Reads a CSV file (UTF-8, with or without the BOM Excel writes) into rows of cells, at most
 * `maxRecords` of them (the parser stops there: a file of a million empty lines is never held as
 * a million rows). A file it cannot read is the caller's mistake (BAD_USER_INPUT): a quoting
 * mistake names its line, and no cell of the file is repeated in the message.
 *
 * The quoting is checked first, by the scan above (one pass, csv-parse's rules); the rows are then
 * split by Papa Parse, which takes rows of any length at the same cost (csv-parse builds an error
 * object for every row whose length differs from the first, about 0.1 ms each: seconds for a
 * hostile file of short rows).
 */
export const readCsv = (content: Buffer, maxRecords: number): string[][] => {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const found = quoteProblem(text);
  if (found) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `ไฟล์ CSV ไม่ถูกต้องที่บรรทัด ${found.line}: ${found.problem} กรุณาแก้ไขแล้วนำเข้าอีกครั้ง`,
      { line: found.line },
    );
  }
  const { data, errors } = Papa.parse<string[]>(text, {
    delimiter: ',',
    preview: maxRecords,
    skipEmptyLines: false,
  });
  if (errors.length > 0) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'อ่านไฟล์ CSV ไม่ได้ กรุณาบันทึกเป็น CSV UTF-8 จากแบบฟอร์มของระบบ');
  }
  // A line break at the end of the file ends the last row; it does not start another.
  const last = data[data.length - 1];
  if (data.length < maxRecords && last?.length === 1 && last[0] === '' && /[\r\n]$/.test(text)) data.pop();
  return data;
};
