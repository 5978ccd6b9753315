import ExcelJS from 'exceljs';
import { laoImportColumns } from '../../../server/modules/lao/lao-import.columns';
import { createDistrict, createLao, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import type { District } from '../../../server/modules/geo/district.entity';
import type { Lao } from '../../../server/modules/lao/lao.entity';

const CHANGE = `rowNumber laoId code nameTh previousNameTh type previousType size previousSize provinceId provinceNameTh previousProvinceNameTh districtId districtNameTh previousDistrictNameTh`;
const MISSING = `laoId code nameTh provinceNameTh districtNameTh hasData dataKinds`;
const PREVIEW = `mutation($input: LaoImportInput!) { previewLaoImport(input: $input) {
  rowCount valid errorCount errors { rowNumber column message } listLimit
  createdCount renamedCount movedCount retypedCount unchangedCount missingCount missingWithDataCount
  created { ${CHANGE} } renamed { ${CHANGE} } moved { ${CHANGE} } retyped { ${CHANGE} } missing { ${MISSING} }
} }`;
const IMPORT = `mutation($input: LaoImportInput!, $deleteMissing: Boolean) { importLaos(input: $input, deleteMissing: $deleteMissing) {
  rowCount createdCount updatedCount renamedCount movedCount retypedCount unchangedCount missingCount deletedCount keptCount
  deleted { ${MISSING} } kept { ${MISSING} }
} }`;

type Row = (string | number | null)[];
const headers = laoImportColumns.map((c) => c.header);

const xlsx = async (rows: Row[], header: string[] = headers): Promise<string> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('อปท.');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
};
const csv = (rows: Row[]): string => {
  const line = (row: Row) => row.map((cell) => `"${String(cell ?? '').replace(/"/g, '""')}"`).join(',');
  return Buffer.from(`\uFEFF${[headers, ...rows].map(line).join('\r\n')}\r\n`, 'utf8').toString('base64');
};

describe('importing the national LAO list from DLA', () => {
  let server: TestServer;
  let world: World;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let laoStaff: GraphQLClient;
  let mueangPhitsanulok: District;
  let withAccount: Lao;
  let withCode: Lao;
  let empty: Lao;

  const laoRows = async (): Promise<
    {
      id: number;
      code: string;
      name_th: string;
      type: string;
      size: string | null;
      district_id: number;
      version: number;
    }[]
  > =>
    server.dataSource.query(
      `SELECT id, code, name_th, type, size, district_id, version FROM lao ORDER BY code`,
    );
  const byCode = async (code: string) => (await laoRows()).find((row) => row.code === code);

  /** The file of the main scenario: one row of each kind; three LAOs of the database are left out. */
  const scenario: Row[] = [
    // Unchanged: same name, type by Thai label, size left empty (keeps SMALL), province and district by name.
    ['5650802', 'องค์การบริหารส่วนตำบลดินทอง', 'องค์การบริหารส่วนตำบล', '', 'พิษณุโลก', 'อำเภอวังทอง'],
    // Renamed and retyped (abbreviation), by codes.
    ['5650803', 'เทศบาลตำบลวังพิกุล', 'ทต.', 'กลาง', '65', '6508'],
    // Moved to another province and district.
    ['5540102', 'องค์การบริหารส่วนตำบลป่าแมต', 'SAO', '', 'จังหวัดพิษณุโลก', 'เมืองพิษณุโลก'],
    // New, type by enum name, size by label.
    ['2650101', 'เทศบาลนครพิษณุโลก', 'CITY_MUNICIPALITY', 'ใหญ่', '65', '6501'],
  ];

  beforeAll(async () => {
    server = await startTestServer();
    const ds = server.dataSource;
    world = await createWorld(ds);
    mueangPhitsanulok = await createDistrict(ds, world.phitsanulok, {
      id: 6501,
      nameTh: 'เมืองพิษณุโลก',
      nameEn: 'Mueang Phitsanulok',
    });
    await ds.query(`UPDATE lao SET size = 'SMALL' WHERE code = '5650802'`);
    withAccount = await createLao(ds, world.mueangPhrae, { code: '5540103', nameTh: 'อบต.มีบัญชี' });
    withCode = await createLao(ds, world.mueangPhrae, { code: '5540104', nameTh: 'อบต.มีรหัสเปิดใช้งาน' });
    empty = await createLao(ds, world.mueangPhrae, { code: '5540105', nameTh: 'อบต.ไม่มีข้อมูล' });
    await createLaoAccount(ds, withAccount);
    await ds.query(
      `INSERT INTO activation_code (lao_id, code_hash, issued_by_account_id, expires_at)
       VALUES ($1, repeat('a', 64), $2, now() + interval '7 days')`,
      [withCode.id, world.central.id],
    );
    await createLaoAccount(ds, world.wangPikul, { password: 'WangPikul-Pass-2565' });
    await createLaoAccount(ds, world.dintong, { password: 'Dintong-Pass-2565' });
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    laoStaff = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
  });
  afterAll(() => server.stop());

  it('serves the template as XLSX (with the codes of provinces and districts) and as CSV', async () => {
    const response = await fetch(`${server.url}/templates/laos.xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect((workbook.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(headers);
    expect(workbook.worksheets[0].rowCount).toBe(1);
    const codes = workbook.getWorksheet('รหัสจังหวัดและอำเภอ');
    const listed = codes?.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(listed).toContainEqual(['65', 'พิษณุโลก', '6508', 'วังทอง']);
    const text = Buffer.from(await (await fetch(`${server.url}/templates/laos.csv`)).arrayBuffer());
    expect(text.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.toString('utf8', 3).trim()).toBe(headers.map((h) => `"${h}"`).join(','));
  });

  it('is refused to LAO staff, to a provincial office and to anonymous callers', async () => {
    const input = { fileName: 'laos.xlsx', contentBase64: await xlsx(scenario) };
    for (const client of [laoStaff, provincial]) {
      expect(errorCode(await client(PREVIEW, { input }))).toBe('FORBIDDEN');
      expect(errorCode(await client(IMPORT, { input, deleteMissing: true }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await server.anonymous(IMPORT, { input }))).toBe('UNAUTHENTICATED');
    expect((await laoRows()).map((row) => row.code)).not.toContain('2650101');
  });

  it('previews the change set: new, renamed, moved, retyped, unchanged and missing (with and without data)', async () => {
    const before = await laoRows();
    const response = await central(PREVIEW, {
      input: { fileName: 'laos.xlsx', contentBase64: await xlsx(scenario) },
    });
    expect(response.errors).toBeUndefined();
    const preview = response.data?.previewLaoImport;
    expect(preview).toMatchObject({
      rowCount: 4,
      valid: true,
      errorCount: 0,
      errors: [],
      createdCount: 1,
      renamedCount: 1,
      movedCount: 1,
      retypedCount: 1,
      unchangedCount: 1,
      missingCount: 3,
      missingWithDataCount: 2,
    });
    expect(preview.created).toEqual([
      expect.objectContaining({
        rowNumber: 5,
        laoId: null,
        code: '2650101',
        type: 'CITY_MUNICIPALITY',
        size: 'LARGE',
        provinceId: '65',
        districtId: '6501',
        districtNameTh: 'เมืองพิษณุโลก',
        previousNameTh: null,
      }),
    ]);
    expect(preview.renamed).toEqual([
      expect.objectContaining({
        rowNumber: 3,
        laoId: String(world.wangPikul.id),
        nameTh: 'เทศบาลตำบลวังพิกุล',
        previousNameTh: 'องค์การบริหารส่วนตำบลวังพิกุล',
      }),
    ]);
    expect(preview.retyped).toEqual([
      expect.objectContaining({
        code: '5650803',
        type: 'SUBDISTRICT_MUNICIPALITY',
        previousType: 'SAO',
        size: 'MEDIUM',
        previousSize: null,
      }),
    ]);
    expect(preview.moved).toEqual([
      expect.objectContaining({
        rowNumber: 4,
        code: '5540102',
        provinceNameTh: 'พิษณุโลก',
        previousProvinceNameTh: 'แพร่',
        districtNameTh: 'เมืองพิษณุโลก',
        previousDistrictNameTh: 'เมืองแพร่',
      }),
    ]);
    expect(preview.missing).toEqual([
      expect.objectContaining({ code: '5540103', hasData: true, dataKinds: ['account'] }),
      expect.objectContaining({ code: '5540104', hasData: true, dataKinds: ['activation_code'] }),
      expect.objectContaining({
        code: '5540105',
        laoId: String(empty.id),
        hasData: false,
        dataKinds: [],
        provinceNameTh: 'แพร่',
      }),
    ]);
    // A preview writes nothing.
    expect(await laoRows()).toEqual(before);
  });

  it('lists every bad row by row number and column, in Thai; importing such a file writes nothing', async () => {
    const rows: Row[] = [
      ['565080', 'รหัสสั้นไป', 'อบต.', '', '65', '6508'],
      ['5650901', 'จังหวัดไม่มีจริง', 'อบต.', '', 'ดาวอังคาร', 'วังทอง'],
      ['5540901', 'อำเภอผิดจังหวัด', 'อบต.', '', 'แพร่', 'วังทอง'],
      ['5650902', 'รหัสซ้ำ แถวแรก', 'อบต.', '', '65', '6508'],
      ['5650902', 'รหัสซ้ำ แถวสอง', 'อบต.', '', '65', '6508'],
      ['5650903', 'ประเภทผิด', 'หมู่บ้าน', 'จิ๋ว', '65', '6508'],
      ['5540902', 'รหัสอำเภอผิดจังหวัด', 'อบต.', '', '54', '6508'],
      ['5650904', '', 'อบต.', '', '65', '9999'],
      // The one good row: the change set is still computed for it.
      ['5650802', 'องค์การบริหารส่วนตำบลดินทองใหม่', 'อบต.', '', '65', '6508'],
    ];
    const input = { fileName: 'laos.xlsx', contentBase64: await xlsx(rows) };
    const before = await laoRows();
    const response = await central(PREVIEW, { input });
    expect(response.errors).toBeUndefined();
    const preview = response.data?.previewLaoImport;
    expect(preview.valid).toBe(false);
    expect(preview.rowCount).toBe(9);
    const problems = preview.errors.map(
      (e: { rowNumber: number; column: string; message: string }) =>
        `${e.rowNumber}|${e.column}|${e.message}`,
    );
    expect(problems).toEqual([
      '2|รหัส อปท.|รหัส อปท. "565080" ต้องเป็นตัวเลข 7 หลัก',
      '3|จังหวัด|ไม่พบจังหวัด "ดาวอังคาร"',
      '4|อำเภอ|ไม่พบอำเภอ "วังทอง" ในจังหวัดแพร่',
      '6|รหัส อปท.|รหัส อปท. 5650902 ซ้ำกับแถวที่ 5',
      expect.stringMatching(/^7\|ประเภท อปท\.\|ไม่รู้จักประเภท อปท\. "หมู่บ้าน" ต้องเป็น องค์การบริหารส่วนจังหวัด/),
      expect.stringMatching(/^7\|ขนาด\|ไม่รู้จักขนาด "จิ๋ว"/),
      '8|อำเภอ|อำเภอรหัส 6508 (วังทอง) ไม่อยู่ในจังหวัดแพร่',
      '9|ชื่อ อปท.|กรุณาระบุชื่อ อปท.',
      '9|อำเภอ|ไม่พบอำเภอรหัส 9999',
    ]);
    expect(preview.errorCount).toBe(9);
    expect(preview.renamedCount).toBe(1);
    // Rows with errors still count as present: their LAOs are not reported missing.
    expect(preview.missing.map((m: { code: string }) => m.code)).not.toContain('5650802');

    const imported = await central(IMPORT, { input, deleteMissing: true });
    expect(errorCode(imported)).toBe('BAD_USER_INPUT');
    expect(imported.errors?.[0].message).toContain('ยังไม่ได้บันทึกข้อมูลใด ๆ');
    expect(imported.errors?.[0].extensions?.rowErrors).toEqual(preview.errors);
    expect(await laoRows()).toEqual(before);
  });

  it('refuses a file that is not the template, or not a spreadsheet', async () => {
    const wrong = await central(PREVIEW, {
      input: { fileName: 'x.xlsx', contentBase64: await xlsx(scenario, ['ชื่อ', 'ราคา']) },
    });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toContain('ไม่พบคอลัมน์');
    const garbage = await central(PREVIEW, {
      input: { fileName: 'x.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') },
    });
    expect(errorCode(garbage)).toBe('BAD_USER_INPUT');
    const pdf = await central(IMPORT, { input: { fileName: 'x.pdf', contentBase64: 'AAAA' } });
    expect(errorCode(pdf)).toBe('BAD_USER_INPUT');
  });

  it('answers a malformed CSV (a quote never closed) with BAD_USER_INPUT naming the line, in Thai', async () => {
    const line = (row: Row) => row.join(',');
    const text = [
      line(headers),
      line(scenario[0]),
      // A name in quotes spanning two lines is fine (lines 3 and 4).
      line(['5650803', '"เทศบาลตำบล\nวังพิกุล"', 'ทต.', 'กลาง', '65', '6508']),
      line(scenario[2]),
      // Line 6: a quote opened and never closed.
      line(['2650101', '"เทศบาลนครลับ', 'CITY_MUNICIPALITY', 'ใหญ่', '65', '6501']),
      line(scenario[1]),
    ].join('\n');
    const input = { fileName: 'laos.csv', contentBase64: Buffer.from(`\uFEFF${text}\n`).toString('base64') };
    const before = await laoRows();
    for (const response of [
      await central(PREVIEW, { input }),
      await central(IMPORT, { input, deleteMissing: true }),
    ]) {
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const message = response.errors?.[0].message ?? '';
      expect(message).toContain('บรรทัด 6');
      expect(message).toContain('เครื่องหมายคำพูด');
      expect(message).not.toContain('นครลับ');
    }
    expect(await laoRows()).toEqual(before);
  });

  it('upserts by code: existing ids kept, changed rows get a new version, missing LAOs kept unless asked', async () => {
    const before = await laoRows();
    const versionOf = (code: string) => before.find((row) => row.code === code)?.version;
    const response = await central(IMPORT, {
      input: { fileName: 'laos.xlsx', contentBase64: await xlsx(scenario) },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.importLaos).toMatchObject({
      rowCount: 4,
      createdCount: 1,
      updatedCount: 2,
      renamedCount: 1,
      movedCount: 1,
      retypedCount: 1,
      unchangedCount: 1,
      missingCount: 3,
      deletedCount: 0,
      keptCount: 3,
      deleted: [],
    });
    expect(response.data?.importLaos.kept.map((m: { code: string }) => m.code)).toEqual([
      '5540103',
      '5540104',
      '5540105',
    ]);

    const dintong = await byCode('5650802');
    expect(dintong).toMatchObject({ id: world.dintong.id, size: 'SMALL', version: versionOf('5650802') });
    const wangPikul = await byCode('5650803');
    expect(wangPikul).toMatchObject({
      id: world.wangPikul.id,
      name_th: 'เทศบาลตำบลวังพิกุล',
      type: 'SUBDISTRICT_MUNICIPALITY',
      size: 'MEDIUM',
      version: (versionOf('5650803') ?? 0) + 1,
    });
    const paMaet = await byCode('5540102');
    expect(paMaet).toMatchObject({
      id: world.paMaet.id,
      district_id: mueangPhitsanulok.id,
      version: (versionOf('5540102') ?? 0) + 1,
    });
    const [{ province_id: provinceId }] = await server.dataSource.query(
      `SELECT province_id FROM lao WHERE code = '5540102'`,
    );
    expect(provinceId).toBe(65);
    expect(await byCode('2650101')).toMatchObject({
      name_th: 'เทศบาลนครพิษณุโลก',
      type: 'CITY_MUNICIPALITY',
      size: 'LARGE',
      version: 1,
    });
    expect(await byCode('5540105')).toBeDefined();
    // The renamed LAO's account is shown under its new name; the audit log keeps the call.
    const [account] = await server.dataSource.query(`SELECT display_name FROM account WHERE lao_id = $1`, [
      world.wangPikul.id,
    ]);
    expect(account.display_name).toBe('เทศบาลตำบลวังพิกุล');

    // The LAO still signs in with the same code.
    await expect(signIn(server, '5650803', 'WangPikul-Pass-2565')).resolves.toBeDefined();
  });

  it('deleteMissing deletes only the missing LAOs without data; importing the same list again changes nothing', async () => {
    const before = await laoRows();
    const response = await central(IMPORT, {
      input: { fileName: 'laos.csv', contentBase64: csv(scenario) },
      deleteMissing: true,
    });
    expect(response.errors).toBeUndefined();
    const result = response.data?.importLaos;
    expect(result).toMatchObject({
      createdCount: 0,
      updatedCount: 0,
      unchangedCount: 4,
      missingCount: 3,
      deletedCount: 1,
      keptCount: 2,
    });
    expect(result.deleted).toEqual([expect.objectContaining({ code: '5540105', hasData: false })]);
    expect(result.kept).toEqual([
      expect.objectContaining({ code: '5540103', hasData: true }),
      expect.objectContaining({ code: '5540104', hasData: true }),
    ]);
    const after = await laoRows();
    expect(after.map((row) => row.code)).toEqual(
      before.map((row) => row.code).filter((code) => code !== '5540105'),
    );
    // Unchanged rows keep their version.
    expect(after).toEqual(before.filter((row) => row.code !== '5540105'));
    expect(await byCode(withAccount.code)).toBeDefined();
    expect(await byCode(withCode.code)).toBeDefined();
  });

  it('previews and imports a national-size file (7,852 rows) in a few seconds', async () => {
    const rows: Row[] = Array.from({ length: 7852 }, (_, i) => [
      String(6000000 + i),
      `องค์การบริหารส่วนตำบลทดสอบ${i}`,
      i % 2 ? 'อบต.' : 'เทศบาลตำบล',
      i % 3 ? 'เล็ก' : '',
      i % 2 ? 'พิษณุโลก' : '65',
      i % 2 ? 'วังทอง' : '6501',
    ]);
    const input = { fileName: 'dla.xlsx', contentBase64: await xlsx(rows) };
    let started = Date.now();
    const preview = await central(PREVIEW, { input });
    const previewMs = Date.now() - started;
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.previewLaoImport).toMatchObject({ valid: true, createdCount: 7852, listLimit: 200 });
    expect(preview.data?.previewLaoImport.created).toHaveLength(200);
    started = Date.now();
    const imported = await central(IMPORT, { input });
    const importMs = Date.now() - started;
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importLaos.createdCount).toBe(7852);
    const [{ n }] = await server.dataSource.query(`SELECT count(*)::int AS n FROM lao WHERE code LIKE '6%'`);
    expect(n).toBe(7852);
    expect(previewMs).toBeLessThan(10_000);
    expect(importMs).toBeLessThan(10_000);
  });
});
