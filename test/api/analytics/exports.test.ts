import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Role } from '../../../server/auth/role';
import { createAccount, createCycle, createDistrict, createLao, createProvince } from '../../factories';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * Provinces, districts and LAOs whose ids, code points and Thai dictionary order all disagree
 * (Thai order skips the leading vowels เ แ โ ใ ไ, which code points put after ฮ).
 */
const seed = async (ds: DataSource) => {
  const cycle = await createCycle(ds);
  const provinces: [number, string][] = [
    [10, 'กรุงเทพมหานคร'],
    [38, 'บึงกาฬ'],
    [50, 'เชียงใหม่'],
    [54, 'แพร่'],
    [63, 'ตาก'],
    [65, 'พิษณุโลก'],
  ];
  const byId = new Map<number, Awaited<ReturnType<typeof createProvince>>>();
  for (const [id, nameTh] of provinces) {
    const province = await createProvince(ds, { id, nameTh, nameEn: `Province ${id}` });
    byId.set(id, province);
    if (id !== 65) await createLao(ds, await createDistrict(ds, province, { id: id * 100 + 1 }));
  }
  const phitsanulok = byId.get(65)!;
  const district = (id: number, nameTh: string) => createDistrict(ds, phitsanulok, { id, nameTh });
  const mueang = await district(6501, 'เมืองพิษณุโลก');
  const nakhonThai = await district(6502, 'นครไทย');
  const chatTrakan = await district(6503, 'ชาติตระการ');
  const wangThong = await district(6508, 'วังทอง');
  await createLao(ds, mueang, { code: '5650101', nameTh: 'องค์การบริหารส่วนตำบลบ้านกร่าง' });
  await createLao(ds, mueang, { code: '3650102', nameTh: 'เทศบาลตำบลบ้านใหม่' });
  await createLao(ds, nakhonThai, { code: '5650201', nameTh: 'องค์การบริหารส่วนตำบลนครไทย' });
  await createLao(ds, chatTrakan, { code: '5650301', nameTh: 'องค์การบริหารส่วนตำบลชาติตระการ' });
  const reported = await createLao(ds, wangThong, {
    code: '5650802',
    nameTh: 'องค์การบริหารส่วนตำบลดินทอง',
  });
  await createLao(ds, wangThong, { code: '5650801', nameTh: 'องค์การบริหารส่วนตำบลวังทอง' });
  // ดินทอง's plan passed and it reported its one project completed: 100 %, first in its district.
  await ds.query(
    `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, version) VALUES ($1, 2566, $2, 'PASSED', 1)`,
    [reported.id, cycle.id],
  );
  const [{ id: projectId }] = await ds.query(
    `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                          anti_corruption_budget, local_development_budget, review_status, version)
     VALUES ($1, $2, 'โครงการ', 'PROJECT', '{2566}', '{1}', 'SOCIETY', 0, 0, 'APPROVED', 1) RETURNING id`,
    [reported.id, cycle.id],
  );
  await ds.query(
    `INSERT INTO report (project_id, lao_id, fiscal_year, round, in_ordinance, ordinance_budget, disbursed, status, version)
     VALUES ($1, $2, 2566, 'SIX_MONTH', true, 0, 0, 'COMPLETED', 1)`,
    [projectId, reported.id],
  );
};

const thai = new Intl.Collator('th');

describe('table exports: public, in Thai order, with clear errors', () => {
  let server: TestServer;
  let provincialToken: string;

  const get = (file: string, token: string | null = null) =>
    fetch(`${server.url}${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const csvLines = async (response: Response) =>
    Buffer.from(await response.arrayBuffer())
      .toString('utf8', 3)
      .trim()
      .split('\r\n');

  beforeAll(async () => {
    server = await startTestServer();
    await seed(server.dataSource);
    const account = await createAccount(server.dataSource, {
      username: 'phrae.office',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    provincialToken = (await signIn(server, account.username, account.password)).token as string;
  });
  afterAll(() => server.stop());

  it('lists provinces in Thai dictionary order, as the web tables do (Intl.Collator th)', async () => {
    const response = await get('/exports/statistics.xlsx?fiscalYear=2566&round=SIX_MONTH');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const names = Array.from({ length: sheet.rowCount - 2 }, (_, i) =>
      String(sheet.getCell(`A${i + 3}`).value),
    );
    expect(names).toEqual(['กรุงเทพมหานคร', 'เชียงใหม่', 'ตาก', 'บึงกาฬ', 'พิษณุโลก', 'แพร่']);
    expect(names).toEqual([...names].sort(thai.compare));

    const csv = await csvLines(await get('/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH'));
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(names);
    // A province's districts, likewise.
    const districts = await csvLines(
      await get('/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=65'),
    );
    expect(districts.slice(1).map((line) => line.split(',')[0])).toEqual([
      'ชาติตระการ',
      'นครไทย',
      'เมืองพิษณุโลก',
      'วังทอง',
    ]);
  });

  it('lists a province implementation table as the web does: districts in Thai order, then percentage, then name', async () => {
    const lines = await csvLines(
      await get('/exports/implementation.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=65'),
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(' '))).toEqual([
      'ชาติตระการ 5650301 องค์การบริหารส่วนตำบลชาติตระการ',
      'นครไทย 5650201 องค์การบริหารส่วนตำบลนครไทย',
      'เมืองพิษณุโลก 3650102 เทศบาลตำบลบ้านใหม่',
      'เมืองพิษณุโลก 5650101 องค์การบริหารส่วนตำบลบ้านกร่าง',
      'วังทอง 5650802 องค์การบริหารส่วนตำบลดินทอง',
      'วังทอง 5650801 องค์การบริหารส่วนตำบลวังทอง',
    ]);
    // The last column is the ITA score of the year (none recorded here).
    expect(lines[5].split(',').slice(-3)).toEqual(['100.00', 'มาก', '']);
    // Without a passed plan an LAO has no level: the export says why instead.
    expect(lines[6].split(',').slice(-3)).toEqual(['', 'ยังไม่มีแผน/แผนยังไม่ผ่าน', '']);
  });

  it('answers the README’s examples without a token', async () => {
    const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    const examples = [...readme.matchAll(/`(\/exports\/[\w-]+\.(?:xlsx|csv)\?[^`\s]+)`/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const response = await get(example);
      expect({ example, status: response.status }).toEqual({ example, status: 200 });
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(Buffer.from(await response.arrayBuffer()).length).toBeGreaterThan(100);
    }
  });

  it('answers 400 with a Thai message when a required parameter is missing or wrong', async () => {
    const cases: [string, string][] = [
      ['/exports/statistics.xlsx', 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)'],
      ['/exports/statistics.csv?fiscalYear=2566', 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)'],
      ['/exports/implementation.csv?round=SIX_MONTH', 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)'],
      [
        '/exports/implementation.csv?fiscalYear=2566&round=YEARLY',
        'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)',
      ],
      [
        '/exports/statistics.csv?fiscalYear=99999&round=SIX_MONTH',
        'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)',
      ],
      [
        '/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=999999',
        'รหัสจังหวัด (provinceId) ไม่ถูกต้อง',
      ],
      [
        '/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=พิษณุโลก',
        'รหัสจังหวัด (provinceId) ไม่ถูกต้อง',
      ],
      ['/exports/plan-table.xlsx?fiscalYear=2566', 'กรุณาระบุ อปท. (laoId) และปีงบประมาณ (fiscalYear)'],
    ];
    for (const [file, message] of cases) {
      const response = await get(encodeURI(file));
      expect({ file, status: response.status, body: await response.json() }).toEqual({
        file,
        status: 400,
        body: { code: 'BAD_USER_INPUT', message },
      });
    }
  });

  it('gives a provincial office asking for another province the public’s table, not an empty one', async () => {
    const laoId = String(
      (await server.dataSource.query(`SELECT id FROM lao WHERE code = '5650802'`))[0].id as number,
    );
    for (const file of [
      '/exports/implementation.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=65',
      '/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=65',
      '/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH',
      `/exports/project-status.csv?laoId=${laoId}&fiscalYear=2566`,
    ]) {
      const publicView = await csvLines(await get(file));
      const provincial = await get(file, provincialToken);
      expect({ file, status: provincial.status }).toEqual({ file, status: 200 });
      expect(provincial.headers.get('cache-control')).toBe('private, no-store');
      expect(await csvLines(provincial)).toEqual(publicView);
      expect(publicView.length).toBeGreaterThan(1);
    }
  });
});
