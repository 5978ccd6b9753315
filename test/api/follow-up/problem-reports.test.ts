import { Role } from '../../../server/auth/role';
import { createAccount, createCycle, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const FILE = `mutation($input: FileProblemReportInput!) {
  fileProblemReport(input: $input) { id laoId fiscalYear round problems suggestions version lao { code } }
}`;
const READ = `query($laoId: ID!) { problemReport(laoId: $laoId, fiscalYear: 2566, round: SIX_MONTH) { problems suggestions version } }`;
const LIST = `query($provinceId: ID) {
  problemReports(fiscalYear: 2566, round: SIX_MONTH, provinceId: $provinceId, first: 10) {
    totalCount edges { node { lao { code } problems suggestions } }
  }
}`;

const problems = 'งบประมาณไม่เพียงพอสำหรับโครงการฝึกอบรม และบุคลากรมีภารกิจหลายด้าน';
const suggestions = 'ขอให้ สำนักงาน ป.ป.ช. จัดอบรมการจัดทำแผนในระดับอำเภอ';

describe('problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ)', () => {
  // 20 April 2023: the 6-month round of 2566 is open (it closes at the end of April).
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let owner: GraphQLClient;
  let otherLao: GraphQLClient;
  let provinceIn: GraphQLClient;
  let provinceOut: GraphQLClient;
  let central: GraphQLClient;
  let version: number;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.wangPikul, { password: 'WangPikul-Pass-2565' });
    const phrae = await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    owner = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.wangPikul.code, 'WangPikul-Pass-2565');
    provinceIn = await signIn(server, world.provincial.username, world.provincial.password);
    provinceOut = await signIn(server, phrae.username, phrae.password);
    central = await signIn(server, world.central.username, world.central.password);
  });
  afterAll(() => server.stop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    fiscalYear: 2566,
    round: 'SIX_MONTH',
    problems,
    suggestions,
    ...overrides,
  });

  it('the LAO files them with the open 6-month round, and corrects them with the version it read', async () => {
    const filed = await owner(FILE, { input: input() });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileProblemReport).toMatchObject({
      laoId: String(world.dintong.id),
      fiscalYear: 2566,
      round: 'SIX_MONTH',
      problems,
      suggestions,
      version: 1,
      lao: { code: '5650802' },
    });
    expect(errorCode(await owner(FILE, { input: input() }))).toBe('CONFLICT');
    expect(errorCode(await owner(FILE, { input: input({ expectedVersion: 7 }) }))).toBe('CONFLICT');
    const corrected = await owner(FILE, {
      input: input({ suggestions: `${suggestions} (แก้ไข)`, expectedVersion: 1 }),
    });
    expect(corrected.data!.fileProblemReport).toMatchObject({
      version: 2,
      suggestions: `${suggestions} (แก้ไข)`,
    });
    version = 2;
  });

  it('needs some text: both fields empty is refused with a Thai message', async () => {
    const empty = await otherLao(FILE, { input: input({ problems: '  ', suggestions: '' }) });
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0].extensions!.fields).toEqual([
      {
        field: 'problems',
        constraints: ['required'],
        message: 'กรุณากรอกปัญหา อุปสรรค หรือข้อเสนอแนะ อย่างน้อยหนึ่งช่อง (ถ้าไม่มี ให้พิมพ์ว่า “ไม่มี”)',
      },
    ]);
  });

  it('refuses a round not open yet, a year without rounds, and a closed round until NACC grants more time', async () => {
    const early = await owner(FILE, { input: input({ fiscalYear: 2567 }) });
    expect(errorCode(early)).toBe('ROUND_NOT_OPEN');
    expect(early.errors![0].message).toMatch(/^รอบ 6 เดือน ปีงบประมาณ 2567 ยังไม่เปิดรับรายงาน \(เปิดรับตั้งแต่ /);
    const noRound = await owner(FILE, { input: input({ fiscalYear: 2599 }) });
    expect(errorCode(noRound)).toBe('ROUND_CLOSED');
    expect(noRound.errors![0].message).toBe('ยังไม่ได้กำหนดรอบ 6 เดือน ปีงบประมาณ 2599');

    clock.now = new Date('2023-05-05T03:00:00.000Z');
    const late = await owner(FILE, { input: input({ expectedVersion: version }) });
    expect(errorCode(late)).toBe('ROUND_CLOSED');
    expect(late.errors![0].message).toBe(
      'ปิดรับปัญหา อุปสรรคและข้อเสนอแนะรอบ 6 เดือน ปีงบประมาณ 2566 แล้ว (กำหนดส่งภายใน 30 เมษายน 2566 เวลา 23:59 น.) หากจำเป็นต้องส่ง กรุณาขอขยายเวลาจากสำนักงาน ป.ป.ช.',
    );

    const rounds = (await provinceIn(`{ reportingRounds(fiscalYear: 2566) { id kind } }`)).data!
      .reportingRounds;
    const six = rounds.find((round: { kind: string }) => round.kind === 'SIX_MONTH');
    const granted = await provinceIn(
      `mutation($input: GrantExtensionInput!) { grantRoundExtension(input: $input) { id } }`,
      {
        input: {
          roundId: six.id,
          laoId: String(world.dintong.id),
          until: '2023-05-10T17:00:00.000Z',
          reason: 'น้ำท่วมสำนักงาน',
        },
      },
    );
    expect(granted.errors).toBeUndefined();
    const extended = await owner(FILE, { input: input({ expectedVersion: version }) });
    expect(extended.errors).toBeUndefined();
    version = extended.data!.fileProblemReport.version;
    // The neighbour got no extension: still closed for it.
    expect(errorCode(await otherLao(FILE, { input: input() }))).toBe('ROUND_CLOSED');
    clock.now = new Date('2023-04-20T03:00:00.000Z');
  });

  it('the LAO and NACC in reach read them; another LAO and another province cannot; NACC lists its province', async () => {
    const laoId = String(world.dintong.id);
    for (const client of [owner, provinceIn, central]) {
      expect((await client(READ, { laoId })).data!.problemReport).toMatchObject({ problems, version });
    }
    expect(errorCode(await otherLao(READ, { laoId }))).toBe('NOT_FOUND');
    expect(errorCode(await provinceOut(READ, { laoId }))).toBe('NOT_FOUND');
    expect(errorCode(await server.anonymous(READ, { laoId }))).toBe('UNAUTHENTICATED');

    const listed = await provinceIn(LIST, {});
    expect(listed.data!.problemReports).toMatchObject({
      totalCount: 1,
      edges: [{ node: { lao: { code: '5650802' }, problems } }],
    });
    expect((await provinceOut(LIST, {})).data!.problemReports.totalCount).toBe(0);
    expect((await central(LIST, { provinceId: '54' })).data!.problemReports.totalCount).toBe(0);
    expect(errorCode(await owner(LIST, {}))).toBe('FORBIDDEN');

    // The site-visit planner shows them beside the LAO.
    const planner = await provinceIn(
      `{ siteVisits(fiscalYear: 2566, first: 10) { edges { node { lao { code } problemReports { round problems } } } } }`,
    );
    expect(planner.data!.siteVisits.edges[0].node).toEqual({
      lao: { code: '5650802' },
      problemReports: [{ round: 'SIX_MONTH', problems }],
    });
  });

  it('exports a round’s problems per province for NACC in reach, never publicly', async () => {
    const get = (query: string, token: string | null, format = 'csv') =>
      fetch(`${server.url}/exports/problem-reports.${format}?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const csv = await get('fiscalYear=2566&round=SIX_MONTH&provinceId=65', provinceIn.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    const text = await csv.text();
    expect(text).toContain('ปัญหา อุปสรรค');
    expect(text).toContain(problems);
    expect(text).toContain('องค์การบริหารส่วนตำบลดินทอง');
    const xlsx = await get('fiscalYear=2566&round=SIX_MONTH', central.token, 'xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    const phrae = await (
      await get('fiscalYear=2566&round=SIX_MONTH&provinceId=65', provinceOut.token)
    ).text();
    expect(phrae).not.toContain(problems);
    expect((await get('fiscalYear=2566&round=SIX_MONTH', null)).status).toBe(401);
    expect((await get('fiscalYear=2566&round=SIX_MONTH', owner.token)).status).toBe(403);
    const bad = await get('round=SIX_MONTH', provinceIn.token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)',
    });
  });
});
