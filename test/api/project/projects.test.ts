import { createCycle, createLaoAccount, createWorld, projectFields, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const FIELDS = `id version name workType fiscalYears quarters primaryDimension additionalDimensions essence
  antiCorruptionBudget localDevelopmentBudget targetGroups objectives remarks reviewStatus reviewReason
  viewerCan { edit delete review }`;
const CREATE = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteProject(id: $id, version: $version) }`;
const REVIEW = `mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id version reviewStatus reviewReason } }`;
const LIST = `query($laoId: ID, $fiscalYear: Int, $reviewStatus: ReviewStatus, $dimension: Dimension, $first: Int, $orderBy: ProjectOrder) {
  projects(laoId: $laoId, fiscalYear: $fiscalYear, reviewStatus: $reviewStatus, dimension: $dimension, first: $first, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name reviewStatus lao { code } viewerCan { edit delete review } } }
  }
}`;

type Project = { id: string; version: number; reviewStatus: string; name: string };

describe('projects of an LAO’s plan', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let otherLao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;

  const create = async (overrides: Record<string, unknown> = {}, client = lao): Promise<Project> => {
    const response = await client<{ createProject: Project }>(CREATE, { input: projectFields(overrides) });
    expect(response.errors).toBeUndefined();
    return response.data!.createProject;
  };
  const review = (client: GraphQLClient, projects: Project[], decision: string, reason?: string) =>
    client(REVIEW, {
      input: { projects: projects.map(({ id, version }) => ({ id, version })), decision, reason },
    });

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource, { nameTh: 'ระยะที่ 3', startYear: 2561, endYear: 2565 });
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.paMaet.code, 'PaMaet-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
  });
  afterAll(() => server.stop());

  it('records a project with every field, normalized, pending review, with its plan rows', async () => {
    const response = await lao(CREATE, {
      input: projectFields({
        name: '  โครงการอบรมคุณธรรมจริยธรรม  ',
        fiscalYears: [2567, 2566, 2567],
        quarters: [4, 1],
        primaryDimension: 'ADMINISTRATION',
        additionalDimensions: ['ADMINISTRATION', 'OVERSIGHT'],
        remarks: '   ',
      }),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.createProject).toMatchObject({
      name: 'โครงการอบรมคุณธรรมจริยธรรม',
      fiscalYears: [2566, 2567],
      quarters: [1, 4],
      additionalDimensions: ['OVERSIGHT'],
      antiCorruptionBudget: '15000.50',
      localDevelopmentBudget: '20000.00',
      targetGroups: ['OFFICIALS', 'PUBLIC'],
      remarks: null,
      reviewStatus: 'PENDING',
      viewerCan: { edit: true, delete: true, review: false },
    });
    const plans = await server.dataSource.query(
      `SELECT fiscal_year, status FROM plan WHERE lao_id = $1 ORDER BY 1`,
      [world.dintong.id],
    );
    expect(plans).toEqual([
      { fiscal_year: 2566, status: 'DRAFT' },
      { fiscal_year: 2567, status: 'DRAFT' },
    ]);
  });

  it('refuses invalid fields, each named, in Thai, writing nothing', async () => {
    const before = await server.dataSource.query(`SELECT count(*)::int AS n FROM project`);
    const response = await lao(CREATE, {
      input: projectFields({
        name: '',
        fiscalYears: [],
        quarters: [5],
        antiCorruptionBudget: '-1',
        localDevelopmentBudget: '1.234',
      }),
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const fields = (response.errors?.[0].extensions?.fields ?? []).map((f) => f.field).sort();
    expect(fields).toEqual([
      'antiCorruptionBudget',
      'fiscalYears',
      'localDevelopmentBudget',
      'name',
      'quarters',
    ]);
    expect(response.errors?.[0].extensions?.fields?.find((f) => f.field === 'name')?.message).toContain(
      'กรุณากรอกชื่อโครงการ',
    );
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM project`)).toEqual(before);
  });

  it('refuses fiscal years outside any cycle, or spread over two cycles', async () => {
    for (const fiscalYears of [[2575], [2565, 2566]]) {
      const response = await lao(CREATE, { input: projectFields({ fiscalYears }) });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields?.[0]).toMatchObject({ field: 'fiscalYears' });
      expect(response.errors?.[0].extensions?.fields?.[0].message).toContain('2566–2570');
    }
  });

  it('keeps LAOs apart: another LAO’s project is “not found” for edit and delete, and absent from lists', async () => {
    const mine = await create({ name: 'โครงการของดินทองเท่านั้น' });
    const edit = await otherLao(UPDATE, {
      input: { ...projectFields(), id: mine.id, version: mine.version },
    });
    expect(errorCode(edit)).toBe('NOT_FOUND');
    expect(errorCode(await otherLao(DELETE, { id: mine.id, version: mine.version }))).toBe('NOT_FOUND');
    expect(errorCode(await otherLao(`query($id: ID!) { project(id: $id) { id } }`, { id: mine.id }))).toBe(
      'NOT_FOUND',
    );
    const theirs = await otherLao(LIST, { laoId: String(world.dintong.id) });
    expect(theirs.data?.projects.totalCount).toBe(0);
    expect(
      errorCode(await provincial(`query($id: ID!) { project(id: $id) { id } }`, { id: mine.id })),
    ).toBeNull();
  });

  it('refuses a stale edit with CONFLICT; an edit of an approved project goes back to review, remarks alone do not', async () => {
    const project = await create({ name: 'โครงการทดสอบการแก้ไข' });
    const approved = ((await review(provincial, [project], 'APPROVED')).data?.reviewProjects as Project[])[0];
    expect(approved.reviewStatus).toBe('APPROVED');
    const stale = await lao(UPDATE, {
      input: { ...projectFields({ name: 'ชื่อใหม่' }), id: project.id, version: project.version },
    });
    expect(errorCode(stale)).toBe('CONFLICT');

    const remarksOnly = await lao(UPDATE, {
      input: {
        ...projectFields({ name: 'โครงการทดสอบการแก้ไข', remarks: 'เพิ่มหมายเหตุ' }),
        id: project.id,
        version: approved.version,
      },
    });
    expect(remarksOnly.data?.updateProject).toMatchObject({
      reviewStatus: 'APPROVED',
      remarks: 'เพิ่มหมายเหตุ',
    });
    const content = await lao(UPDATE, {
      input: {
        ...projectFields({
          name: 'โครงการทดสอบการแก้ไข',
          remarks: 'เพิ่มหมายเหตุ',
          antiCorruptionBudget: '99999',
        }),
        id: project.id,
        version: remarksOnly.data?.updateProject.version,
      },
    });
    expect(content.data?.updateProject).toMatchObject({
      reviewStatus: 'PENDING',
      antiCorruptionBudget: '99999.00',
    });
  });

  it('deletes pending and rejected projects, never an approved one', async () => {
    const [pending, rejected, approved] = [await create(), await create(), await create()];
    const rejectedNow = (
      (await review(central, [rejected], 'REJECTED', 'ไม่สอดคล้องกับมิติ')).data?.reviewProjects as Project[]
    )[0];
    const approvedNow = (
      (await review(central, [approved], 'APPROVED')).data?.reviewProjects as Project[]
    )[0];
    expect((await lao(DELETE, { id: pending.id, version: pending.version })).data?.deleteProject).toBe(true);
    expect((await lao(DELETE, { id: rejected.id, version: rejectedNow.version })).data?.deleteProject).toBe(
      true,
    );
    const refused = await lao(DELETE, { id: approved.id, version: approvedNow.version });
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toContain('รับรอง');
    expect(errorCode(await lao(DELETE, { id: approved.id, version: approvedNow.version - 1 }))).toBe(
      'INVALID_STATE',
    );
  });

  it('reviews: rejection needs a reason, can be reversed, bulk approval is all or nothing', async () => {
    const [a, b, c] = [await create({ name: 'ก' }), await create({ name: 'ข' }), await create({ name: 'ค' })];
    const noReason = await review(provincial, [a], 'REJECTED', '   ');
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors?.[0].extensions?.fields?.[0].field).toBe('reason');

    const rejected = (
      (await review(provincial, [a], 'REJECTED', 'ไม่สอดคล้องกับมิติที่ 1')).data?.reviewProjects as (Project & {
        reviewReason: string;
      })[]
    )[0];
    expect(rejected).toMatchObject({ reviewStatus: 'REJECTED', reviewReason: 'ไม่สอดคล้องกับมิติที่ 1' });
    const reversed = await review(provincial, [rejected], 'APPROVED');
    expect(reversed.data?.reviewProjects[0]).toMatchObject({ reviewStatus: 'APPROVED', reviewReason: null });

    // One stale version spoils the whole batch.
    const stale = await review(provincial, [b, { ...c, version: c.version + 7 }], 'APPROVED');
    expect(errorCode(stale)).toBe('CONFLICT');
    const statuses = await server.dataSource.query(`SELECT review_status FROM project WHERE id IN ($1, $2)`, [
      b.id,
      c.id,
    ]);
    expect(statuses.map((row: { review_status: string }) => row.review_status)).toEqual([
      'PENDING',
      'PENDING',
    ]);
    const bulk = await review(provincial, [b, c], 'APPROVED');
    expect(bulk.data?.reviewProjects.map((p: Project) => p.reviewStatus)).toEqual(['APPROVED', 'APPROVED']);
  });

  it('keeps a provincial office to its province when reviewing', async () => {
    const phraeProject = await create({ name: 'โครงการของป่าแมต' }, otherLao);
    const local = await create({ name: 'โครงการของดินทองในชุดเดียวกัน' });
    const response = await review(provincial, [local, phraeProject], 'APPROVED');
    expect(errorCode(response)).toBe('NOT_FOUND');
    const [row] = await server.dataSource.query(`SELECT review_status FROM project WHERE id = $1`, [
      local.id,
    ]);
    expect(row.review_status).toBe('PENDING');
  });

  it('lists by fiscal year, dimension and review state; NACC queues; an LAO sees only its own', async () => {
    await create({ name: 'โครงการปี 2570', fiscalYears: [2570], primaryDimension: 'OVERSIGHT' });
    const year = await lao(LIST, { fiscalYear: 2570 });
    expect(year.data?.projects.edges.map((e: { node: Project }) => e.node.name)).toEqual(['โครงการปี 2570']);
    const oversight = await lao(LIST, { dimension: 'OVERSIGHT' });
    expect(oversight.data?.projects.totalCount).toBe(1);
    const queue = await provincial(LIST, { reviewStatus: 'PENDING' });
    const codes = new Set(
      queue.data?.projects.edges.map((e: { node: { lao: { code: string } } }) => e.node.lao.code),
    );
    expect([...codes]).toEqual([world.dintong.code]);
    const all = await central(LIST, { reviewStatus: 'PENDING', first: 200 });
    expect(
      new Set(all.data?.projects.edges.map((e: { node: { lao: { code: string } } }) => e.node.lao.code)).size,
    ).toBe(2);
    const byName = await lao(LIST, { orderBy: 'NAME', first: 3 });
    const names = byName.data?.projects.edges.map((e: { node: Project }) => e.node.name) as string[];
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'th')));
  });

  it('lists 50 projects with their LAO and permissions in a fixed, small number of SQL statements', async () => {
    for (let i = 0; i < 50; i += 1) await create({ name: `โครงการที่ ${i}`, fiscalYears: [2568] });
    const measure = async (first: number) => {
      server.queries.count = 0;
      const response = await central(LIST, { fiscalYear: 2568, first });
      expect(response.errors).toBeUndefined();
      expect(response.data?.projects.edges).toHaveLength(first);
      return server.queries.count;
    };
    const five = await measure(5);
    const fortyNine = await measure(49);
    expect(fortyNine).toBe(five);
    // The session (charging the budget), the page (its rows carry their LAO), the plan statuses of
    // the page's LAOs and years in one batch (viewerCan: a plan under assessment freezes its
    // projects) and the count.
    expect(fortyNine).toBe(4);
    // A first page holding every match knows its totalCount without counting.
    expect(await measure(50)).toBe(five - 1);
  });

  it('keeps the history of every change, readable by the LAO and NACC, not by another LAO', async () => {
    const project = await create({ name: 'โครงการที่มีประวัติ' });
    const edited = await lao(UPDATE, {
      input: {
        ...projectFields({ name: 'โครงการที่มีประวัติ (แก้ไข)' }),
        id: project.id,
        version: project.version,
      },
    });
    const reviewed = await review(central, [edited.data?.updateProject], 'REJECTED', 'ไม่สอดคล้อง');
    await lao(DELETE, { id: project.id, version: reviewed.data?.reviewProjects[0].version });
    const HISTORY = `query($laoId: ID!, $projectId: ID) { planHistory(laoId: $laoId, projectId: $projectId) {
      totalCount edges { node { action actorName actorRole before after } } } }`;
    const timeline = await lao(HISTORY, { laoId: String(world.dintong.id), projectId: project.id });
    const events = timeline.data?.planHistory.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['DELETE', 'REVIEW', 'UPDATE', 'CREATE']);
    expect(events[1]).toMatchObject({
      actorRole: 'NACC_CENTRAL',
      after: { reviewStatus: 'REJECTED', reviewReason: 'ไม่สอดคล้อง' },
    });
    expect(events[2].before.name).toBe('โครงการที่มีประวัติ');
    expect(events[2].after.name).toBe('โครงการที่มีประวัติ (แก้ไข)');
    expect(events[3]).toMatchObject({ actorRole: 'LAO', actorName: world.dintong.nameTh, before: null });
    expect(
      (await central(HISTORY, { laoId: String(world.dintong.id) })).data?.planHistory.totalCount,
    ).toBeGreaterThan(4);
    expect(errorCode(await otherLao(HISTORY, { laoId: String(world.dintong.id) }))).toBe('NOT_FOUND');
  });
});
