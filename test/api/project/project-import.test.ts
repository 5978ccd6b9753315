import ExcelJS from 'exceljs';
import { importColumns } from '../../../server/modules/project/project-import.service';
import { createCycle, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const PREVIEW = `mutation($input: ProjectImportInput!) { previewProjectImport(input: $input) {
  rowCount valid errors { rowNumber column message } rows { rowNumber name workType primaryDimension fiscalYears quarters usesBudget antiCorruptionBudget }
} }`;
const IMPORT = `mutation($input: ProjectImportInput!) { importProjects(input: $input) { createdCount } }`;

type Row = (string | number | null)[];
const good = (i: number): Row => [
  i,
  `โครงการนำเข้าที่ ${i}`,
  'โครงการ',
  (i % 4) + 1,
  '',
  '2566,2567',
  '✓',
  '',
  '',
  '✓',
  i % 2 ? '16,000.00' : 0,
  '25000',
  'ประชาชน/ภาคประชาสังคม, ข้าราชการ/พนักงาน/ลูกจ้าง',
  'สาระสำคัญ',
  'วัตถุประสงค์',
  '',
];

const xlsx = async (rows: Row[], headers: string[] = importColumns.map((c) => c.header)): Promise<string> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('โครงการ');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
};

describe('importing a plan book from a spreadsheet', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  const count = async () =>
    (
      await server.dataSource.query(`SELECT count(*)::int AS n FROM project WHERE lao_id = $1`, [
        world.dintong.id,
      ])
    )[0].n;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
  });
  afterAll(() => server.stop());

  it('serves the template with the plan table’s columns, as XLSX and as CSV', async () => {
    const response = await fetch(`${server.url}/templates/projects.xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const header = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(header).toEqual(importColumns.map((c) => c.header));
    expect(workbook.worksheets[1].name).toBe('คำอธิบาย');
    const csv = Buffer.from(await (await fetch(`${server.url}/templates/projects.csv`)).arrayBuffer());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8', 3).startsWith('"ลำดับ","ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน"')).toBe(true);
  });

  it('previews a file with bad rows: every problem by row and column, in Thai; importing it writes nothing', async () => {
    const rows: Row[] = [
      good(1),
      [2, '', 'โครงการ', 1, '', '2566', '✓', '', '', '', 0, 0, '', '', '', ''],
      [3, 'ประเภทผิด', 'งานวัด', 5, '', '2566', '✓', '', '', '', 0, 0, '', '', '', ''],
      [4, 'ปีนอกรอบแผน', 'กิจกรรม', 2, '', '2571', '', '', '', '', '-50', 0, 'ชาวต่างดาว', '', '', ''],
      [5, 'ไม่มีไตรมาส', 'มาตรการ', 3, '9', '2566-2570', '', '', '', '', 0, 0, '', '', '', ''],
    ];
    const input = { fileName: 'แผน.xlsx', contentBase64: await xlsx(rows) };
    const preview = await lao(PREVIEW, { input });
    expect(preview.errors).toBeUndefined();
    const result = preview.data?.previewProjectImport;
    expect(result.rowCount).toBe(5);
    expect(result.valid).toBe(false);
    const problems = result.errors.map(
      (e: { rowNumber: number; column: string }) => `${e.rowNumber}:${e.column}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '3:ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน',
        '4:ประเภทงาน',
        '4:มิติ',
        '5:ปีงบประมาณ',
        '5:งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต (บาท)',
        '5:กลุ่มเป้าหมาย',
        '6:มิติที่สอดคล้องเพิ่มเติม',
        '6:ไตรมาส 1',
      ]),
    );
    expect(problems.some((p: string) => p.startsWith('2:'))).toBe(false);
    expect(result.errors.find((e: { rowNumber: number }) => e.rowNumber === 5 && e).message).toBeTruthy();
    expect(result.rows[0]).toMatchObject({
      rowNumber: 2,
      workType: 'PROJECT',
      primaryDimension: 'ADMINISTRATION',
      fiscalYears: [2566, 2567],
      quarters: [1, 4],
    });
    expect(result.rows[4].fiscalYears).toEqual([2566, 2567, 2568, 2569, 2570]);

    const imported = await lao(IMPORT, { input });
    expect(errorCode(imported)).toBe('BAD_USER_INPUT');
    expect(imported.errors?.[0].message).toContain('ยังไม่ได้บันทึกข้อมูลใด ๆ');
    expect((imported.errors?.[0].extensions?.rowErrors as unknown[]).length).toBe(result.errors.length);
    expect(await count()).toBe(0);
  });

  it('refuses a file that is not the template', async () => {
    const wrong = await lao(PREVIEW, {
      input: { fileName: 'x.xlsx', contentBase64: await xlsx([good(1)], ['ชื่อ', 'ราคา']) },
    });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toContain('ไม่พบคอลัมน์');
    const garbage = await lao(PREVIEW, {
      input: { fileName: 'x.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') },
    });
    expect(errorCode(garbage)).toBe('BAD_USER_INPUT');
    const pdf = await lao(PREVIEW, { input: { fileName: 'x.pdf', contentBase64: 'AAAA' } });
    expect(errorCode(pdf)).toBe('BAD_USER_INPUT');
  });

  it('imports 200 valid rows in one go, with their plan rows and history', async () => {
    const input = {
      fileName: 'plan.xlsx',
      contentBase64: await xlsx(Array.from({ length: 200 }, (_, i) => good(i + 1))),
    };
    const preview = await lao(PREVIEW, { input });
    expect(preview.data?.previewProjectImport).toMatchObject({ rowCount: 200, valid: true, errors: [] });
    const imported = await lao(IMPORT, { input });
    expect(imported.data?.importProjects.createdCount).toBe(200);
    expect(await count()).toBe(200);
    const [first] = await server.dataSource.query(
      `SELECT name, anti_corruption_budget, target_groups, quarters FROM project WHERE lao_id = $1 ORDER BY id LIMIT 1`,
      [world.dintong.id],
    );
    expect(first).toEqual({
      name: 'โครงการนำเข้าที่ 1',
      anti_corruption_budget: '16000.00',
      target_groups: '{OFFICIALS,PUBLIC}',
      quarters: [1, 4],
    });
    const events = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM change_event WHERE action = 'IMPORT'`,
    );
    expect(events[0].n).toBe(200);
  });

  it('reads CSV saved by Excel (UTF-8 with BOM)', async () => {
    const headers = importColumns.map((c) => `"${c.header}"`).join(',');
    const csv = `\uFEFF${headers}\r\n1,"มาตรการจัดการเรื่องร้องเรียน",มาตรการ,3,,2568,✓,✓,✓,✓,0,0,"ประชาชน/ภาคประชาสังคม","รับและจัดการเรื่องร้องเรียน","เพื่อให้ประชาชนร้องเรียนได้",\r\n`;
    const input = { fileName: 'plan.csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
    const imported = await lao(IMPORT, { input });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importProjects.createdCount).toBe(1);
  });

  it('requires essence, target groups and objectives per row, and reads budget use (ใช้งบประมาณ / ไม่ใช้งบประมาณ)', async () => {
    const base = good(1).slice(0, 16);
    const row = (i: number, changes: Record<number, string | number>, extra: Row = []): Row => {
      const cells = [...base, ...extra];
      cells[0] = i;
      cells[1] = `โครงการงบประมาณที่ ${i}`;
      for (const [index, value] of Object.entries(changes)) cells[Number(index)] = value;
      return cells;
    };
    const rows: Row[] = [
      row(1, { 12: '', 13: '', 14: '' }), // no target group, essence, objectives
      row(2, { 10: '', 11: '' }, ['ไม่ใช้งบประมาณ']), // without budget, no amount: fine
      row(3, { 10: '5000', 11: '' }, ['ไม่ใช้งบประมาณ']), // without budget but an amount
      row(4, { 10: '', 11: '' }, ['ใช้งบประมาณ']), // with budget, no amount
      row(5, { 12: '' }, ['', 'ผู้นำชุมชน']), // "other" target group only: fine
      row(6, { 10: 0, 11: 0 }, ['งบบางส่วน']), // unknown budget use
      row(7, { 10: 0, 11: 0 }), // blank use, no amount: without budget, as the migration decided
    ];
    const input = { fileName: 'budget.xlsx', contentBase64: await xlsx(rows) };
    const preview = (await lao(PREVIEW, { input })).data?.previewProjectImport;
    const problems = preview.errors.map(
      (e: { rowNumber: number; column: string; message: string }) =>
        `${e.rowNumber}:${e.column}:${e.message}`,
    );
    expect(problems.sort()).toEqual(
      [
        '2:กลุ่มเป้าหมาย:กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ',
        '2:สาระสำคัญ:กรุณากรอกสาระสำคัญ',
        '2:วัตถุประสงค์:กรุณากรอกวัตถุประสงค์',
        '4:งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต (บาท):โครงการนี้ดำเนินการโดยไม่ใช้งบประมาณ จึงไม่ต้องกรอกงบประมาณ กรุณาลบจำนวนเงินออก หรือเลือก "ใช้งบประมาณ"',
        '7:การใช้งบประมาณ:การใช้งบประมาณต้องเป็น "ใช้งบประมาณ" หรือ "ไม่ใช้งบประมาณ" (หรือเว้นว่าง)',
      ].sort(),
    );
    // Row 5: a blank budget cell reads as 0 under "ใช้งบประมาณ" (the template's old rule).
    expect(preview.rows.map((r: { usesBudget: boolean }) => r.usesBudget)).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
    const good2 = [rows[1], rows[4], rows[6]];
    const imported = await lao(IMPORT, {
      input: { fileName: 'budget.xlsx', contentBase64: await xlsx(good2) },
    });
    expect(imported.errors).toBeUndefined();
    const stored = await server.dataSource.query(
      `SELECT uses_budget, anti_corruption_budget::text AS anti, other_target_group FROM project
        WHERE lao_id = $1 AND name LIKE 'โครงการงบประมาณที่%' ORDER BY id`,
      [world.dintong.id],
    );
    expect(stored).toEqual([
      { uses_budget: false, anti: '0.00', other_target_group: null },
      { uses_budget: true, anti: '16000.00', other_target_group: 'ผู้นำชุมชน' },
      { uses_budget: false, anti: '0.00', other_target_group: null },
    ]);
  });

  it('lists the budget-use and other-target-group columns in the template, and reads files made before them', async () => {
    const headers = importColumns.map((c) => c.header);
    expect(headers.slice(-2)).toEqual(['การใช้งบประมาณ', 'กลุ่มเป้าหมายอื่น ๆ (ระบุ)']);
    const old = await lao(PREVIEW, {
      input: { fileName: 'old.xlsx', contentBase64: await xlsx([good(1)], headers.slice(0, -2)) },
    });
    expect(old.data?.previewProjectImport).toMatchObject({ valid: true, rows: [{ usesBudget: true }] });
    const noEssenceColumn = await lao(PREVIEW, {
      input: {
        fileName: 'old.xlsx',
        contentBase64: await xlsx(
          [good(1)],
          headers.filter((h) => h !== 'สาระสำคัญ'),
        ),
      },
    });
    expect(errorCode(noEssenceColumn)).toBe('BAD_USER_INPUT');
    expect(noEssenceColumn.errors?.[0].message).toContain('"สาระสำคัญ"');
  });

  it('answers a malformed CSV (a quote never closed) with BAD_USER_INPUT naming the line, in Thai', async () => {
    const headers = importColumns.map((c) => `"${c.header}"`).join(',');
    const row = (i: number, name: string) => `${i},${name},มาตรการ,3,,2568,✓,,,,0,0,,,,`;
    // A name in quotes may hold a comma and a line break (lines 3 and 4).
    const lines = [headers, row(1, 'ก'), row(2, '"ข,\r\nค"'), row(3, 'ง'), row(4, 'จ'), row(5, 'ฉ')];
    // Line 8: the name's quote is opened and never closed; everything after it would be one cell.
    lines.push(row(6, '"โครงการลับเปิดคำพูด'), row(7, 'ซ'), row(8, 'ฌ'));
    const input = {
      fileName: 'plan.csv',
      contentBase64: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64'),
    };
    const before = await count();
    for (const operation of [PREVIEW, IMPORT]) {
      const response = await lao(operation, { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const message = response.errors?.[0].message ?? '';
      expect(message).toContain('บรรทัด 8');
      expect(message).toContain('เครื่องหมายคำพูด');
      expect(message).not.toContain('โครงการลับ');
    }
    expect(await count()).toBe(before);
  });
});
