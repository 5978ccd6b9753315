/**
 * What a file is, from its first bytes (its "magic number"), never from its name or the
 * Content-Type its sender claims. Only the types a site-visit report needs are accepted: PDF,
 * JPEG, PNG, and Word/Excel documents (DOCX/XLSX, which are zip archives holding `word/` or
 * `xl/` parts). A small allow-list instead of the `file-type` package: its maintained versions
 * are ESM-only, which this CommonJS server (ts-node, jest) cannot `require`, and five signatures
 * are all we accept (docs/domain-decisions.md, "Site visits").
 */

export type SniffedType = { mime: string; extensions: readonly string[]; label: string };

const pdf: SniffedType = { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' };
const jpeg: SniffedType = { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' };
const png: SniffedType = { mime: 'image/png', extensions: ['png'], label: 'PNG' };
const docx: SniffedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extensions: ['docx'],
  label: 'Word (DOCX)',
};
const xlsx: SniffedType = {
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extensions: ['xlsx'],
  label: 'Excel (XLSX)',
};

/** The accepted types, for messages and the client's file picker. */
export const acceptedTypes: readonly SniffedType[] = [pdf, jpeg, png, docx, xlsx];

const startsWith = (bytes: Buffer, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/**
 * A zip archive's entry names, from its central directory (at the end of the file). The
 * central directory is what unzip programs read, so a name only in a local header is ignored.
 */
const zipEntryNames = (bytes: Buffer): string[] => {
  // End of central directory: signature PK\x05\x06, at most 65,535 bytes of comment after it.
  const from = Math.max(0, bytes.length - 22 - 65_535);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count && offset + 46 <= bytes.length; n += 1) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) return [];
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
};

/** The accepted type of these bytes, or null (anything else: executables, archives, HTML…). */
export const sniffFileType = (bytes: Buffer): SniffedType | null => {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return pdf; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return docx;
    if (names.includes('xl/workbook.xml')) return xlsx;
  }
  return null;
};

/** The extension of a file name, lower case, without the dot ('' when none). */
export const extensionOf = (fileName: string): string => {
  const match = /\.([^./\\]+)$/.exec(fileName);
  return match ? match[1].toLowerCase() : '';
};
