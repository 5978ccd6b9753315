import { constants, crc32, deflateRawSync } from 'node:zlib';

/*
 * Hand-made XLSX files for hostile-input tests: a zip written here byte by byte, so that a test
 * controls what no zip library would write (declared sizes that lie, hundreds of megabytes of XML
 * that are never held in memory, thousands of entries).
 */

/** An entry's content: bytes, or a head, one chunk repeated (deflated once, the copies concatenated) and a tail. */
export type EntryData = Buffer | { head: Buffer; chunk: Buffer; times: number; tail: Buffer };

export type ZipEntrySpec = {
  name: string;
  data: EntryData;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
};

/** Deflated bytes, uncompressed size and CRC-32 of an entry's content. */
const deflated = (data: EntryData): { bytes: Buffer; size: number; crc: number } => {
  if (Buffer.isBuffer(data)) return { bytes: deflateRawSync(data), size: data.length, crc: crc32(data) };
  // A full flush leaves no final block and no reference to earlier data: copies of the block can
  // follow each other, and an empty final block (03 00) ends the stream.
  const part = (bytes: Buffer) => deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const block = part(data.chunk);
  let crc = crc32(data.head);
  for (let i = 0; i < data.times; i += 1) crc = crc32(data.chunk, crc);
  crc = crc32(data.tail, crc);
  const bytes = Buffer.concat([
    part(data.head),
    ...Array.from({ length: data.times }, () => block),
    part(data.tail),
    Buffer.from([0x03, 0x00]),
  ]);
  return { bytes, size: data.head.length + data.chunk.length * data.times + data.tail.length, crc };
};

/** A zip (deflate, no zip64: sizes under 4 GiB) of the entries, in order. */
export const zip = (entries: readonly ZipEntrySpec[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { bytes, size, crc } = deflated(entry.data);
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, bytes);
    centrals.push(central, name);
    offset += local.length + name.length + bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The entries of a minimal workbook around one sheet whose XML is `sheet`. */
export const workbookEntries = (sheet: EntryData): ZipEntrySpec[] => [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '</Relationships>',
    ),
  },
  { name: 'xl/worksheets/sheet1.xml', data: sheet },
];

/** A sheet's XML: `rows` (XML of <row> elements) inside <worksheet><sheetData>. */
export const sheetXml = (rows: string): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`,
  );

/**
 * The same, with `firstRows` and then `chunk` repeated `times` times between the start and the
 * end: the XML is never held whole, here or in the zip's making.
 */
export const repeatedSheetXml = (chunk: string, times: number, firstRows = ''): EntryData => {
  const [head, tail] = sheetXml('\u0000').toString().split('\u0000');
  return { head: Buffer.from(head + firstRows), chunk: Buffer.from(chunk), times, tail: Buffer.from(tail) };
};
