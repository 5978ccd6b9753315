import { randomUUID } from 'node:crypto';
import { MemoryMirror, PartnerSyncClient } from '../../../examples/partner-sync/sync-client';
import { Lao } from '../../../server/modules/lao/lao.entity';
import { importColumns } from '../../../server/modules/project/project-import.service';
import { summaryDriftSql } from '../../../server/modules/report/implementation.service';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../../helpers/graphql-client';
import { partnerClient, passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const CREATE = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`;
const UPDATE = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id version } }`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteProject(id: $id, version: $version) }`;
const REVIEW = `mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id version } }`;
const WITHDRAW = `mutation($input: WithdrawProjectInput!) {
  withdrawProject(input: $input) { id version withdrawnAt withdrawalReason counted viewerCan { edit delete withdraw review } } }`;
const RESTORE = `mutation($id: ID!) { restoreProject(projectId: $id) { id version name reviewStatus reviewReason } }`;
const SUBMIT_REPORT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id version } }`;
const PROJECT_CAN = `query($id: ID!) { project(id: $id) { version viewerCan { edit delete withdraw review } } }`;
const PLAN = `query($laoId: ID!, $year: Int!) { plan(laoId: $laoId, fiscalYear: $year) { id version status viewerCan { recordProjects submit } } }`;
const HISTORY = `query($laoId: ID!, $projectId: ID) {
  planHistory(laoId: $laoId, projectId: $projectId) { edges { node { id action entityId viewerCanRestore before after } } } }`;

const FROZEN_2566 =
  'แผนปฏิบัติการป้องกันการทุจริตปีงบประมาณ 2566 อยู่ระหว่างการประเมินของสำนักงาน ป.ป.ช. จึงเพิ่ม แก้ไข ถอน หรือลบโครงการของปีดังกล่าวไม่ได้ในขณะนี้ กรุณารอผลการประเมิน หากต้องการแก้ไขแผนก่อน กรุณาติดต่อสำนักงาน ป.ป.ช. ให้ส่งแผนกลับมาแก้ไข';

type Ref = { id: string; version: number };

const ok = <T>(response: GraphQLResponse<T>): T => {
  expect(response.errors).toBeUndefined();
  return response.data as T;
};
const refusal = (response: GraphQLResponse) => ({
  code: errorCode(response),
  message: response.errors?.[0]?.message,
});

/**
 * Issue 23, plan revision: a plan under assessment is frozen; an approved project is withdrawn
 * from the plan with a reason (and then counts nowhere); a deleted project is restored from its
 * history with its reports, under the same ids, and partner sync sees it come back.
 */
describe('plan revision: frozen plans, withdrawn projects, restored projects', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let otherLao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let partnerSecret: string;

  const create = async (name: string, overrides: Record<string, unknown> = {}): Promise<Ref> =>
    ok(await lao<{ createProject: Ref }>(CREATE, { input: projectFields({ name, ...overrides }) }))
      .createProject;
  const report = async (project: Ref, status = 'COMPLETED', round = 'SIX_MONTH') =>
    lao<{ submitReport: Ref }>(SUBMIT_REPORT, {
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
  const approve = async (project: Ref): Promise<Ref> =>
    ok(
      await central<{ reviewProjects: Ref[] }>(REVIEW, {
        input: { projects: [project], decision: 'APPROVED' },
      }),
    ).reviewProjects[0];
  const plan = async (year = 2566) =>
    ok(
      await lao<{
        plan: { id: string; version: number; status: string; viewerCan: Record<string, boolean> };
      }>(PLAN, {
        laoId: String(world.dintong.id),
        year,
      }),
    ).plan;
  const summary = async () =>
    server.dataSource.query(
      `SELECT round, eligible, reported, completed FROM lao_round_summary
        WHERE lao_id = $1 AND fiscal_year = 2566 ORDER BY round`,
      [world.dintong.id],
    );
  const drift = () => server.dataSource.query(summaryDriftSql);
  const mirrorClient = () => new PartnerSyncClient({ url: `${server.url}/graphql`, apiKey: partnerSecret });

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    for (const { id } of [world.dintong, world.paMaet])
      await server.dataSource.getRepository(Lao).update(id, completeProfile);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.paMaet.code, 'PaMaet-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    ({ secret: partnerSecret } = await partnerClient(server, central, {
      scopes: ['MASTER_DATA', 'PLANS', 'REPORTS'],
    }));
  });
  afterAll(() => server.stop());

  describe('a plan under assessment is frozen', () => {
    let inPlan: Ref;
    let spanning: Ref;
    let nextYear: Ref;

    it('freezes every project of the submitted year for the LAO, until NACC returns the plan', async () => {
      inPlan = await create('โครงการในแผนที่ส่งแล้ว');
      spanning = await create('โครงการสองปี', { fiscalYears: [2566, 2567] });
      nextYear = await create('โครงการปีหน้า', { fiscalYears: [2567] });
      const draft = await plan();
      expect(draft.viewerCan.recordProjects).toBe(true);
      ok(await lao(`mutation { submitPlan(planId: "${draft.id}", version: ${draft.version}) { status } }`));

      const submitted = await plan();
      expect(submitted).toMatchObject({
        status: 'SUBMITTED',
        viewerCan: { recordProjects: false, submit: false },
      });
      // The next year's plan is not under assessment: recording there goes on.
      expect((await plan(2567)).viewerCan.recordProjects).toBe(true);
      for (const project of [inPlan, spanning])
        expect(ok(await lao(PROJECT_CAN, { id: project.id })).project.viewerCan).toEqual({
          edit: false,
          delete: false,
          withdraw: false,
          review: false,
        });
      expect(ok(await lao(PROJECT_CAN, { id: nextYear.id })).project.viewerCan).toMatchObject({
        edit: true,
        delete: true,
      });
      // NACC still reviews the projects of the plan it assesses.
      expect(ok(await central(PROJECT_CAN, { id: inPlan.id })).project.viewerCan.review).toBe(true);

      const attempts = [
        await lao(CREATE, { input: projectFields({ name: 'โครงการเพิ่มระหว่างประเมิน' }) }),
        await lao(UPDATE, { input: { ...projectFields({ name: 'แก้ไข' }), ...inPlan } }),
        // A project of 2567 and 2566: its 2566 plan is under assessment.
        await lao(UPDATE, {
          input: { ...projectFields({ name: 'แก้ไข', fiscalYears: [2566, 2567] }), ...spanning },
        }),
        // Moving a 2567 project into 2566 would change the plan under assessment too.
        await lao(UPDATE, {
          input: { ...projectFields({ name: 'ย้ายปี', fiscalYears: [2566, 2567] }), ...nextYear },
        }),
        await lao(DELETE, inPlan),
      ];
      for (const attempt of attempts)
        expect(refusal(attempt)).toEqual({ code: 'PLAN_FROZEN', message: FROZEN_2566 });
      expect(attempts[0].errors?.[0].extensions?.years).toEqual([2566]);

      // The next year alone is not frozen.
      ok(
        await lao(UPDATE, {
          input: { ...projectFields({ name: 'โครงการปีหน้า (แก้ไข)', fiscalYears: [2567] }), ...nextYear },
        }),
      );
      ok(await lao(CREATE, { input: projectFields({ name: 'โครงการใหม่ปี 2567', fiscalYears: [2567] }) }));
      const [{ n }] = await server.dataSource.query(
        `SELECT count(*)::int AS n FROM project WHERE lao_id = $1 AND 2566 = ANY(fiscal_years)`,
        [world.dintong.id],
      );
      expect(n).toBe(2);
    });

    it('refuses a spreadsheet import into the frozen year, row by row in the preview', async () => {
      const quote = (cells: (string | number)[]) => cells.map((cell) => `"${cell}"`).join(',');
      const row = (n: number, name: string, years: string) =>
        quote([
          n,
          name,
          'โครงการ',
          1,
          '',
          years,
          '✓',
          '',
          '',
          '',
          0,
          0,
          'ประชาชน/ภาคประชาสังคม',
          'สาระ',
          'วัตถุประสงค์',
          '',
        ]);
      const file = [
        quote(importColumns.map((column) => column.header)),
        row(1, 'นำเข้าปี 2566', '2566'),
        row(2, 'นำเข้าปี 2567', '2567'),
      ].join('\n');
      const input = { fileName: 'projects.csv', contentBase64: Buffer.from(file).toString('base64') };
      const preview = ok(
        await lao<{
          previewProjectImport: { valid: boolean; errors: { rowNumber: number; message: string }[] };
        }>(
          `mutation($input: ProjectImportInput!) { previewProjectImport(input: $input) { valid errors { rowNumber column message } } }`,
          { input },
        ),
      ).previewProjectImport;
      expect(preview.valid).toBe(false);
      expect(preview.errors).toEqual([{ rowNumber: 2, column: 'ปีงบประมาณ', message: FROZEN_2566 }]);
      const imported = await lao(
        `mutation($input: ProjectImportInput!) { importProjects(input: $input) { createdCount } }`,
        { input },
      );
      expect(errorCode(imported)).toBe('BAD_USER_INPUT');
    });

    it('unfreezes when NACC returns the plan as incomplete', async () => {
      const submitted = await plan();
      ok(
        await provincial(`mutation($input: AssessPlanInput!) { assessPlan(input: $input) { verdict } }`, {
          input: {
            planId: submitted.id,
            version: submitted.version,
            verdict: 'INCOMPLETE',
            scoreSociety: '10',
            scoreAdministration: '10',
            scoreParticipation: '10',
            scoreOversight: '10',
          },
        }),
      );
      expect(await plan()).toMatchObject({
        status: 'INCOMPLETE',
        viewerCan: { recordProjects: true, submit: true },
      });
      expect(ok(await lao(PROJECT_CAN, { id: inPlan.id })).project.viewerCan).toMatchObject({
        edit: true,
        delete: true,
      });
      ok(await lao(UPDATE, { input: { ...projectFields({ name: 'โครงการในแผน (ปรับปรุง)' }), ...inPlan } }));
    });
  });

  describe('withdrawing an approved project from the plan', () => {
    let withdrawn: Ref;
    let kept: Ref;
    let pending: Ref;

    beforeAll(async () => {
      // The 2566 plan passes with three more projects; two approved and reported.
      withdrawn = await create('โครงการที่จะถอนออกจากแผน', { antiCorruptionBudget: '40000' });
      kept = await create('โครงการที่คงไว้');
      pending = await create('โครงการรอตรวจสอบ');
      withdrawn = await approve(withdrawn);
      kept = await approve(kept);
      await passPlan(lao, central, world.dintong.id);
      ok(await report(withdrawn));
      ok(await report(kept));
      withdrawn = ok(
        await lao<{ project: Ref }>(`query { project(id: "${withdrawn.id}") { id version } }`),
      ).project;
    });

    it('refuses a pending project, an empty reason, a stale version, and anyone but the LAO itself', async () => {
      expect(
        refusal(
          await lao(WITHDRAW, { input: { projectId: pending.id, version: pending.version, reason: 'ไม่ทำ' } }),
        ),
      ).toEqual({
        code: 'INVALID_STATE',
        message:
          'ถอนออกจากแผนได้เฉพาะโครงการที่ได้รับการรับรองจากสำนักงาน ป.ป.ช. แล้ว โครงการที่รอการตรวจสอบหรือถูกปฏิเสธ กรุณาลบแทน',
      });
      const blank = await lao(WITHDRAW, {
        input: { projectId: withdrawn.id, version: withdrawn.version, reason: '  ' },
      });
      expect(refusal(blank)).toEqual({ code: 'BAD_USER_INPUT', message: 'กรุณาระบุเหตุผลที่ถอนโครงการออกจากแผน' });
      expect(blank.errors?.[0].extensions?.fields).toEqual([
        { field: 'reason', constraints: ['requiredToWithdraw'], message: 'กรุณาระบุเหตุผลที่ถอนโครงการออกจากแผน' },
      ]);
      expect(
        errorCode(
          await lao(WITHDRAW, {
            input: { projectId: withdrawn.id, version: withdrawn.version - 1, reason: 'x' },
          }),
        ),
      ).toBe('CONFLICT');
      expect(
        errorCode(
          await otherLao(WITHDRAW, {
            input: { projectId: withdrawn.id, version: withdrawn.version, reason: 'x' },
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await central(WITHDRAW, {
            input: { projectId: withdrawn.id, version: withdrawn.version, reason: 'x' },
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(ok(await lao(PROJECT_CAN, { id: withdrawn.id })).project.viewerCan).toEqual({
        edit: true,
        delete: false,
        withdraw: true,
        review: false,
      });
      expect(ok(await lao(PROJECT_CAN, { id: pending.id })).project.viewerCan.withdraw).toBe(false);
    });

    it('keeps the record, the reason and the reports, and counts it nowhere afterwards', async () => {
      const before = await summary();
      const sixBefore = before.find((row: { round: string }) => row.round === 'SIX_MONTH');
      const summaryQuery = `query($laoId: ID!) { laoSummary(laoId: $laoId, fiscalYear: 2566) { projectCount rejectedCount dimensions { dimension projectCount antiCorruptionBudget } } planTableTotals(laoId: $laoId, fiscalYear: 2566) { projectCount antiCorruptionBudget } }`;
      const totalsBefore = ok(await lao(summaryQuery, { laoId: String(world.dintong.id) }));
      const mirror = new MemoryMirror();
      await mirrorClient().sync(mirror);

      const reason = 'เทศบาลโอนภารกิจให้หน่วยงานอื่น ตามมติสภาท้องถิ่น';
      const result = ok(
        await lao<{ withdrawProject: Record<string, unknown> }>(WITHDRAW, {
          input: { projectId: withdrawn.id, version: withdrawn.version, reason: `  ${reason} ` },
        }),
      ).withdrawProject;
      expect(result).toMatchObject({
        id: withdrawn.id,
        version: withdrawn.version + 1,
        withdrawalReason: reason,
        counted: false,
        viewerCan: { edit: false, delete: false, withdraw: false, review: false },
      });
      expect(result.withdrawnAt).not.toBeNull();

      // Counted nowhere: one project and its completed report fewer in the summaries, no drift.
      const sixAfter = (await summary()).find((row: { round: string }) => row.round === 'SIX_MONTH');
      expect(sixAfter).toEqual({
        ...sixBefore,
        eligible: sixBefore.eligible - 1,
        reported: sixBefore.reported - 1,
        completed: sixBefore.completed - 1,
      });
      expect(await drift()).toEqual([]);
      const totalsAfter = ok(
        await lao<{
          laoSummary: { projectCount: number; rejectedCount: number };
          planTableTotals: { projectCount: number; antiCorruptionBudget: string };
        }>(summaryQuery, { laoId: String(world.dintong.id) }),
      );
      const totalsWere = totalsBefore as typeof totalsAfter;
      expect(totalsAfter.laoSummary.projectCount).toBe(totalsWere.laoSummary.projectCount - 1);
      expect(totalsAfter.laoSummary.rejectedCount).toBe(totalsWere.laoSummary.rejectedCount);
      expect(totalsAfter.planTableTotals.projectCount).toBe(totalsWere.planTableTotals.projectCount - 1);
      expect(Number(totalsAfter.planTableTotals.antiCorruptionBudget)).toBe(
        Number(totalsWere.planTableTotals.antiCorruptionBudget) - 40000,
      );

      // Not "must be reported" any more: the worklist's counted flag, and a new report is refused.
      const refusedReport = await report(withdrawn, 'COMPLETED', 'SIX_MONTH');
      expect(refusal(refusedReport)).toEqual({
        code: 'PROJECT_WITHDRAWN',
        message: 'โครงการนี้ถอนออกจากแผนแล้ว จึงไม่ต้องรายงานผล (รายงานที่ส่งไว้ก่อนถอนยังเปิดดูได้)',
      });

      // Its report stays readable; NACC sees the withdrawal and its reason.
      const seen = ok(
        await central<{
          project: { withdrawalReason: string; counted: boolean; report: { status: string } | null };
        }>(
          `query($id: ID!) { project(id: $id) { withdrawalReason counted report(fiscalYear: 2566, round: SIX_MONTH) { status } } }`,
          { id: withdrawn.id },
        ),
      ).project;
      expect(seen).toEqual({ withdrawalReason: reason, counted: false, report: { status: 'COMPLETED' } });

      // Nobody edits, deletes or reviews it any more.
      const readOnly = 'โครงการนี้ถอนออกจากแผนแล้ว จึงแก้ไข ลบ หรือตรวจสอบไม่ได้ (ยังเปิดดูรายละเอียดและเหตุผลที่ถอนได้)';
      const current = { id: withdrawn.id, version: withdrawn.version + 1 };
      expect(refusal(await lao(UPDATE, { input: { ...projectFields({ name: 'x' }), ...current } }))).toEqual({
        code: 'INVALID_STATE',
        message: readOnly,
      });
      expect(refusal(await lao(DELETE, current))).toEqual({ code: 'INVALID_STATE', message: readOnly });
      expect(
        refusal(await central(REVIEW, { input: { projects: [current], decision: 'REJECTED', reason: 'x' } })),
      ).toEqual({ code: 'INVALID_STATE', message: readOnly });
      expect(
        refusal(
          await lao(WITHDRAW, {
            input: { projectId: withdrawn.id, version: current.version, reason: 'อีกครั้ง' },
          }),
        ),
      ).toEqual({ code: 'INVALID_STATE', message: readOnly });

      // History records it; partner sync sees the change.
      const history = ok(
        await lao<{
          planHistory: { edges: { node: { action: string; after: { withdrawalReason: string } } }[] };
        }>(HISTORY, {
          laoId: String(world.dintong.id),
          projectId: withdrawn.id,
        }),
      ).planHistory.edges;
      expect(history[0].node).toMatchObject({ action: 'WITHDRAW', after: { withdrawalReason: reason } });
      const incremental = await mirrorClient().sync(mirror);
      expect(incremental.deleted).toBe(0);
      expect(mirror.records.PROJECT.get(withdrawn.id)).toMatchObject({ withdrawalReason: reason });
      expect(mirror.records.PROJECT.get(withdrawn.id)?.withdrawnAt).not.toBeNull();
      expect(mirror.records.PROJECT.get(kept.id)?.withdrawnAt).toBeNull();
    });

    it('is refused while the plan is under assessment', async () => {
      // The 2567 plan: approve a project, submit it, try to withdraw.
      let project = await create('โครงการปี 2567 ที่รับรองแล้ว', { fiscalYears: [2567] });
      project = await approve(project);
      const plan2567 = await plan(2567);
      ok(
        await lao(
          `mutation { submitPlan(planId: "${plan2567.id}", version: ${plan2567.version}) { status } }`,
        ),
      );
      const refused = await lao(WITHDRAW, {
        input: { projectId: project.id, version: project.version, reason: 'ไม่ทำแล้ว' },
      });
      expect(errorCode(refused)).toBe('PLAN_FROZEN');
      expect(refused.errors?.[0].message).toContain('ปีงบประมาณ 2567 อยู่ระหว่างการประเมินของสำนักงาน ป.ป.ช.');
    });
  });

  describe('restoring a deleted project from its history', () => {
    let project: Ref;
    let reportIds: string[];

    const tombstones = async (): Promise<{ entity: string; id: string }[]> =>
      ok(
        await central<{ deletedRecords: { edges: { node: { entity: string; id: string } }[] } }>(
          `query { deletedRecords(since: "2000-01-01T00:00:00.000Z", first: 100) { edges { node { entity id } } } }`,
        ),
      ).deletedRecords.edges.map((edge) => edge.node);
    const rowsOf = async () => ({
      project: await server.dataSource.query(
        `SELECT id, name, review_status, review_reason, fiscal_years, anti_corruption_budget, created_at FROM project WHERE id = $1`,
        [project.id],
      ),
      reports: await server.dataSource.query(
        `SELECT id, fiscal_year, round, status, version, disbursed FROM report WHERE project_id = $1 ORDER BY id`,
        [project.id],
      ),
      revisions: await server.dataSource.query(
        `SELECT v.id, v.report_id, v.version, v.status, v.submitted_by_name, v.submitted_at
           FROM report_revision v JOIN report r ON r.id = v.report_id WHERE r.project_id = $1 ORDER BY v.id`,
        [project.id],
      ),
    });

    it('brings the project back with its reports and every version, under the same ids; summaries stay exact', async () => {
      project = await create('โครงการที่ลบโดยไม่ตั้งใจ');
      const first = ok(await report(project, 'IN_PROGRESS', 'SIX_MONTH'));
      ok(
        await lao(SUBMIT_REPORT, {
          input: {
            projectId: project.id,
            fiscalYear: 2566,
            round: 'SIX_MONTH',
            expectedVersion: first.submitReport.version,
            inOrdinance: true,
            ordinanceBudget: '1000',
            disbursed: '900',
            status: 'COMPLETED',
            idempotencyKey: randomUUID(),
          },
        }),
      );
      ok(await report(project, 'COMPLETED', 'TWELVE_MONTH'));
      project = ok(
        await lao<{ project: Ref }>(`query { project(id: "${project.id}") { id version } }`),
      ).project;
      const before = await rowsOf();
      reportIds = before.reports.map((row: { id: number }) => String(row.id));
      expect(before.revisions).toHaveLength(3);
      const summaryBefore = await summary();

      // Mirror A pulls before and after the deletion; mirror B only before.
      const mirrorA = new MemoryMirror();
      const mirrorB = new MemoryMirror();
      await mirrorClient().sync(mirrorA);
      await mirrorClient().sync(mirrorB);
      ok(await lao(DELETE, project));
      expect(await summary()).not.toEqual(summaryBefore);
      expect(await mirrorClient().sync(mirrorA)).toMatchObject({ deleted: 3 });
      expect(mirrorA.records.PROJECT.has(project.id)).toBe(false);
      expect((await tombstones()).filter((t) => [project.id, ...reportIds].includes(t.id))).toHaveLength(3);

      // The history offers the restore to the LAO and to NACC in reach, not to another LAO.
      const history = async (client: GraphQLClient) =>
        client<{ planHistory: { edges: { node: { action: string; viewerCanRestore: boolean } }[] } }>(
          HISTORY,
          {
            laoId: String(world.dintong.id),
            projectId: project.id,
          },
        );
      expect(ok(await history(lao)).planHistory.edges[0].node).toMatchObject({
        action: 'DELETE',
        viewerCanRestore: true,
      });
      expect(ok(await history(provincial)).planHistory.edges[0].node.viewerCanRestore).toBe(true);
      expect(errorCode(await otherLao(RESTORE, { id: project.id }))).toBe('NOT_FOUND');
      // Older events of the project offer nothing.
      expect(
        ok(await history(lao))
          .planHistory.edges.slice(1)
          .every((edge) => !edge.node.viewerCanRestore),
      ).toBe(true);

      const restored = ok(
        await lao<{ restoreProject: Record<string, unknown> }>(RESTORE, { id: project.id }),
      ).restoreProject;
      expect(restored).toEqual({
        id: project.id,
        version: project.version + 1,
        name: 'โครงการที่ลบโดยไม่ตั้งใจ',
        reviewStatus: 'PENDING',
        reviewReason: null,
      });
      expect(await rowsOf()).toEqual(before);
      expect(await summary()).toEqual(summaryBefore);
      expect(await drift()).toEqual([]);
      // Its reports read as before, through the API too.
      const reports = ok(
        await lao<{ project: { six: { id: string; status: string; version: number } } }>(
          `query($id: ID!) { project(id: $id) { six: report(fiscalYear: 2566, round: SIX_MONTH) { id status version } } }`,
          { id: project.id },
        ),
      ).project.six;
      expect(reports).toEqual({ id: reportIds[0], status: 'COMPLETED', version: 2 });

      // The tombstones are gone: a partner that never saw the deletion keeps the rows, one that
      // did gets them back (fresh updatedAt); both equal the database.
      expect((await tombstones()).filter((t) => [project.id, ...reportIds].includes(t.id))).toEqual([]);
      const pulledB = await mirrorClient().sync(mirrorB);
      expect(pulledB.deleted).toBe(0);
      const pulledA = await mirrorClient().sync(mirrorA);
      expect(pulledA.upserted.PROJECT).toBeGreaterThan(0);
      expect(pulledA.upserted.REPORT).toBe(2);
      for (const mirror of [mirrorA, mirrorB]) {
        expect(mirror.records.PROJECT.get(project.id)).toMatchObject({ name: 'โครงการที่ลบโดยไม่ตั้งใจ' });
        for (const id of reportIds) expect(mirror.records.REPORT.has(id)).toBe(true);
        const fresh = new MemoryMirror();
        await mirrorClient().sync(fresh);
        expect(mirror.sorted('PROJECT')).toEqual(fresh.sorted('PROJECT'));
        expect(mirror.sorted('REPORT')).toEqual(fresh.sorted('REPORT'));
      }

      // Recorded in history; nothing left to restore.
      const after = ok(await history(lao)).planHistory.edges;
      expect(after[0].node).toMatchObject({ action: 'RESTORE', viewerCanRestore: false });
      expect(after.every((edge) => !edge.node.viewerCanRestore)).toBe(true);
      expect(refusal(await lao(RESTORE, { id: project.id }))).toEqual({
        code: 'INVALID_STATE',
        message: 'โครงการนี้ไม่ได้ถูกลบ หรือกู้คืนไปแล้ว',
      });
      // The deleted version is stale: an edit holding it fails.
      expect(errorCode(await lao(UPDATE, { input: { ...projectFields({ name: 'x' }), ...project } }))).toBe(
        'CONFLICT',
      );
    });

    it('lets NACC in reach restore, and the project can be deleted and restored again', async () => {
      const current = ok(
        await lao<{ project: Ref }>(`query { project(id: "${project.id}") { id version } }`),
      ).project;
      ok(await lao(DELETE, current));
      ok(await central(RESTORE, { id: project.id }));
      const [{ n }] = await server.dataSource.query(
        `SELECT count(*)::int AS n FROM report WHERE project_id = $1`,
        [project.id],
      );
      expect(n).toBe(2);
      expect(await drift()).toEqual([]);
    });

    it('is refused while a plan of its years is under assessment, and after its plan cycle ended', async () => {
      const current = ok(
        await lao<{ project: Ref }>(`query { project(id: "${project.id}") { id version } }`),
      ).project;
      // A rejected project of 2568 (deleted) and the 2568 plan submitted.
      let later = await create('โครงการปี 2568', { fiscalYears: [2568] });
      await create('โครงการปี 2568 ที่คงไว้', { fiscalYears: [2568] });
      later = ok(
        await central<{ reviewProjects: Ref[] }>(REVIEW, {
          input: { projects: [later], decision: 'REJECTED', reason: 'ไม่สอดคล้องกับมิติ' },
        }),
      ).reviewProjects[0];
      ok(await lao(DELETE, later));
      const plan2568 = await plan(2568);
      ok(
        await lao(
          `mutation { submitPlan(planId: "${plan2568.id}", version: ${plan2568.version}) { status } }`,
        ),
      );
      const frozen = await lao(RESTORE, { id: later.id });
      expect(errorCode(frozen)).toBe('PLAN_FROZEN');
      expect(frozen.errors?.[0].message).toContain('ปีงบประมาณ 2568 อยู่ระหว่างการประเมิน');

      // The cycle 2566–2570 has ended by fiscal year 2571 (from 1 October 2027 CE = BE 2570 + 1).
      ok(await lao(DELETE, current));
      clock.now = new Date('2027-10-02T03:00:00.000Z');
      try {
        const history = ok(
          await lao<{ planHistory: { edges: { node: { action: string; viewerCanRestore: boolean } }[] } }>(
            HISTORY,
            {
              laoId: String(world.dintong.id),
              projectId: project.id,
            },
          ),
        );
        expect(history.planHistory.edges[0].node).toMatchObject({
          action: 'DELETE',
          viewerCanRestore: false,
        });
        expect(refusal(await lao(RESTORE, { id: project.id }))).toEqual({
          code: 'INVALID_STATE',
          message:
            'รอบแผน 2566–2570 สิ้นสุดแล้ว จึงกู้คืนโครงการของรอบแผนนี้ไม่ได้ หากต้องการดำเนินโครงการนี้ต่อ กรุณาบันทึกเป็นโครงการใหม่ในรอบแผนปัจจุบัน',
        });
      } finally {
        clock.now = new Date('2023-04-20T03:00:00.000Z');
      }
      // Within the cycle again (the clock back), it restores.
      ok(await lao(RESTORE, { id: project.id }));
      expect(await drift()).toEqual([]);
    });
  });
});
