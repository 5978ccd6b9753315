import { randomUUID } from 'node:crypto';
import { MemoryMirror, PartnerSyncClient } from '../../../examples/partner-sync/sync-client';
import { Lao } from '../../../server/modules/lao/lao.entity';
import { summaryDriftSql } from '../../../server/modules/report/implementation.service';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { partnerClient, passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const CREATE = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteProject(id: $id, version: $version) }`;
const REVIEW = `mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id version } }`;
const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id version } }`;
const VIEWER_CAN = `query($id: ID!) { project(id: $id) { viewerCan { edit delete review } } }`;

type Ref = { id: string; version: number };

/**
 * DOMAIN.md: "a rejected project needs no progress report and the LAO may delete it". A project
 * reported before NACC rejected it, or a pending one already reported, goes with its reports.
 */
describe('deleting a project that has progress reports', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let central: GraphQLClient;
  let partnerSecret: string;
  const projects: Record<string, Ref> = {};

  const report = async (project: Ref, round: 'SIX_MONTH' | 'TWELVE_MONTH', status = 'COMPLETED') => {
    const response = await lao<{ submitReport: Ref }>(SUBMIT, {
      input: {
        projectId: project.id,
        fiscalYear: 2566,
        round,
        inOrdinance: true,
        ordinanceBudget: '1000',
        disbursed: '500',
        status,
        idempotencyKey: randomUUID(),
      },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.submitReport;
  };
  const review = async (project: Ref, decision: string, reason?: string): Promise<Ref> => {
    const response = await central<{ reviewProjects: Ref[] }>(REVIEW, {
      input: { projects: [project], decision, reason },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.reviewProjects[0];
  };
  const reportIdsOf = async (projectId: string): Promise<string[]> =>
    (
      await server.dataSource.query(`SELECT id FROM report WHERE project_id = $1 ORDER BY id`, [projectId])
    ).map((row: { id: number }) => String(row.id));
  const summaries = () =>
    server.dataSource.query(
      `SELECT round, eligible, reported, completed FROM lao_round_summary
        WHERE lao_id = $1 AND fiscal_year = 2566 AND eligible + reported > 0 ORDER BY round`,
      [world.dintong.id],
    );

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, completeProfile);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    for (const key of ['pending', 'rejectedLater', 'approved', 'kept']) {
      const created = await lao<{ createProject: Ref }>(CREATE, {
        input: projectFields({ name: `โครงการ ${key}` }),
      });
      projects[key] = created.data!.createProject;
    }
    await passPlan(lao, central, world.dintong.id);
    ({ secret: partnerSecret } = await partnerClient(server, central, {
      scopes: ['MASTER_DATA', 'PLANS', 'REPORTS'],
    }));
  });
  afterAll(() => server.stop());

  it('deletes a reported pending project and an approved-then-rejected one with their reports; partners see the tombstones', async () => {
    // Both rounds reported for the pending project; the other reported while approved, then rejected.
    await report(projects.pending, 'SIX_MONTH', 'IN_PROGRESS');
    clock.now = new Date('2023-05-15T03:00:00.000Z'); // both rounds of 2566 open
    await report(projects.pending, 'TWELVE_MONTH');
    projects.rejectedLater = await review(projects.rejectedLater, 'APPROVED');
    await report(projects.rejectedLater, 'TWELVE_MONTH');
    projects.approved = await review(projects.approved, 'APPROVED');
    await report(projects.approved, 'TWELVE_MONTH');
    await report(projects.kept, 'TWELVE_MONTH');
    projects.rejectedLater = await review(projects.rejectedLater, 'REJECTED', 'ไม่สอดคล้องกับมิติที่กำหนด');

    const mirror = new MemoryMirror();
    const sync = () =>
      new PartnerSyncClient({ url: `${server.url}/graphql`, apiKey: partnerSecret }).sync(mirror);
    await sync();
    const pendingReports = await reportIdsOf(projects.pending.id);
    const rejectedReports = await reportIdsOf(projects.rejectedLater.id);
    expect(pendingReports).toHaveLength(2);
    expect(rejectedReports).toHaveLength(1);
    for (const id of [...pendingReports, ...rejectedReports])
      expect(mirror.records.REPORT.has(id)).toBe(true);

    for (const key of ['pending', 'rejectedLater']) {
      expect((await lao(VIEWER_CAN, { id: projects[key].id })).data?.project).toEqual({
        viewerCan: { edit: true, delete: true, review: false },
      });
      const deleted = await lao(DELETE, projects[key]);
      expect(deleted.errors).toBeUndefined();
      expect(deleted.data?.deleteProject).toBe(true);
    }
    expect(await reportIdsOf(projects.pending.id)).toEqual([]);
    expect(await reportIdsOf(projects.rejectedLater.id)).toEqual([]);
    const revisionsLeft = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM report_revision WHERE report_id = ANY($1::int[])`,
      [[...pendingReports, ...rejectedReports]],
    );
    expect(revisionsLeft).toEqual([{ n: 0 }]);

    // Partner sync: a tombstone per report and per project.
    const tombstones = await central<{
      deletedRecords: { edges: { node: { entity: string; id: string; laoId: string } }[] };
    }>(
      `query($since: DateTimeISO!) { deletedRecords(since: $since, first: 100) { edges { node { entity id laoId } } } }`,
      { since: '2000-01-01T00:00:00.000Z' },
    );
    expect(tombstones.errors).toBeUndefined();
    const nodes = tombstones.data!.deletedRecords.edges.map((edge) => edge.node);
    expect(
      nodes
        .filter((node) => node.entity === 'REPORT')
        .map((node) => node.id)
        .sort(),
    ).toEqual([...pendingReports, ...rejectedReports].sort());
    expect(
      nodes
        .filter((node) => node.entity === 'PROJECT')
        .map((node) => node.id)
        .sort(),
    ).toEqual([projects.pending.id, projects.rejectedLater.id].sort());
    const incremental = await sync();
    expect(incremental.deleted).toBe(5);
    for (const id of [...pendingReports, ...rejectedReports])
      expect(mirror.records.REPORT.has(id)).toBe(false);
    expect(mirror.sorted('REPORT').map((record) => record.id)).toEqual(
      (await server.dataSource.query(`SELECT id FROM report ORDER BY id`)).map((row: { id: number }) =>
        String(row.id),
      ),
    );

    // The per-LAO summaries equal a recomputation: approved + kept remain, both completed in the 12-month round.
    expect(await server.dataSource.query(summaryDriftSql)).toEqual([]);
    expect((await summaries()).filter((row: { round: string }) => row.round === 'TWELVE_MONTH')).toEqual([
      { round: 'TWELVE_MONTH', eligible: 2, reported: 2, completed: 2 },
    ]);
    expect((await summaries()).filter((row: { reported: number }) => row.reported > 0)).toHaveLength(1);

    // The change history keeps what went: the project and the reports deleted with it, every version.
    const history = await lao<{
      planHistory: { edges: { node: { action: string; before: { reports?: unknown[] } } }[] };
    }>(
      `query($laoId: ID!, $projectId: ID) { planHistory(laoId: $laoId, projectId: $projectId) { edges { node { action before } } } }`,
      { laoId: String(world.dintong.id), projectId: projects.pending.id },
    );
    expect(history.errors).toBeUndefined();
    const deletion = history.data!.planHistory.edges[0].node;
    expect(deletion.action).toBe('DELETE');
    expect(deletion.before.reports).toEqual([
      expect.objectContaining({
        id: Number(pendingReports[0]),
        round: 'SIX_MONTH',
        status: 'IN_PROGRESS',
        revisions: [expect.objectContaining({ version: 1, status: 'IN_PROGRESS' })],
      }),
      expect.objectContaining({ id: Number(pendingReports[1]), round: 'TWELVE_MONTH', status: 'COMPLETED' }),
    ]);
  });

  it('still refuses an approved project, reports or not, with the same code and message', async () => {
    expect((await lao(VIEWER_CAN, { id: projects.approved.id })).data?.project).toEqual({
      viewerCan: { edit: true, delete: false, review: false },
    });
    const refused = await lao(DELETE, projects.approved);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toBe(
      'โครงการนี้ได้รับการรับรองจากสำนักงาน ป.ป.ช. แล้ว จึงลบไม่ได้ หากต้องการปรับแผน กรุณาแก้ไขรายละเอียดแทน',
    );
    expect(await reportIdsOf(projects.approved.id)).toHaveLength(1);
  });

  it('deletes nothing on a stale version: CONFLICT, the reports stay', async () => {
    const created = await lao<{ createProject: Ref }>(CREATE, {
      input: projectFields({ name: 'โครงการเก่า' }),
    });
    const project = created.data!.createProject;
    await report(project, 'TWELVE_MONTH');
    const stale = await lao(DELETE, { id: project.id, version: project.version - 1 });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(await reportIdsOf(project.id)).toHaveLength(1);
    expect(await server.dataSource.query(summaryDriftSql)).toEqual([]);
  });

  it('a report written while its project is deleted answers NOT_FOUND, not an internal error', async () => {
    const created = await lao<{ createProject: Ref }>(CREATE, {
      input: projectFields({ name: 'โครงการที่ถูกลบระหว่างรายงาน' }),
    });
    const project = created.data!.createProject;
    // A deletion in progress holds the project row, as deleteProject does.
    const deletion = server.dataSource.createQueryRunner();
    await deletion.connect();
    await deletion.startTransaction();
    try {
      await deletion.query(`SELECT id FROM project WHERE id = $1 FOR UPDATE`, [project.id]);
      const submitted = lao(SUBMIT, {
        input: {
          projectId: project.id,
          fiscalYear: 2566,
          round: 'TWELVE_MONTH',
          inOrdinance: true,
          ordinanceBudget: '1000',
          disbursed: '500',
          status: 'COMPLETED',
          idempotencyKey: randomUUID(),
        },
      });
      for (let waited = 0; waited < 100; waited += 1) {
        const [{ n }] = await server.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await deletion.query(`DELETE FROM project WHERE id = $1`, [project.id]);
      await deletion.commitTransaction();
      expect(errorCode(await submitted)).toBe('NOT_FOUND');
    } finally {
      await deletion.release();
    }
  });
});
