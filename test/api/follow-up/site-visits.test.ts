import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Role } from '../../../server/auth/role';
import { createAccount, createCycle, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { partnerClient, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const SAVE = `mutation($input: SaveSiteVisitInput!) {
  saveSiteVisit(input: $input) { id status plannedOn visitedOn officers findings recommendations version }
}`;
const VISIT = `query($laoId: ID!, $fiscalYear: Int!) {
  siteVisit(laoId: $laoId, fiscalYear: $fiscalYear) {
    id status visitedOn findings recommendations officers lao { code }
    files { id fileName contentType sizeBytes sha256 downloadUrl }
  }
}`;
const PLANNER = `query($fiscalYear: Int!, $filter: SiteVisitFilter, $first: Int!, $after: String) {
  siteVisits(fiscalYear: $fiscalYear, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { lao { code } visit { status plannedOn } problemReports { round problems } } }
  }
}`;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 7)]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies freely
type Json = Record<string, any>;
const json = (response: Response): Promise<Json> => response.json() as Promise<Json>;
const thaiName = 'รายงานผลการนิเทศติดตาม อบต.ดินทอง.pdf';

describe('site visits (นิเทศติดตาม)', () => {
  const clock = { now: new Date('2023-06-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let owner: GraphQLClient;
  let otherLao: GraphQLClient;
  let provinceIn: GraphQLClient;
  let provinceOut: GraphQLClient;
  let central: GraphQLClient;
  let partner: string;
  const maxBytes = 256 * 1024;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now, siteVisitFileMaxBytes: maxBytes });
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
    partner = (
      await partnerClient(server, central, {
        scopes: ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'],
        provinceIds: ['65'],
      })
    ).secret;
  });
  afterAll(() => server.stop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    laoId: String(world.dintong.id),
    fiscalYear: 2566,
    status: 'PLANNED',
    plannedOn: '2023-06-15',
    ...overrides,
  });
  const upload = (visitId: string, body: Buffer, name: string, token: string | null) =>
    fetch(`${server.url}/files/site-visits/${visitId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
  const download = (url: string, token: string | null) =>
    fetch(`${server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  let visit: { id: string; version: number };

  it('a provincial office plans a visit of an LAO in its province; the planner lists it with its state', async () => {
    const planned = await provinceIn(SAVE, { input: input({ officers: 'นายตรวจ ติดตาม' }) });
    expect(planned.errors).toBeUndefined();
    expect(planned.data?.saveSiteVisit).toMatchObject({
      status: 'PLANNED',
      plannedOn: '2023-06-15',
      version: 1,
    });
    visit = planned.data!.saveSiteVisit;

    const all = await provinceIn(PLANNER, { fiscalYear: 2566, first: 10 });
    const rows = all.data!.siteVisits.edges.map((edge: { node: unknown }) => edge.node);
    expect(rows).toEqual([
      { lao: { code: '5650802' }, visit: { status: 'PLANNED', plannedOn: '2023-06-15' }, problemReports: [] },
      { lao: { code: '5650803' }, visit: null, problemReports: [] },
    ]);
    const notPlanned = await provinceIn(PLANNER, { fiscalYear: 2566, filter: 'NOT_PLANNED', first: 10 });
    expect(
      notPlanned.data!.siteVisits.edges.map((e: { node: { lao: { code: string } } }) => e.node.lao.code),
    ).toEqual(['5650803']);
    const done = await provinceIn(PLANNER, { fiscalYear: 2566, filter: 'DONE', first: 10 });
    expect(done.data!.siteVisits.totalCount).toBe(0);
    // Another year has no visit yet.
    const nextYear = await provinceIn(PLANNER, { fiscalYear: 2567, filter: 'PLANNED', first: 10 });
    expect(nextYear.data!.siteVisits.totalCount).toBe(0);

    // Pages: one LAO at a time, the cursor leads to the next.
    const first = await provinceIn(PLANNER, { fiscalYear: 2566, first: 1 });
    expect(first.data!.siteVisits).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = await provinceIn(PLANNER, {
      fiscalYear: 2566,
      first: 1,
      after: first.data!.siteVisits.pageInfo.endCursor,
    });
    expect(second.data!.siteVisits.edges[0].node.lao.code).toBe('5650803');
    expect(second.data!.siteVisits.pageInfo.hasNextPage).toBe(false);

    // A provincial office lists its province only; central sees every province.
    const phrae = await provinceOut(PLANNER, { fiscalYear: 2566, first: 10 });
    expect(
      phrae.data!.siteVisits.edges.map((e: { node: { lao: { code: string } } }) => e.node.lao.code),
    ).toEqual(['5540102']);
    expect((await central(PLANNER, { fiscalYear: 2566, first: 10 })).data!.siteVisits.totalCount).toBe(3);
  });

  it('refuses a plan without a day, and a visit of another province answers NOT_FOUND', async () => {
    const noDay = await provinceIn(SAVE, {
      input: input({ laoId: String(world.wangPikul.id), plannedOn: null }),
    });
    expect(errorCode(noDay)).toBe('BAD_USER_INPUT');
    expect(noDay.errors![0].extensions!.fields).toEqual([
      { field: 'plannedOn', constraints: ['required'], message: 'กรุณาเลือกวันที่วางแผนลงพื้นที่นิเทศติดตาม' },
    ]);
    const badDay = await provinceIn(SAVE, {
      input: input({ laoId: String(world.wangPikul.id), plannedOn: '2023-02-30' }),
    });
    expect(badDay.errors![0].extensions!.fields).toEqual([
      { field: 'plannedOn', constraints: ['isDate'], message: 'วันที่ไม่ถูกต้อง กรุณาเลือกใหม่' },
    ]);
    const outOfReach = await provinceOut(SAVE, { input: input({ expectedVersion: 1 }) });
    expect(errorCode(outOfReach)).toBe('NOT_FOUND');
    expect(outOfReach.errors![0].message).toBe('ไม่พบอปท.ที่ต้องการ');
    expect(errorCode(await owner(SAVE, { input: input() }))).toBe('FORBIDDEN');
  });

  it('records the visit as done: day not in the future, officers and findings required, version checked', async () => {
    const done = {
      status: 'DONE',
      visitedOn: '2023-06-19',
      officers: 'นายตรวจ ติดตาม ผู้อำนวยการสำนักงาน ป.ป.ช. ประจำจังหวัดพิษณุโลก',
      findings: 'นำแผนไปปฏิบัติครบทุกมิติ',
      recommendations: 'ควรเผยแพร่ผลการดำเนินงานบนเว็บไซต์',
    };
    const missing = await provinceIn(SAVE, {
      input: input({ ...done, officers: ' ', findings: '', expectedVersion: visit.version }),
    });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0].extensions!.fields!.map((f: { field: string }) => f.field)).toEqual([
      'officers',
      'findings',
    ]);
    const future = await provinceIn(SAVE, {
      input: input({ ...done, visitedOn: '2023-06-21', expectedVersion: visit.version }),
    });
    expect(future.errors![0].extensions!.fields).toEqual([
      {
        field: 'visitedOn',
        constraints: ['notInFuture'],
        message: 'วันที่ลงพื้นที่ต้องไม่เกินวันนี้ (บันทึกผลได้เมื่อนิเทศติดตามแล้ว)',
      },
    ]);
    const stale = await provinceIn(SAVE, { input: input({ ...done, expectedVersion: visit.version + 5 }) });
    expect(errorCode(stale)).toBe('CONFLICT');
    const withoutVersion = await provinceIn(SAVE, { input: input(done) });
    expect(errorCode(withoutVersion)).toBe('CONFLICT');

    const saved = await provinceIn(SAVE, { input: input({ ...done, expectedVersion: visit.version }) });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveSiteVisit).toMatchObject({ status: 'DONE', visitedOn: '2023-06-19', version: 2 });
    visit = saved.data!.saveSiteVisit;

    const back = await provinceIn(SAVE, { input: input({ expectedVersion: visit.version }) });
    expect(errorCode(back)).toBe('INVALID_STATE');
    expect(back.errors![0].message).toContain('ไม่สามารถเปลี่ยนกลับเป็นแผนการลงพื้นที่ได้');
  });

  it('the LAO reads its own visit report; another LAO, another province and partners cannot', async () => {
    const own = await owner(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 });
    expect(own.data!.siteVisit).toMatchObject({
      status: 'DONE',
      findings: 'นำแผนไปปฏิบัติครบทุกมิติ',
      recommendations: 'ควรเผยแพร่ผลการดำเนินงานบนเว็บไซต์',
      lao: { code: '5650802' },
    });
    expect(errorCode(await otherLao(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await provinceOut(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 }))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(await server.client(partner)(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await server.anonymous(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 })),
    ).toBe('UNAUTHENTICATED');
    // The other LAO's own visit of the year: none yet.
    const none = await otherLao(VISIT, { laoId: String(world.wangPikul.id), fiscalYear: 2566 });
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ siteVisit: null });
  });

  it('the province implementation table marks visited LAOs, for NACC in reach and the LAO itself only', async () => {
    const TABLE = `{ implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { edges { node { lao { code } siteVisitStatus } } } }`;
    const marks = async (client: GraphQLClient) =>
      Object.fromEntries(
        (await client(TABLE)).data!.implementation.edges.map(
          (e: { node: { lao: { code: string }; siteVisitStatus: string | null } }) => [
            e.node.lao.code,
            e.node.siteVisitStatus,
          ],
        ),
      );
    expect(await marks(provinceIn)).toEqual({ '5650802': 'DONE', '5650803': null });
    expect(await marks(central)).toEqual({ '5650802': 'DONE', '5650803': null });
    // The LAO sees its province's table: its own mark, not its neighbour's.
    expect(await marks(owner)).toEqual({ '5650802': 'DONE', '5650803': null });
    expect(await marks(otherLao)).toEqual({ '5650802': null, '5650803': null });
    // The table's answers are cached per data version: planning a visit raises it, the mark follows.
    const planned = await provinceIn(SAVE, {
      input: input({ laoId: String(world.wangPikul.id), plannedOn: '2023-06-25' }),
    });
    expect(planned.errors).toBeUndefined();
    expect(await marks(provinceIn)).toEqual({ '5650802': 'DONE', '5650803': 'PLANNED' });
    expect(await marks(otherLao)).toEqual({ '5650802': null, '5650803': 'PLANNED' });
    // The field is not public: anonymous callers cannot select it.
    const anonymous = await server.anonymous(
      `{ publicImplementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { siteVisitStatus } }`,
    );
    expect(errorCode(anonymous)).toBe('FORBIDDEN');
  });

  describe('files', () => {
    let fileUrl: string;

    it('the provincial office uploads a PDF with a Thai name; the owner LAO and the office get identical bytes', async () => {
      const response = await upload(visit.id, pdf, thaiName, provinceIn.token);
      expect(response.status).toBe(201);
      const stored = await json(response);
      expect(stored).toMatchObject({
        fileName: thaiName,
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      });
      fileUrl = stored.downloadUrl;
      expect(fileUrl).toBe(`/files/${stored.id}`);

      const listed = await owner(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 });
      expect(listed.data!.siteVisit.files).toEqual([
        expect.objectContaining({ id: stored.id, fileName: thaiName, downloadUrl: fileUrl }),
      ]);

      for (const client of [owner, provinceIn, central]) {
        const got = await download(fileUrl, client.token);
        expect(got.status).toBe(200);
        expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
        expect(got.headers.get('content-type')).toBe('application/pdf');
        expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        expect(got.headers.get('cache-control')).toBe('private, no-store');
        const disposition = got.headers.get('content-disposition') ?? '';
        expect(disposition).toMatch(/^attachment;/);
        expect(disposition).toContain(
          `filename*=UTF-8''${encodeURIComponent(thaiName).replace(/'/g, '%27')}`,
        );
      }
    });

    it('answers 404, like a missing file, to another LAO, another province, a partner key and anonymous callers', async () => {
      const missing = await download('/files/00000000-0000-4000-8000-000000000000', provinceIn.token);
      expect(missing.status).toBe(404);
      const missingBody = await json(missing);
      for (const token of [otherLao.token, provinceOut.token, partner, null]) {
        const refused = await download(fileUrl, token);
        expect(refused.status).toBe(404);
        expect(await json(refused)).toEqual(missingBody);
      }
      expect(missingBody).toEqual({ code: 'NOT_FOUND', message: 'ไม่พบไฟล์ที่ต้องการ' });
      expect((await download('/files/not-a-uuid', provinceIn.token)).status).toBe(404);
    });

    it('refuses a disguised file (an .exe named .pdf) and a file whose content is not what its name says', async () => {
      const disguised = await upload(visit.id, exe, 'รายงาน.pdf', provinceIn.token);
      expect(disguised.status).toBe(415);
      const body = await json(disguised);
      expect(body.code).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(body.message).toBe(
        'ไฟล์ “รายงาน.pdf” ไม่ใช่ชนิดที่รับ ระบบตรวจชนิดจากเนื้อไฟล์ ไม่ใช่จากนามสกุล รับเฉพาะ PDF, JPEG, PNG, Word (DOCX), Excel (XLSX)',
      );
      const mismatch = await upload(visit.id, png, 'ภาพถ่าย.pdf', provinceIn.token);
      expect(mismatch.status).toBe(415);
      expect((await json(mismatch)).message).toBe(
        'เนื้อไฟล์ “ภาพถ่าย.pdf” เป็น PNG แต่ชื่อไฟล์ลงท้ายด้วย .pdf กรุณาตรวจสอบว่าเลือกไฟล์ถูกต้อง แล้วตั้งนามสกุลเป็น .png',
      );
      // A zip that is not an Office document is refused too.
      const zip = Buffer.from('504b0304140000000000', 'hex');
      expect((await upload(visit.id, zip, 'เอกสาร.docx', provinceIn.token)).status).toBe(415);
      const visitNow = await provinceIn(VISIT, { laoId: String(world.dintong.id), fiscalYear: 2566 });
      expect(visitNow.data!.siteVisit.files).toHaveLength(1);
      // Uploads are audited like mutations, refused ones too.
      const audit = await central(
        `{ auditLog(first: 10, operation: "uploadSiteVisitFile") { edges { node { outcome actor } } } }`,
      );
      expect(audit.errors).toBeUndefined();
      expect(audit.data!.auditLog.edges.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual(
        expect.arrayContaining(['OK', 'FILE_TYPE_NOT_ALLOWED']),
      );
    });

    it('accepts an Excel workbook and a PNG by their content', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('ผล').addRow(['มิติ', 'คะแนน']);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const sheet = await upload(visit.id, xlsx, 'สรุปผล.xlsx', provinceIn.token);
      expect(sheet.status).toBe(201);
      expect((await json(sheet)).contentType).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const image = await upload(visit.id, png, 'ภาพ.png', provinceIn.token);
      expect(image.status).toBe(201);
    });

    it('refuses a file over the size limit with 413 FILE_TOO_LARGE, and an empty one', async () => {
      const big = Buffer.concat([pdf, Buffer.alloc(maxBytes, 32)]);
      const response = await upload(visit.id, big, 'ใหญ่.pdf', provinceIn.token);
      expect(response.status).toBe(413);
      expect(await json(response)).toEqual({
        code: 'FILE_TOO_LARGE',
        message: 'ไฟล์มีขนาดใหญ่เกิน 0.25 MB กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์',
        limitBytes: maxBytes,
      });
      const empty = await upload(visit.id, Buffer.alloc(0), 'ว่าง.pdf', provinceIn.token);
      expect(empty.status).toBe(400);
      expect((await json(empty)).fields[0].message).toBe('ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่');
    });

    it('lets only NACC in reach upload: the LAO, another province and partners get 404, anonymous 401', async () => {
      for (const token of [owner.token, provinceOut.token, partner]) {
        expect((await upload(visit.id, pdf, 'ก.pdf', token)).status).toBe(404);
      }
      expect((await upload(visit.id, pdf, 'ก.pdf', null)).status).toBe(401);
      expect((await upload('999999', pdf, 'ก.pdf', provinceIn.token)).status).toBe(404);
    });

    it('NACC in reach deletes a file; then it is gone for everyone', async () => {
      const DELETE = `mutation($id: ID!) { deleteSiteVisitFile(id: $id) }`;
      const id = fileUrl.split('/').pop();
      expect(errorCode(await provinceOut(DELETE, { id }))).toBe('NOT_FOUND');
      expect(errorCode(await owner(DELETE, { id }))).toBe('FORBIDDEN');
      expect((await provinceIn(DELETE, { id })).data).toEqual({ deleteSiteVisitFile: true });
      expect((await download(fileUrl, owner.token)).status).toBe(404);
      expect((await download(fileUrl, provinceIn.token)).status).toBe(404);
    });
  });
});
