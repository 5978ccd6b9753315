import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import express from 'express';
import { ErrorCode } from '../../../server/errors/error-codes';
import { laoImportColumns } from '../../../server/modules/lao/lao-import.columns';
import { readRows } from '../../../server/spreadsheet/read-rows';
import { sendTable, type Table } from '../../../server/spreadsheet/table-file';
import { createCycle, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { repeatedSheetXml, sheetXml, workbookEntries, zip } from '../../helpers/hostile-xlsx';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/*
 * Hostile files (issue 25): uploads that inflate far beyond their size are refused before or while
 * they inflate, with the process's memory bounded (measured here: the server runs in this
 * process); downloads carry LAO-typed text that would start a formula neutralised, and amounts
 * stay numbers.
 */

const PREVIEW = `mutation($input: LaoImportInput!) { previewLaoImport(input: $input) { rowCount errorCount } }`;
const MB = 1024 * 1024;
/** Peak growth allowed while one hostile file is refused (the old whole-file reader took 400+ MB). */
const RSS_BOUND = 150 * MB;
const HEAP_BOUND = 100 * MB;

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

type Measured<T> = { result: T; ms: number; rssGrowth: number; heapGrowth: number };

/** Runs `work` sampling the process's memory every 5 ms: its duration and peak growth over the level before. */
const measured = async <T>(work: () => Promise<T>): Promise<Measured<T>> => {
  gc();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return {
      result,
      ms: performance.now() - started,
      rssGrowth: rss - before.rss,
      heapGrowth: heap - before.heapUsed,
    };
  } finally {
    clearInterval(timer);
  }
};

const figures: string[] = [];
const note = (what: string, file: Buffer, unpacked: number, m: Measured<unknown>) =>
  figures.push(
    `${what}: ${(file.length / 1024).toFixed(0)} kB on disk, ${(unpacked / MB).toFixed(0)} MB unpacked → ` +
      `answered in ${m.ms.toFixed(0)} ms, peak RSS +${(m.rssGrowth / MB).toFixed(1)} MB, heap +${(m.heapGrowth / MB).toFixed(1)} MB`,
  );

const header = `<row r="1">${laoImportColumns
  .map((c) => `<c t="inlineStr"><is><t>${c.header}</t></is></c>`)
  .join('')}</row>`;

describe('hostile files', () => {
  let server: TestServer;
  let world: World;
  let central: GraphQLClient;

  const preview = (fileName: string, content: Buffer) =>
    central<{ previewLaoImport: { rowCount: number; errorCount: number } }>(PREVIEW, {
      input: { fileName, contentBase64: content.toString('base64') },
    });

  /** Sends a hostile file and expects it refused as the caller's mistake, within the memory bounds. */
  const refused = async (what: string, fileName: string, file: Buffer, unpacked: number, message: RegExp) => {
    const m = await measured(() => preview(fileName, file));
    note(what, file, unpacked, m);
    expect(errorCode(m.result)).toBe(ErrorCode.BAD_USER_INPUT);
    expect(m.result.errors?.[0]?.message).toMatch(message);
    expect(m.rssGrowth).toBeLessThan(RSS_BOUND);
    expect(m.heapGrowth).toBeLessThan(HEAP_BOUND);
    return m.result;
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    central = await signIn(server, world.central.username, world.central.password);
  });
  afterAll(async () => {
    console.log(`Hostile files (server in this process, limits at their defaults):\n${figures.join('\n')}`);
    await server?.stop();
  });

  describe('uploads', () => {
    // 400 MB of rows of text, in about 400 kB.
    const row = `<row><c t="inlineStr"><is><t>${'ก'.repeat(300)}</t></is></c></row>`;
    const bombSheet = repeatedSheetXml(row.repeat(Math.ceil(MB / Buffer.byteLength(row))), 400);
    const bombSize = 400 * MB;

    it('refuses a zip bomb by the sizes its central directory declares, before inflating anything', async () => {
      const file = zip(workbookEntries(bombSheet));
      expect(file.length).toBeLessThan(3 * MB);
      const answer = await refused(
        'zip bomb, honest sizes',
        'bomb.xlsx',
        file,
        bombSize,
        /เมื่อแตกออกมีขนาดเกิน 20 MB/,
      );
      expect(answer.errors?.[0]?.extensions?.maxUnpackedBytes).toBe(20 * MB);
    });

    it('refuses a zip bomb whose declared sizes lie, while it inflates', async () => {
      const entries = workbookEntries(bombSheet);
      entries[entries.length - 1].declaredSize = 1000;
      await refused('zip bomb, sizes that lie', 'bomb.xlsx', zip(entries), bombSize, /อ่านไฟล์ไม่ได้/);
    });

    it('refuses an XLSX of a million empty rows at the row limit, without reading the rest', async () => {
      const file = zip(workbookEntries(repeatedSheetXml('<row/>'.repeat(1000), 1000, header)));
      await refused(
        'a million empty rows (XLSX)',
        'rows.xlsx',
        file,
        6 * MB,
        /เกิน 100,000 แถว \(นับรวมแถวว่าง\)/,
      );
    });

    it('refuses a CSV of a million empty lines at the row limit', async () => {
      const file = Buffer.from(
        `${laoImportColumns.map((c) => c.header).join(',')}\r\n${'\r\n'.repeat(1_000_000)}`,
      );
      await refused('a million empty lines (CSV)', 'rows.csv', file, file.length, /เกิน 100,000 แถว/);
    });

    it('refuses a zip of too many entries before reading any', async () => {
      const entries = workbookEntries(sheetXml(header));
      for (let i = 0; i < 1000; i += 1)
        entries.push({ name: `xl/media/${i}.xml`, data: Buffer.from('<x/>') });
      await refused('1,000 entries', 'entries.xlsx', zip(entries), 0, /ส่วนประกอบเกิน 200 ส่วน/);
    });

    it('still takes the largest legitimate file: DLA list of all 7,852 LAOs', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('อปท.');
      sheet.addRow(laoImportColumns.map((c) => c.header));
      for (let i = 0; i < 7852; i += 1) {
        sheet.addRow([
          String(5_000_000 + i),
          `องค์การบริหารส่วนตำบลทดสอบลำดับที่ ${i}`,
          'องค์การบริหารส่วนตำบล',
          'กลาง',
          'พิษณุโลก',
          'วังทอง',
        ]);
      }
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const m = await measured(() => preview('laos.xlsx', file));
      note('DLA list, 7,852 LAOs (accepted)', file, 0, m);
      expect(m.result.errors).toBeUndefined();
      expect(m.result.data?.previewLaoImport.rowCount).toBe(7852);
    });
  });

  it('the streaming reader reads what spreadsheet programs write', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const file = zip([
      // The first tab is sheet2.xml; prefixed element names; the relationships prefix is not r:.
      {
        name: 'xl/workbook.xml',
        data: Buffer.from(
          `<x:workbook xmlns:x="${main}" xmlns:q="${rels}"><x:sheets><x:sheet name="b" sheetId="2" q:id="rId2"/>` +
            `<x:sheet name="a" sheetId="1" q:id="rId1"/></x:sheets></x:workbook>`,
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
        ),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml('<row r="1"><c t="inlineStr"><is><t>wrong sheet</t></is></c></row>'),
      },
      // Shared strings: rich text runs are joined, phonetic runs (rPh) left out.
      {
        name: 'xl/sharedStrings.xml',
        data: Buffer.from(
          `<x:sst xmlns:x="${main}"><x:si><x:t>รหัส อปท.</x:t></x:si><x:si><x:r><x:t>องค์การ</x:t></x:r><x:r><x:t xml:space="preserve">บริหาร </x:t></x:r>` +
            `<x:rPh><x:t>ふりがな</x:t></x:rPh></x:si><x:si><x:t>ชื่อ อปท.</x:t></x:si></x:sst>`,
        ),
      },
      {
        name: 'xl/worksheets/sheet2.xml',
        data: Buffer.from(
          `<x:worksheet xmlns:x="${main}"><x:sheetData>` +
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>' +
            '<x:row r="3"><x:c r="A3"><x:v>5650802</x:v></x:c><x:c r="C3" t="s"><x:v>1</x:v></x:c></x:row>' +
            '<x:row><x:c r="A4" t="str"><x:f>A3&amp;""</x:f><x:v>5650803</x:v></x:c><x:c r="C4" t="b"><x:v>1</x:v></x:c></x:row>' +
            '<x:row r="6"><x:c r="A6"><x:v>1.0E+2</x:v></x:c><x:c r="C6" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c></x:row>' +
            '</x:sheetData></x:worksheet>',
        ),
      },
    ]);
    const columns = [
      { key: 'code', header: 'รหัส อปท.', width: 1, required: true },
      { key: 'name', header: 'ชื่อ อปท.', width: 1, required: true },
    ] as const;
    const limits = server.config.spreadsheetLimits;
    expect(await readRows('f.xlsx', file, columns, { limits })).toEqual([
      { rowNumber: 3, cells: { code: '5650802', name: 'องค์การบริหาร' } },
      { rowNumber: 4, cells: { code: '5650803', name: 'true' } },
      { rowNumber: 6, cells: { code: '100', name: 'inline' } },
    ]);
    // A row limit of the import stops reading at the first row past it.
    await expect(
      readRows('f.xlsx', file, columns, { limits, maxRows: { count: 2, message: 'เกิน 2 แถว' } }),
    ).rejects.toMatchObject({
      message: 'เกิน 2 แถว',
      extensions: { code: ErrorCode.BAD_USER_INPUT, maxRows: 2 },
    });
  });

  describe('downloads', () => {
    const injected = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'ปกติ -1'];
    const fiscalYear = 2566;

    beforeAll(async () => {
      const ds = server.dataSource;
      const cycle = await createCycle(ds);
      for (const [index, name] of injected.entries()) {
        await ds.query(
          `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                                anti_corruption_budget, local_development_budget, review_status, other_target_group, version)
           VALUES ($1, $2, $3, 'PROJECT', '{${fiscalYear}}', '{1}', 'SOCIETY', $4, 0, 'APPROVED', $5, 1)`,
          [world.dintong.id, cycle.id, name, `${1234 + index}.50`, index === 0 ? '-5' : null],
        );
      }
    });

    const download = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };

    it('open data as CSV: text that starts a formula gets an apostrophe, amounts stay plain numbers', async () => {
      const text = (await download(`/open-data/projects-${fiscalYear}.csv`))
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      const [head, ...rows] = parse(text, { relaxColumnCount: true }) as string[][];
      const name = head.indexOf('ชื่อโครงการ');
      const budget = head.indexOf('งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต');
      const other = head.indexOf('กลุ่มเป้าหมายอื่น ๆ');
      expect(rows.map((row) => row[name]).sort()).toEqual(
        ['\'=HYPERLINK("http://x","y")', "'+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR", 'ปกติ -1'].sort(),
      );
      expect(rows.map((row) => row[budget]).sort()).toEqual(injected.map((_, i) => `${1234 + i}.50`).sort());
      // A text column's "-5" is text typed by an LAO: neutralised like any other.
      expect(rows.map((row) => row[other])).toContain("'-5");
    });

    it('open data as XLSX: such text is a plain string cell with an apostrophe, never a formula', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await download(`/open-data/projects-${fiscalYear}.xlsx`)) as unknown as ArrayBuffer,
      );
      const sheet = workbook.worksheets[0];
      const headRow = sheet.getRow(2).values as string[];
      const name = headRow.indexOf('ชื่อโครงการ');
      const budget = headRow.indexOf('งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต');
      const names: string[] = [];
      for (let r = 3; r <= sheet.rowCount; r += 1) {
        const cell = sheet.getRow(r).getCell(name);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        names.push(cell.value as string);
        expect(typeof sheet.getRow(r).getCell(budget).value).toBe('number');
      }
      // XML turns a CR into a line feed as it is read: the apostrophe is what matters.
      expect(names.sort()).toEqual(
        ['\'=HYPERLINK("http://x","y")', "'+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\nCR", 'ปกติ -1'].sort(),
      );
    });

    it('a negative amount stays a number in both formats, and a text "-2" in a text column does not', async () => {
      const table: Table = {
        title: '=title',
        columns: [
          { header: 'ชื่อ', width: 10 },
          { header: 'จำนวน', width: 10 },
          { header: 'เงิน', width: 10, money: true },
          { header: 'ร้อยละ', width: 10, percent: true },
        ],
        rows: [
          ['-2', -3, '-1234.50', '-12.25'],
          ['=1+1', 4, 'ไม่ใช้งบประมาณ', null],
          ['+1', 5, '-7', '100.00'],
        ],
      };
      const app = express();
      app.get(
        '/t.:format',
        (req, res) => void sendTable(res, req.params.format as 'csv' | 'xlsx', 't', table),
      );
      const http = app.listen(0, '127.0.0.1');
      await once(http, 'listening');
      try {
        const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
        const csv = Buffer.from(await (await fetch(`${base}/t.csv`)).arrayBuffer()).toString('utf8');
        expect(csv).toBe(
          "\uFEFFชื่อ,จำนวน,เงิน,ร้อยละ\r\n'-2,-3,-1234.50,-12.25\r\n'=1+1,4,ไม่ใช้งบประมาณ,\r\n'+1,5,-7.00,100.00\r\n",
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(
          Buffer.from(await (await fetch(`${base}/t.xlsx`)).arrayBuffer()) as unknown as ArrayBuffer,
        );
        const values = [3, 4, 5].map((r) => (workbook.worksheets[0].getRow(r).values as unknown[]).slice(1));
        expect(values).toEqual([
          ["'-2", -3, -1234.5, -12.25],
          ["'=1+1", 4, 'ไม่ใช้งบประมาณ'],
          ["'+1", 5, -7, 100],
        ]);
        expect(workbook.worksheets[0].getRow(1).getCell(1).value).toBe("'=title");
      } finally {
        await new Promise((resolve) => http.close(resolve));
      }
    });
  });
});
