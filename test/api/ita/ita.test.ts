import { Client } from 'pg';
import { createCycle, createLao, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const SET = `mutation($input: SetItaScoreInput!) { setItaScore(input: $input) { fiscalYear score version } }`;
const PREVIEW = `mutation($input: ItaImportInput!) { previewItaImport(input: $input) {
  rowCount valid errorCount errors { rowNumber column message } rows { rowNumber code laoNameTh fiscalYear score previousScore } } }`;
const IMPORT = `mutation($input: ItaImportInput!) { importItaScores(input: $input) { rowCount createdCount updatedCount unchangedCount } }`;
const csv = (lines: string[]) => ({
  fileName: 'ita.csv',
  contentBase64: Buffer.from(`\uFEFFรหัส อปท.,ปีงบประมาณ,คะแนน ITA\r\n${lines.join('\r\n')}\r\n`).toString(
    'base64',
  ),
});

describe('ITA scores: entry, import, LAO page, province table, exports, open data', () => {
  let server: TestServer;
  let world: World;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let second: { id: number; code: string };

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    second = await createLao(
      server.dataSource,
      { id: world.dintong.districtId, provinceId: world.dintong.provinceId } as never,
      {
        code: '5650899',
        nameTh: 'องค์การบริหารส่วนตำบลทดสอบไอทีเอ',
      },
    );
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
  });
  afterAll(() => server.stop());

  it('lets NACC central record and replace a score, 0–100 with two decimals, and refuses everyone else', async () => {
    const input = { laoId: String(world.dintong.id), fiscalYear: 2566, score: '87.5' };
    expect(errorCode(await provincial(SET, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await server.anonymous(SET, { input }))).toBe('UNAUTHENTICATED');
    for (const bad of ['100.01', '101', '-1', '87.555']) {
      const response = await central(SET, { input: { ...input, score: bad } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields?.[0]).toMatchObject({
        field: 'score',
        message: 'คะแนน ITA ต้องอยู่ระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง',
      });
    }
    expect(errorCode(await central(SET, { input: { ...input, laoId: '999999' } }))).toBe('NOT_FOUND');
    expect((await central(SET, { input })).data?.setItaScore).toEqual({
      fiscalYear: 2566,
      score: '87.50',
      version: 1,
    });
    expect((await central(SET, { input: { ...input, score: '90' } })).data?.setItaScore).toEqual({
      fiscalYear: 2566,
      score: '90.00',
      version: 2,
    });
    // The table refuses anything off the scale, whoever writes.
    const direct = new Client({ connectionString: server.databaseUrl });
    await direct.connect();
    await expect(direct.query(`UPDATE ita_score SET score = 100.5`)).rejects.toThrow(/ita_score_range/);
    await direct.end();
  });

  it('shows the score on the LAO page (public), in the province table and keeps its history', async () => {
    const page = await server.anonymous(
      `{ publicLao(code: "${world.dintong.code}") { itaScore(fiscalYear: 2566) { score } none: itaScore(fiscalYear: 2565) { score } } }`,
    );
    expect(page.data?.publicLao).toEqual({ itaScore: { score: '90.00' }, none: null });
    const table = await server.anonymous(
      `{ publicImplementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "${world.dintong.provinceId}") { lao { code } itaScore } }`,
    );
    expect(table.errors).toBeUndefined();
    const rows = table.data?.publicImplementation as { lao: { code: string }; itaScore: string | null }[];
    expect(rows.find((row) => row.lao.code === world.dintong.code)?.itaScore).toBe('90.00');
    expect(rows.find((row) => row.lao.code === second.code)?.itaScore).toBeNull();
    const history = await central(
      `query($laoId: ID!) { planHistory(laoId: $laoId) { edges { node { entityType action actorName before after } } } }`,
      { laoId: String(world.dintong.id) },
    );
    const events = history.data?.planHistory.edges.map((edge: { node: unknown }) => edge.node);
    expect(events.slice(0, 2)).toMatchObject([
      { entityType: 'ITA_SCORE', action: 'UPDATE', before: { score: '87.50' }, after: { score: '90.00' } },
      { entityType: 'ITA_SCORE', action: 'CREATE', before: null, after: { score: '87.50' } },
    ]);
  });

  it('puts the score in the implementation export and the open data', async () => {
    const exported = await (
      await fetch(
        `${server.url}/exports/implementation.csv?fiscalYear=2566&round=SIX_MONTH&provinceId=${world.dintong.provinceId}`,
      )
    ).text();
    const lines = exported.split(/\r?\n/);
    expect(lines.find((line) => line.includes('รหัส อปท.'))).toContain('คะแนน ITA');
    expect(lines.find((line) => line.includes(world.dintong.code))).toMatch(/,90\.00$/);
    const open = await fetch(`${server.url}/open-data/ita-2566.csv`);
    expect(open.status).toBe(200);
    const text = await open.text();
    expect(text).toContain('คะแนน ITA');
    expect(text).toContain(`${world.dintong.code},${world.dintong.nameTh}`);
    expect(text).toContain(',2566,90.00');
    expect(text).not.toContain(second.code);
  });

  it('previews an import with an error per row and column, and writes nothing while any row is wrong', async () => {
    const bad = csv([
      `${second.code},2566,75.5`,
      '123,2566,80',
      '5999999,2566,80',
      `${second.code},66,80`,
      `${second.code},2567,100.5`,
      `${second.code},2566,70`,
    ]);
    expect(errorCode(await provincial(PREVIEW, { input: bad }))).toBe('FORBIDDEN');
    const preview = await central(PREVIEW, { input: bad });
    expect(preview.data?.previewItaImport).toEqual({
      rowCount: 6,
      valid: false,
      errorCount: 5,
      errors: [
        { rowNumber: 3, column: 'รหัส อปท.', message: 'กรุณากรอกรหัส อปท. เป็นตัวเลข 7 หลัก' },
        { rowNumber: 4, column: 'รหัส อปท.', message: 'ไม่พบ อปท. รหัส 5999999 ในระบบ' },
        { rowNumber: 5, column: 'ปีงบประมาณ', message: 'กรุณากรอกปีงบประมาณเป็นปี พ.ศ. 4 หลัก เช่น 2566' },
        { rowNumber: 6, column: 'คะแนน ITA', message: 'คะแนน ITA ต้องอยู่ระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง' },
        {
          rowNumber: 7,
          column: 'รหัส อปท.',
          message: `รหัส อปท. ${second.code} ปีงบประมาณ 2566 ซ้ำกับแถวที่ 2 กรุณาเหลือไว้แถวเดียว`,
        },
      ],
      rows: [],
    });
    const imported = await central(IMPORT, { input: bad });
    expect(errorCode(imported)).toBe('BAD_USER_INPUT');
    expect(imported.errors?.[0].message).toBe('ไฟล์มีข้อผิดพลาด 5 แห่ง ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าอีกครั้ง');
    expect(imported.errors?.[0].extensions?.rowErrors).toEqual(preview.data?.previewItaImport.errors);
    const none = await central(`{ lao(code: "${second.code}") { itaScore(fiscalYear: 2566) { score } } }`);
    expect(none.data?.lao.itaScore).toBeNull();
    // A file without the columns is refused whole.
    const wrong = await central(PREVIEW, {
      input: { fileName: 'x.csv', contentBase64: Buffer.from('ชื่อ,คะแนน\r\nก,1\r\n').toString('base64') },
    });
    expect(wrong.errors?.[0].message).toBe(
      'ไม่พบคอลัมน์ "รหัส อปท.", "ปีงบประมาณ" ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มของระบบ',
    );
  });

  it('imports a valid file all at once: new, replaced and unchanged scores', async () => {
    const good = csv([
      `${second.code},2566,75.5`,
      `${world.dintong.code},2566,90`,
      `${world.dintong.code},2565,66.5`,
    ]);
    const preview = await central(PREVIEW, { input: good });
    expect(preview.data?.previewItaImport).toMatchObject({ valid: true, errorCount: 0, rowCount: 3 });
    expect(preview.data?.previewItaImport.rows[1]).toEqual({
      rowNumber: 3,
      code: world.dintong.code,
      laoNameTh: world.dintong.nameTh,
      fiscalYear: 2566,
      score: '90.00',
      previousScore: '90.00',
    });
    const imported = await central(IMPORT, { input: good });
    expect(imported.data?.importItaScores).toEqual({
      rowCount: 3,
      createdCount: 2,
      updatedCount: 0,
      unchangedCount: 1,
    });
    const read = await central(
      `{ a: lao(code: "${second.code}") { itaScore(fiscalYear: 2566) { score } } b: lao(code: "${world.dintong.code}") { itaScore(fiscalYear: 2565) { score } } }`,
    );
    expect(read.data).toEqual({ a: { itaScore: { score: '75.50' } }, b: { itaScore: { score: '66.50' } } });
  });
});
