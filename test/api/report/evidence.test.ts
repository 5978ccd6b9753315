import sharp from 'sharp';
import { Role } from '../../../server/auth/role';
import { createAccount, createCycle, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies freely
type Json = Record<string, any>;
const json = (response: Response): Promise<Json> => response.json() as Promise<Json>;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 7)]);

const EVIDENCE = `query($id: ID!) {
  reports: publicProjects(laoId: $id, fiscalYear: 2566) { edges { node { report(fiscalYear: 2566, round: SIX_MONTH) {
    id evidence { id fileName contentType sizeBytes sha256 isPublic hasThumbnail downloadUrl thumbnailUrl }
  } } } }
}`;
const PUBLIC = `query($id: ID!) {
  publicProjects(laoId: $id, fiscalYear: 2566) { edges { node { report(fiscalYear: 2566, round: SIX_MONTH) {
    publicPhotos { id fileName downloadUrl thumbnailUrl }
  } } } }
}`;

describe('evidence of progress reports (photos and documents)', () => {
  let server: TestServer;
  let world: World;
  let owner: GraphQLClient;
  let otherLao: GraphQLClient;
  let provinceIn: GraphQLClient;
  let provinceOut: GraphQLClient;
  let central: GraphQLClient;
  let reportId: string;
  let jpeg: Buffer;
  const maxBytes = 256 * 1024;

  beforeAll(async () => {
    server = await startTestServer({ evidenceFileMaxBytes: maxBytes });
    world = await createWorld(server.dataSource);
    const cycle = await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.wangPikul, { password: 'WangPikul-Pass-2565' });
    const phrae = await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    const [project] = (await server.dataSource.query(
      `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                            anti_corruption_budget, local_development_budget, review_status, version)
       VALUES ($1, $2, 'โครงการอบรมคุณธรรม', 'PROJECT', '{2566}', '{1}', 'SOCIETY', 0, 0, 'APPROVED', 1) RETURNING id`,
      [world.dintong.id, cycle.id],
    )) as { id: number }[];
    const [report] = (await server.dataSource.query(
      `INSERT INTO report (project_id, lao_id, fiscal_year, round, in_ordinance, ordinance_budget, disbursed, status, version)
       VALUES ($1, $2, 2566, 'SIX_MONTH', true, 0, 0, 'COMPLETED', 1) RETURNING id`,
      [project.id, world.dintong.id],
    )) as { id: number }[];
    reportId = String(report.id);
    jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    owner = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.wangPikul.code, 'WangPikul-Pass-2565');
    provinceIn = await signIn(server, world.provincial.username, world.provincial.password);
    provinceOut = await signIn(server, phrae.username, phrae.password);
    central = await signIn(server, world.central.username, world.central.password);
  });
  afterAll(() => server.stop());

  const upload = (body: Buffer, name: string, token: string | null, id = reportId) =>
    fetch(`${server.url}/files/reports/${id}/evidence`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
  const get = (url: string, token: string | null) =>
    fetch(`${server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  let pdfFile: Json;
  let photo: Json;
  let privatePhoto: Json;

  it('the LAO attaches a PDF and a JPEG; the JPEG gets a thumbnail', async () => {
    const sentPdf = await upload(pdf, 'รายงานการอบรม.pdf', owner.token);
    expect(sentPdf.status).toBe(201);
    pdfFile = await json(sentPdf);
    expect(pdfFile).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      thumbnailUrl: null,
    });
    const sentJpeg = await upload(jpeg, 'ภาพกิจกรรม.jpg', owner.token);
    expect(sentJpeg.status).toBe(201);
    photo = await json(sentJpeg);
    expect(photo).toMatchObject({ contentType: 'image/jpeg', isPublic: false });
    const thumb = await get(photo.thumbnailUrl as string, owner.token);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
    privatePhoto = await json(await upload(jpeg, 'ภาพส่วนตัว.jpg', owner.token));

    const listed = await owner(EVIDENCE, { id: String(world.dintong.id) });
    expect(listed.errors).toBeUndefined();
    const files = listed.data?.reports.edges[0].node.report.evidence as Json[];
    expect(files.map((file) => file.fileName)).toEqual([
      'รายงานการอบรม.pdf',
      'ภาพกิจกรรม.jpg',
      'ภาพส่วนตัว.jpg',
    ]);
    expect(files[1]).toMatchObject({
      hasThumbnail: true,
      thumbnailUrl: `/files/evidence/${photo.id}/thumbnail`,
    });
  });

  it('refuses an EXE renamed .pdf, an oversize file, and anyone but the LAO', async () => {
    const renamed = await upload(exe, 'รายงาน.pdf', owner.token);
    expect(renamed.status).toBe(415);
    expect((await json(renamed)).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = await upload(Buffer.concat([pdf, Buffer.alloc(maxBytes)]), 'ใหญ่.pdf', owner.token);
    expect(big.status).toBe(413);
    expect((await json(big)).code).toBe('FILE_TOO_LARGE');
    expect((await upload(pdf, 'x.pdf', otherLao.token)).status).toBe(404);
    expect((await upload(pdf, 'x.pdf', provinceIn.token)).status).toBe(404);
    expect((await upload(pdf, 'x.pdf', null)).status).toBe(401);
  });

  it('a private file: the LAO, the province office and NACC central read it; another LAO, another province and the public get 404', async () => {
    for (const token of [owner.token, provinceIn.token, central.token]) {
      const got = await get(pdfFile.downloadUrl as string, token);
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    }
    for (const token of [otherLao.token, provinceOut.token, null]) {
      expect((await get(pdfFile.downloadUrl as string, token)).status).toBe(404);
      expect((await get(`/files/evidence/${photo.id}/thumbnail`, token)).status).toBe(404);
    }
    const seenByCentral = await central(EVIDENCE, { id: String(world.dintong.id) });
    expect(seenByCentral.data?.reports.edges[0].node.report.evidence).toHaveLength(3);
    const seenByOther = await otherLao(EVIDENCE, { id: String(world.dintong.id) });
    expect(seenByOther.data?.reports.edges[0].node.report.evidence).toBeNull();
    const anonymous = await server.anonymous(EVIDENCE, { id: String(world.dintong.id) });
    expect(errorCode(anonymous)).toBe('FORBIDDEN');
  });

  it('a published photo is readable anonymously and shows on the public page; a private one does not', async () => {
    const SET = `mutation($id: ID!, $isPublic: Boolean!) { setReportEvidencePublic(id: $id, isPublic: $isPublic) { isPublic } }`;
    expect(errorCode(await otherLao(SET, { id: photo.id, isPublic: true }))).toBe('NOT_FOUND');
    expect(errorCode(await owner(SET, { id: pdfFile.id, isPublic: true }))).toBe('EVIDENCE_NOT_PUBLISHABLE');
    const published = await owner(SET, { id: photo.id, isPublic: true });
    expect(published.data?.setReportEvidencePublic).toEqual({ isPublic: true });

    const page = await server.anonymous(PUBLIC, { id: String(world.dintong.id) });
    expect(page.errors).toBeUndefined();
    expect(page.data?.publicProjects.edges[0].node.report.publicPhotos).toEqual([
      {
        id: photo.id,
        fileName: 'ภาพกิจกรรม.jpg',
        downloadUrl: `/files/evidence/${photo.id}`,
        thumbnailUrl: `/files/evidence/${photo.id}/thumbnail`,
      },
    ]);
    const image = await get(`/files/evidence/${photo.id}`, null);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await get(`/files/evidence/${photo.id}/thumbnail`, null)).status).toBe(200);
    expect((await get(`/files/evidence/${privatePhoto.id}`, null)).status).toBe(404);
    expect((await get(`/files/evidence/${privatePhoto.id}/thumbnail`, null)).status).toBe(404);
  });

  it('the LAO removes a file; nobody else may', async () => {
    const DELETE = `mutation($id: ID!) { deleteReportEvidence(id: $id) }`;
    expect(errorCode(await otherLao(DELETE, { id: privatePhoto.id }))).toBe('NOT_FOUND');
    expect((await owner(DELETE, { id: privatePhoto.id })).data?.deleteReportEvidence).toBe(true);
    expect((await get(`/files/evidence/${privatePhoto.id}`, owner.token)).status).toBe(404);
  });
});
