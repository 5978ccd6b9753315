import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Role } from '../../../server/auth/role';
import { LaoType } from '../../../server/modules/lao/lao.enums';
import {
  createAccount,
  createCycle,
  createDistrict,
  createLao,
  createLaoAccount,
  createProvince,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

type P = {
  dim: string;
  type: string;
  anti: string;
  local: string;
  quarters: number[];
  review: string;
  report?: [string, string, string];
};

/** A fixture whose right answers were worked out by hand (see the expectations below). */
const seed = async (ds: DataSource) => {
  const phitsanulok = await createProvince(ds, { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' });
  const phrae = await createProvince(ds, { id: 54, nameTh: 'แพร่', nameEn: 'Phrae' });
  const d6501 = await createDistrict(ds, phitsanulok, { id: 6501, nameTh: 'เมืองพิษณุโลก' });
  const d6508 = await createDistrict(ds, phitsanulok, { id: 6508, nameTh: 'วังทอง' });
  const d5401 = await createDistrict(ds, phrae, { id: 5401, nameTh: 'เมืองแพร่' });
  const cycle = await createCycle(ds);
  const lao = async (
    code: string,
    district: typeof d6501,
    type: LaoType,
    plan: string | null,
    projects: P[],
  ) => {
    const row = await createLao(ds, district, { code, type, nameTh: `อปท. ${code}` });
    if (plan)
      await ds.query(
        `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, version) VALUES ($1, 2566, $2, $3, 1)`,
        [row.id, cycle.id, plan],
      );
    for (const p of projects) {
      const [{ id }] = await ds.query(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension, anti_corruption_budget,
                              local_development_budget, review_status, version)
         VALUES ($1, $2, 'โครงการ', $3, '{2566}', $4, $5, $6, $7, $8, 1) RETURNING id`,
        [row.id, cycle.id, p.type, p.quarters, p.dim, p.anti, p.local, p.review],
      );
      if (p.report) {
        await ds.query(
          `INSERT INTO report (project_id, lao_id, fiscal_year, round, in_ordinance, ordinance_budget, disbursed, status, version)
           VALUES ($1, $2, 2566, 'SIX_MONTH', true, $3, $4, $5, 1)`,
          [id, row.id, p.report[1], p.report[2], p.report[0]],
        );
      }
    }
    return row;
  };
  const a = await lao('5650801', d6508, LaoType.SAO, 'PASSED', [
    {
      dim: 'SOCIETY',
      type: 'PROJECT',
      anti: '10000.50',
      local: '20000',
      quarters: [1, 2],
      review: 'APPROVED',
      report: ['COMPLETED', '10000', '9500.25'],
    },
    {
      dim: 'SOCIETY',
      type: 'ACTIVITY',
      anti: '0',
      local: '0',
      quarters: [4],
      review: 'APPROVED',
      report: ['COMPLETED', '0', '0'],
    },
    {
      dim: 'ADMINISTRATION',
      type: 'MEASURE',
      anti: '16000',
      local: '16000',
      quarters: [1, 2, 3, 4],
      review: 'APPROVED',
      report: ['IN_PROGRESS', '16000', '8000'],
    },
    { dim: 'OVERSIGHT', type: 'PROJECT', anti: '25000', local: '30000', quarters: [3], review: 'APPROVED' },
    { dim: 'PARTICIPATION', type: 'GUIDELINE', anti: '1.25', local: '0', quarters: [1], review: 'PENDING' },
    { dim: 'SOCIETY', type: 'PROJECT', anti: '99999', local: '0', quarters: [1], review: 'REJECTED' },
  ]);
  const simple = (review = 'APPROVED', report?: [string, string, string]): P => ({
    dim: 'SOCIETY',
    type: 'PROJECT',
    anti: '0',
    local: '0',
    quarters: [1],
    review,
    report,
  });
  await lao('3650802', d6508, LaoType.SUBDISTRICT_MUNICIPALITY, 'INCOMPLETE', [simple(), simple()]);
  await lao('1650001', d6501, LaoType.PAO, null, []);
  await lao('5650101', d6501, LaoType.SAO, 'SUBMITTED', [simple()]);
  await lao('5540101', d5401, LaoType.SAO, 'PASSED', [
    simple('APPROVED', ['COMPLETED', '0', '0']),
    simple('APPROVED', ['COMPLETED', '0', '0']),
  ]);
  await lao('2540101', d5401, LaoType.TOWN_MUNICIPALITY, 'DRAFT', []);
  return { a };
};

const STATISTICS = `query($provinceId: ID) { statistics(fiscalYear: 2566, round: SIX_MONTH, provinceId: $provinceId) {
  province { id } district { id } laoCount laoTypes { type count } plansPassed plansIncomplete plansSubmitted plansNotSubmitted
  noPassedPlan fullyReported partlyReported notReported levelHigh levelMedium levelLow } }`;

describe('aggregate tables against a hand-worked fixture', () => {
  let server: TestServer;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let lao: GraphQLClient;
  let laoId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { a } = await seed(server.dataSource);
    laoId = String(a.id);
    const c = await createAccount(server.dataSource, { username: 'analyst', role: Role.NACC_CENTRAL });
    const p = await createAccount(server.dataSource, {
      username: 'phrae.office',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    await createLaoAccount(server.dataSource, a, { password: 'Lao-Pass-2565' });
    central = await signIn(server, c.username, c.password);
    provincial = await signIn(server, p.username, p.password);
    lao = await signIn(server, a.code, 'Lao-Pass-2565');
  });
  afterAll(() => server.stop());

  it('national statistics: one row per province', async () => {
    const response = await central(STATISTICS);
    expect(response.errors).toBeUndefined();
    expect(response.data?.statistics).toEqual([
      {
        province: { id: '54' },
        district: null,
        laoCount: 2,
        laoTypes: [
          { type: 'TOWN_MUNICIPALITY', count: 1 },
          { type: 'SAO', count: 1 },
        ],
        plansPassed: 1,
        plansIncomplete: 0,
        plansSubmitted: 0,
        plansNotSubmitted: 1,
        // Without a passed plan an LAO cannot report: counted apart, not as "not reported".
        noPassedPlan: 1,
        fullyReported: 1,
        partlyReported: 0,
        notReported: 0,
        levelHigh: 1,
        levelMedium: 0,
        levelLow: 0,
      },
      {
        province: { id: '65' },
        district: null,
        laoCount: 4,
        laoTypes: [
          { type: 'PAO', count: 1 },
          { type: 'SUBDISTRICT_MUNICIPALITY', count: 1 },
          { type: 'SAO', count: 2 },
        ],
        plansPassed: 1,
        plansIncomplete: 1,
        plansSubmitted: 1,
        plansNotSubmitted: 1,
        noPassedPlan: 3,
        fullyReported: 0,
        partlyReported: 1,
        notReported: 0,
        levelHigh: 0,
        levelMedium: 1,
        levelLow: 0,
      },
    ]);
  });

  it('drills into a province by district; a provincial office sees only its own', async () => {
    const response = await central(STATISTICS, { provinceId: '65' });
    const rows = response.data?.statistics as Record<string, unknown>[];
    expect(
      rows.map((r) => [
        (r.district as { id: string }).id,
        r.laoCount,
        r.plansPassed,
        r.plansIncomplete,
        r.plansSubmitted,
        r.plansNotSubmitted,
        r.noPassedPlan,
        r.partlyReported,
        r.notReported,
        r.levelMedium,
      ]),
    ).toEqual([
      ['6501', 2, 0, 0, 1, 1, 2, 0, 0, 0],
      ['6508', 2, 1, 1, 0, 0, 1, 1, 0, 1],
    ]);
    const own = await provincial(STATISTICS);
    expect((own.data?.statistics as { province: { id: string } }[]).map((r) => r.province.id)).toEqual([
      '54',
    ]);
    expect((await provincial(STATISTICS, { provinceId: '65' })).data?.statistics).toEqual([]);
    // Explicit nulls are "not given"; a type filter narrows the counts.
    const TYPED = `query($type: LaoType, $size: LaoSize) { statistics(fiscalYear: 2566, round: SIX_MONTH, type: $type, size: $size) { province { id } laoCount } }`;
    expect((await central(TYPED, { type: null, size: null })).data?.statistics).toEqual([
      { province: { id: '54' }, laoCount: 2 },
      { province: { id: '65' }, laoCount: 4 },
    ]);
    expect((await central(TYPED, { type: 'SAO' })).data?.statistics).toEqual([
      { province: { id: '54' }, laoCount: 1 },
      { province: { id: '65' }, laoCount: 2 },
    ]);
  });

  it('LAO summary: projects and budget by dimension and type, both rounds', async () => {
    const response = await lao(
      `query($laoId: ID!) { laoSummary(laoId: $laoId, fiscalYear: 2566) {
      projectCount rejectedCount
      dimensions { dimension projectCount antiCorruptionBudget localDevelopmentBudget }
      workTypes { workType projectCount }
      rounds { round ordinanceBudget disbursed implementation { eligibleCount reportedCount completedCount inProgressCount percentage level } }
    } }`,
      { laoId },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.laoSummary).toEqual({
      projectCount: 5,
      rejectedCount: 1,
      dimensions: [
        {
          dimension: 'SOCIETY',
          projectCount: 2,
          antiCorruptionBudget: '10000.50',
          localDevelopmentBudget: '20000.00',
        },
        {
          dimension: 'ADMINISTRATION',
          projectCount: 1,
          antiCorruptionBudget: '16000.00',
          localDevelopmentBudget: '16000.00',
        },
        {
          dimension: 'PARTICIPATION',
          projectCount: 1,
          antiCorruptionBudget: '1.25',
          localDevelopmentBudget: '0.00',
        },
        {
          dimension: 'OVERSIGHT',
          projectCount: 1,
          antiCorruptionBudget: '25000.00',
          localDevelopmentBudget: '30000.00',
        },
      ],
      workTypes: [
        { workType: 'PROJECT', projectCount: 2 },
        { workType: 'ACTIVITY', projectCount: 1 },
        { workType: 'MEASURE', projectCount: 1 },
        { workType: 'GUIDELINE', projectCount: 1 },
      ],
      rounds: [
        {
          round: 'SIX_MONTH',
          ordinanceBudget: '26000.00',
          disbursed: '17500.25',
          implementation: {
            eligibleCount: 5,
            reportedCount: 3,
            completedCount: 2,
            inProgressCount: 1,
            percentage: '40.00',
            level: 'MEDIUM',
          },
        },
        {
          round: 'TWELVE_MONTH',
          ordinanceBudget: '0.00',
          disbursed: '0.00',
          implementation: {
            eligibleCount: 5,
            reportedCount: 0,
            completedCount: 0,
            inProgressCount: 0,
            percentage: null,
            level: 'NOT_REPORTED',
          },
        },
      ],
    });
  });

  it('plan table totals: budget sum and projects per quarter, rejected projects left out', async () => {
    const response = await lao(
      `query($laoId: ID!) { planTableTotals(laoId: $laoId, fiscalYear: 2566) { projectCount antiCorruptionBudget quarterCounts } }`,
      { laoId },
    );
    expect(response.data?.planTableTotals).toEqual({
      projectCount: 5,
      antiCorruptionBudget: '51001.75',
      quarterCounts: [3, 2, 2, 2],
    });
    expect(
      errorCode(
        await provincial(
          `query($laoId: ID!) { planTableTotals(laoId: $laoId, fiscalYear: 2566) { projectCount } }`,
          { laoId },
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it('exports the same numbers as XLSX and CSV', async () => {
    const get = (path: string, token = central.token) =>
      fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const xlsx = await get('/exports/statistics.xlsx?fiscalYear=2566&round=SIX_MONTH');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('ปีงบประมาณ 2566 รอบ 6 เดือน');
    expect(sheet.getCell('A2').value).toBe('จังหวัด');
    // Provinces in Thai order, as on the web: พิษณุโลก before แพร่.
    expect((sheet.getRow(3).values as unknown[]).slice(1, 3)).toEqual(['พิษณุโลก', 4]);
    const csv = Buffer.from(
      await (
        await get('/exports/implementation.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=65')
      ).arrayBuffer(),
    );
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8', 3).trim().split('\r\n');
    expect(lines[0]).toBe(
      'อำเภอ,รหัส อปท.,ชื่อ อปท.,จำนวนโครงการ,อยู่ระหว่างดำเนินการ,ดำเนินการแล้วเสร็จ,ไม่สามารถดำเนินการได้,ร้อยละ,ระดับ,คะแนน ITA',
    );
    // Districts in Thai order (เมืองพิษณุโลก before วังทอง), then the highest percentage first.
    // No plan of the year: no level, and the export says why.
    // No ITA score recorded for the year: an empty last cell.
    expect(lines[1]).toBe('เมืองพิษณุโลก,1650001,อปท. 1650001,0,0,0,0,,ยังไม่มีแผน/แผนยังไม่ผ่าน,');
    expect(lines[3]).toBe('วังทอง,5650801,อปท. 5650801,5,1,2,0,40.00,ปานกลาง,');
    expect(lines).toHaveLength(5);
    const saoOnly = Buffer.from(
      await (await get('/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH&type=SAO')).arrayBuffer(),
    );
    expect(saoOnly.toString('utf8', 3).split('\r\n')[1].split(',').slice(0, 2)).toEqual(['พิษณุโลก', '2']);
    // Anonymous callers get the public data, cacheable; signed-in ones their own reach, not cached.
    const anonymous = await get('/exports/statistics.xlsx?fiscalYear=2566&round=SIX_MONTH', null);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=300');
    expect(xlsx.headers.get('cache-control')).toBe('private, no-store');
    expect((await get('/exports/statistics.xlsx?round=SIX_MONTH')).status).toBe(400);
    expect((await get('/exports/nothing.xlsx?fiscalYear=2566&round=SIX_MONTH')).status).toBe(404);

    // The plan table of one LAO, in the layout of seed 001, with its totals row.
    const plan = await get(`/exports/plan-table.xlsx?laoId=${laoId}&fiscalYear=2566`, lao.token);
    expect(plan.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await plan.arrayBuffer());
    const planSheet = book.worksheets[0];
    expect(String(planSheet.getCell('A1').value)).toBe('แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566 ของ อปท. 5650801');
    expect(planSheet.rowCount).toBe(2 + 5 + 1);
    // Unticked quarters are empty cells (the streaming writer leaves empty text out).
    expect(Array.from({ length: 8 }, (_, c) => planSheet.getRow(3).getCell(c + 1).value ?? '')).toEqual([
      1,
      'โครงการ',
      1,
      10000.5,
      '✓',
      '✓',
      '',
      '',
    ]);
    expect((planSheet.getRow(8).values as unknown[]).slice(1, 9)).toEqual([
      'รวมทั้งสิ้น',
      undefined,
      undefined,
      51001.75,
      3,
      2,
      2,
      2,
    ]);
    const status = Buffer.from(
      await (await get(`/exports/project-status.csv?laoId=${laoId}&fiscalYear=2566`)).arrayBuffer(),
    );
    const statusLines = status.toString('utf8', 3).trim().split('\r\n');
    expect(statusLines).toHaveLength(1 + 6);
    // The last column is the report remark (issue 23): none here.
    expect(statusLines[3]).toBe('3,โครงการ,มาตรการ,2,รับรอง,อยู่ระหว่างดำเนินการ,ยังไม่รายงาน,8000.00,');
    expect(statusLines[6]).toBe('6,โครงการ,โครงการ,1,ปฏิเสธ,ไม่ต้องรายงาน,ไม่ต้องรายงาน,,');
    // A plan table is public: another province's office gets it as the public does; no such LAO, 404.
    expect(
      (await get(`/exports/plan-table.xlsx?laoId=${laoId}&fiscalYear=2566`, provincial.token)).status,
    ).toBe(200);
    expect((await get(`/exports/plan-table.xlsx?laoId=999999&fiscalYear=2566`)).status).toBe(404);
    expect((await get(`/exports/plan-table.xlsx?fiscalYear=2566`)).status).toBe(400);
  });

  it('publishes every project and report of a year as open data, with public fields only', async () => {
    const projects = Buffer.from(
      await (await fetch(`${server.url}/open-data/projects-2566.csv`)).arrayBuffer(),
    );
    const lines = projects.toString('utf8', 3).trim().split('\r\n');
    // 15 columns, then budget use and other target group (issue 23).
    expect(lines[0].split(',')).toHaveLength(17);
    expect(lines).toHaveLength(1 + 6 + 2 + 1 + 2);
    expect(lines.filter((line) => line.startsWith('5650801,')).map((line) => line.split(',')[14])).toEqual([
      'รับรอง',
      'รับรอง',
      'รับรอง',
      'รับรอง',
      'รอการตรวจสอบ',
      'ปฏิเสธ',
    ]);
    const reports = Buffer.from(
      await (await fetch(`${server.url}/open-data/reports-2566.csv`)).arrayBuffer(),
    );
    const reportLines = reports.toString('utf8', 3).trim().split('\r\n');
    expect(reportLines).toHaveLength(1 + 3 + 2);
    expect(reportLines[1]).toMatch(
      /^5540101,อปท\. 5540101,\d+,โครงการ,รอบ 6 เดือน,ดำเนินการแล้วเสร็จ,,ใช่,0\.00,0\.00,20\d\d-/,
    );
    const xlsx = await fetch(`${server.url}/open-data/reports-2566.xlsx`);
    expect(xlsx.status).toBe(200);
    expect((await fetch(`${server.url}/open-data/secrets-2566.csv`)).status).toBe(404);
  });

  it('streams the open-data workbook with the same rows as the CSV', async () => {
    const csvText = Buffer.from(
      await (await fetch(`${server.url}/open-data/reports-2566.csv`)).arrayBuffer(),
    ).toString('utf8', 3);
    const csvLines = csvText.trim().split('\r\n');
    const response = await fetch(`${server.url}/open-data/reports-2566.xlsx`);
    expect(response.headers.get('content-disposition')).toContain('reports-2566.xlsx');
    // Streamed as it is made, not built whole first.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('ปีงบประมาณ 2566');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(9).numFmt).toBe('#,##0.00');
    const width = csvLines[0].split(',').length;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, r) =>
      Array.from({ length: width }, (_, c) => {
        const value = sheet.getRow(r + 2).getCell(c + 1).value;
        return value === null || value === undefined ? '' : String(value);
      }),
    );
    // Money as numbers in the workbook (0.00 reads back as 0), as exact text in the CSV.
    const money = (line: string[]) =>
      line.map((cell, i) => (i === 8 || i === 9 ? String(Number(cell)) : cell));
    expect(rows.map(money)).toEqual(csvLines.map((line) => money(line.split(','))));
  });

  it('makes a limited number of open-data files at once, asks the rest to retry, and frees a turn its caller left', async () => {
    const limited = await startTestServer(
      { openData: { concurrent: 1, waiting: 0 } },
      { databaseUrl: server.databaseUrl },
    );
    const lock = await server.dataSource.createQueryRunner();
    try {
      const expected = await (await fetch(`${server.url}/open-data/reports-2566.csv`)).text();
      // Holds the first download's query until released.
      await lock.startTransaction();
      await lock.query('LOCK TABLE report IN ACCESS EXCLUSIVE MODE');
      const leaving = new AbortController();
      const first = fetch(`${limited.url}/open-data/reports-2566.csv`, { signal: leaving.signal }).catch(
        (error: Error) => error,
      );
      const waitingOnLock = async () =>
        Number(
          (
            await server.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM report r%'`,
            )
          )[0].n,
        );
      for (let i = 0; i < 200 && (await waitingOnLock()) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(await waitingOnLock()).toBe(1);

      const refused = await fetch(`${limited.url}/open-data/projects-2566.xlsx`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(refused.headers.get('content-disposition')).toBeNull();
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });

      leaving.abort();
      expect(await first).toMatchObject({ name: 'AbortError' });
      await lock.commitTransaction();
      // The turn comes back once the abandoned file has stopped, and its connection with it.
      let next = await fetch(`${limited.url}/open-data/reports-2566.csv`);
      for (let i = 0; i < 200 && next.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 25));
        next = await fetch(`${limited.url}/open-data/reports-2566.csv`);
      }
      expect(next.status).toBe(200);
      expect(await next.text()).toBe(expected);
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
      await limited.stop();
    }
  });
});
