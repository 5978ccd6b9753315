import { randomUUID } from 'node:crypto';
import { Role } from '../../../server/auth/role';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createAccount,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
  id version status disbursed unableReason unableReasonText revisions { version status disbursed submittedByName } } }`;
// Fiscal year 2566's 6-month round closes at 1 May 2023 00:00 in Bangkok.
const sixMonthCloses = new Date('2023-04-30T17:00:00.000Z');

describe('progress reports', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: World;
  let lao: GraphQLClient;
  let otherLao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  const projects: Record<string, { id: string; version: number }> = {};

  const report = (projectId: string, overrides: Record<string, unknown> = {}, client = lao) =>
    client(SUBMIT, {
      input: {
        projectId,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '20000',
        disbursed: '15000.50',
        status: 'COMPLETED',
        idempotencyKey: randomUUID(),
        ...overrides,
      },
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      now: () => clock.now,
      smtpUrl: smtp.url,
      devOutbox: false,
      reminderDaysBefore: 7,
    });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { ...completeProfile, coordinatorEmail: 'dintong@example.go.th' });
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.wangPikul, { password: 'WangPikul-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.wangPikul.code, 'WangPikul-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    for (const [key, fields] of Object.entries({
      a: projectFields({ name: 'โครงการ ก' }),
      b: projectFields({ name: 'โครงการ ข' }),
      both: projectFields({ name: 'โครงการสองปี', fiscalYears: [2566, 2567] }),
      rejected: projectFields({ name: 'โครงการที่ถูกปฏิเสธ' }),
    })) {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
        { input: fields },
      );
      projects[key] = created.data!.createProject;
    }
    const r = projects.rejected;
    await central(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
      input: { projects: [r], decision: 'REJECTED', reason: 'ไม่สอดคล้อง' },
    });
    // Plan 2566 submitted and passed; 2567 stays a draft.
    await passPlan(lao, provincial, world.dintong.id);
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });
  beforeEach(() => {
    clock.now = new Date('2023-04-20T03:00:00.000Z');
  });

  it('reports, then corrects while the round is open, keeping every version', async () => {
    const first = await report(projects.a.id, { status: 'IN_PROGRESS', disbursed: '0' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.submitReport).toMatchObject({ version: 1, status: 'IN_PROGRESS', disbursed: '0.00' });
    const corrected = await report(projects.a.id, {
      expectedVersion: 1,
      status: 'COMPLETED',
      disbursed: '18250.75',
    });
    expect(corrected.data?.submitReport).toMatchObject({
      version: 2,
      status: 'COMPLETED',
      disbursed: '18250.75',
    });
    expect(corrected.data?.submitReport.revisions).toEqual([
      { version: 2, status: 'COMPLETED', disbursed: '18250.75', submittedByName: world.dintong.nameTh },
      { version: 1, status: 'IN_PROGRESS', disbursed: '0.00', submittedByName: world.dintong.nameTh },
    ]);
    expect(errorCode(await report(projects.a.id, { expectedVersion: 1 }))).toBe('CONFLICT');
    expect(errorCode(await report(projects.a.id))).toBe('CONFLICT');
  });

  it('is idempotent: a retried submission writes nothing twice; a reused key with other data is refused', async () => {
    const key = randomUUID();
    const once = await report(projects.b.id, { idempotencyKey: key });
    const again = await report(projects.b.id, { idempotencyKey: key });
    expect(again.errors).toBeUndefined();
    expect(again.data?.submitReport.id).toBe(once.data?.submitReport.id);
    expect(again.data?.submitReport.revisions).toHaveLength(1);
    const reused = await report(projects.b.id, { idempotencyKey: key, disbursed: '1' });
    expect(errorCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n }] = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM report_revision r JOIN report p ON p.id = r.report_id WHERE p.project_id = $1`,
      [Number(projects.b.id)],
    );
    expect(n).toBe(1);
  });

  it('needs a reason for unable, text for other, and non-negative amounts', async () => {
    const noReason = await report(projects.both.id, { status: 'UNABLE' });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors?.[0].extensions?.fields?.[0].field).toBe('unableReason');
    const noText = await report(projects.both.id, {
      status: 'UNABLE',
      unableReason: 'OTHER',
      unableReasonText: '  ',
    });
    expect(noText.errors?.[0].extensions?.fields?.[0].field).toBe('unableReasonText');
    const negative = await report(projects.both.id, { disbursed: '-1' });
    expect(negative.errors?.[0].extensions?.fields?.[0].field).toBe('disbursed');
    const ok = await report(projects.both.id, {
      status: 'UNABLE',
      unableReason: 'OTHER',
      unableReasonText: 'น้ำท่วมพื้นที่',
    });
    expect(ok.data?.submitReport).toMatchObject({ unableReason: 'OTHER', unableReasonText: 'น้ำท่วมพื้นที่' });
  });

  it('refuses rejected projects, years the project does not run in, and plans not passed', async () => {
    const rejected = await report(projects.rejected.id);
    expect(errorCode(rejected)).toBe('PROJECT_REJECTED');
    expect(rejected.errors?.[0].message).toContain('ไม่ต้องรายงานผล');
    expect(errorCode(await report(projects.a.id, { fiscalYear: 2567 }))).toBe('PROJECT_NOT_IN_YEAR');
    // A year beyond smallint is just another year the project does not run in, not a server error.
    expect(errorCode(await report(projects.a.id, { fiscalYear: 2147483647 }))).toBe('PROJECT_NOT_IN_YEAR');
    const draftYear = await report(projects.both.id, { fiscalYear: 2567, round: 'SIX_MONTH' });
    expect(errorCode(draftYear)).toBe('PLAN_NOT_PASSED');
    expect(draftYear.errors?.[0].message).toContain('2567');
  });

  it('lets only the owning LAO report', async () => {
    expect(errorCode(await report(projects.a.id, {}, otherLao))).toBe('NOT_FOUND');
    expect(errorCode(await report(projects.a.id, {}, provincial))).toBe('FORBIDDEN');
  });

  it('closes at the deadline instant: one millisecond before is accepted, the instant itself is refused with the Thai deadline', async () => {
    clock.now = new Date(sixMonthCloses.getTime() - 1);
    const justInTime = await report(projects.b.id, { expectedVersion: 1, disbursed: '100' });
    expect(justInTime.errors).toBeUndefined();
    clock.now = sixMonthCloses;
    const late = await report(projects.b.id, { expectedVersion: 2, disbursed: '200' });
    expect(errorCode(late)).toBe('ROUND_CLOSED');
    expect(late.errors?.[0].message).toContain('30 เมษายน 2566 เวลา 23:59 น.');
    expect(late.errors?.[0].extensions?.deadline).toBe(sixMonthCloses.toISOString());
    // The 12-month round of 2566 opens on 1 April 2023: a report in March is too early.
    clock.now = new Date('2023-03-01T00:00:00.000Z');
    expect(errorCode(await report(projects.a.id, { round: 'TWELVE_MONTH' }))).toBe('ROUND_NOT_OPEN');
  });

  it('extends the deadline for one LAO: requested, granted by its province, honoured until it expires', async () => {
    clock.now = new Date('2023-05-03T03:00:00.000Z');
    const rounds = await lao(
      `{ reportingRounds(fiscalYear: 2566) { id kind closesAt viewerDeadline isOpen } }`,
    );
    const six = rounds.data?.reportingRounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH');
    expect(six).toMatchObject({ isOpen: false, viewerDeadline: sixMonthCloses.toISOString() });
    const until = new Date('2023-05-10T17:00:00.000Z');
    const requested = await lao(
      `mutation($input: RequestExtensionInput!) { requestRoundExtension(input: $input) { id version status until } }`,
      { input: { roundId: six.id, until: until.toISOString(), reason: 'ผู้ประสานงานลาคลอด' } },
    );
    expect(requested.data?.requestRoundExtension).toMatchObject({ status: 'REQUESTED' });
    expect(errorCode(await report(projects.a.id, { expectedVersion: 2 }))).toBe('ROUND_CLOSED');

    await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: world.phrae.id,
    });
    const phrae = await signIn(server, 'nacc.phrae', 'Correct-Horse-2565');
    const DECIDE = `mutation($input: DecideExtensionInput!) { decideRoundExtension(input: $input) { status until } }`;
    const { id, version } = requested.data!.requestRoundExtension;
    expect(errorCode(await phrae(DECIDE, { input: { id, version, grant: true } }))).toBe('NOT_FOUND');
    const granted = await provincial(DECIDE, { input: { id, version, grant: true, note: 'อนุมัติ' } });
    expect(granted.data?.decideRoundExtension).toMatchObject({
      status: 'GRANTED',
      until: until.toISOString(),
    });

    const extended = await report(projects.a.id, { expectedVersion: 2, disbursed: '19000' });
    expect(extended.errors).toBeUndefined();
    clock.now = until;
    const expired = await report(projects.a.id, { expectedVersion: 3, disbursed: '1' });
    expect(errorCode(expired)).toBe('ROUND_CLOSED');
    expect(expired.errors?.[0].message).toContain('10 พฤษภาคม 2566 เวลา 23:59 น.');
    // Another LAO is not extended.
    const others = await otherLao(`{ reportingRounds(fiscalYear: 2566) { kind viewerDeadline } }`);
    expect(others.data?.reportingRounds[0].viewerDeadline).toBe(sixMonthCloses.toISOString());
  });

  it('pages through extensions newest first with a cursor, counting all, within the viewer’s reach', async () => {
    const rounds = (await central(`{ reportingRounds(fiscalYear: 2566) { id kind } }`)).data!.reportingRounds;
    const roundId = (kind: string) => rounds.find((r: { kind: string }) => r.kind === kind).id;
    const GRANT = `mutation($input: GrantExtensionInput!) { grantRoundExtension(input: $input) { id } }`;
    for (const [lao, kind] of [
      [world.dintong, 'TWELVE_MONTH'],
      [world.wangPikul, 'SIX_MONTH'],
      [world.paMaet, 'SIX_MONTH'],
    ] as const) {
      const granted = await central(GRANT, {
        input: {
          roundId: roundId(kind),
          laoId: String(lao.id),
          until: '2023-12-01T00:00:00.000Z',
          reason: 'น้ำท่วม',
        },
      });
      expect(granted.errors).toBeUndefined();
    }

    const PAGE = `query($first: Int!, $after: String, $fiscalYear: Int) {
      roundExtensions(first: $first, after: $after, fiscalYear: $fiscalYear) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id lao { code } } } } }`;
    const all = (await central(PAGE, { first: 500 })).data!.roundExtensions;
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.totalCount).toBeGreaterThanOrEqual(4);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const allIds: string[] = all.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(allIds.map(Number)).toEqual([...allIds.map(Number)].sort((a, b) => b - a)); // newest first

    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < allIds.length + 1; page++) {
      const connection: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { cursor: string; node: { id: string } }[];
      } = (await central(PAGE, { first: 1, after })).data!.roundExtensions;
      expect(connection.totalCount).toBe(allIds.length);
      expect(connection.edges).toHaveLength(1);
      paged.push(connection.edges[0].node.id);
      expect(connection.pageInfo.endCursor).toBe(connection.edges[0].cursor);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(paged).toEqual(allIds);
    expect(new Set(paged).size).toBe(paged.length);

    // The province sees its own LAOs only, an LAO its own requests; filters narrow the count.
    const inPhitsanulok = (await provincial(PAGE, { first: 500 })).data!.roundExtensions;
    expect(inPhitsanulok.totalCount).toBe(allIds.length - 1);
    expect(
      inPhitsanulok.edges.map((edge: { node: { lao: { code: string } } }) => edge.node.lao.code),
    ).not.toContain(world.paMaet.code);
    const own = (await lao(PAGE, { first: 500 })).data!.roundExtensions;
    expect(
      own.edges.every(
        (edge: { node: { lao: { code: string } } }) => edge.node.lao.code === world.dintong.code,
      ),
    ).toBe(true);
    expect(own.totalCount).toBe(own.edges.length);
    expect((await central(PAGE, { first: 1, fiscalYear: 2567 })).data!.roundExtensions.totalCount).toBe(0);
    expect(errorCode(await central(PAGE, { first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await central(PAGE, { first: 501 }))).toBe('BAD_USER_INPUT');
  });

  it('reminds coordinators of LAOs with missing reports once per round, N days before it closes', async () => {
    clock.now = new Date('2024-04-25T03:00:00.000Z'); // 2567's 6-month round closes on 1 May 2024
    await server.dataSource.query(
      `UPDATE plan SET status = 'PASSED' WHERE lao_id = $1 AND fiscal_year = 2567`,
      [world.dintong.id],
    );
    const before = smtp.received.length;
    expect(await server.app.services.reminders.run()).toBe(1);
    expect(await server.app.services.reminders.run()).toBe(0);
    const mail = await smtp.waitFor('dintong@example.go.th', before);
    expect(mail.subject).toContain('รอบ 6 เดือน ปีงบประมาณ 2567');
    expect(mail.text).toContain('30 เมษายน 2567 เวลา 23:59 น.');
    clock.now = new Date('2024-04-10T03:00:00.000Z');
    await server.dataSource.query(`DELETE FROM round_reminder; DELETE FROM mail_sent`);
    expect(await server.app.services.reminders.run()).toBe(0); // too early: more than 7 days before
  });

  it('reminds an LAO with a granted extension against its own deadline, and not once nothing is missing', async () => {
    // 2567's 6-month round closes on 1 May 2024 (Bangkok); ดินทอง's plan of 2567 passed (test above).
    clock.now = new Date('2024-04-25T03:00:00.000Z');
    await server.dataSource.query(`DELETE FROM round_reminder; DELETE FROM mail_sent`);
    const rounds = (await central(`{ reportingRounds(fiscalYear: 2567) { id kind } }`)).data!.reportingRounds;
    const six = rounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH');
    const granted = await provincial(
      `mutation($input: GrantExtensionInput!) { grantRoundExtension(input: $input) { status until } }`,
      {
        input: {
          roundId: six.id,
          laoId: String(world.dintong.id),
          until: '2024-05-20T17:00:00.000Z', // the end of 20 May 2024 in Bangkok
          reason: 'น้ำท่วมสำนักงาน',
        },
      },
    );
    expect(granted.errors).toBeUndefined();
    // Six days before the round's deadline, but 25 before its own: not yet.
    expect(await server.app.services.reminders.run()).toBe(0);
    // Five days before its own deadline (the round itself closed for everyone else): reminded of that one.
    clock.now = new Date('2024-05-15T03:00:00.000Z');
    const before = smtp.received.length;
    expect(await server.app.services.reminders.run()).toBe(1);
    const mail = await smtp.waitFor('dintong@example.go.th', before);
    expect(mail.text).toContain('20 พฤษภาคม 2567 เวลา 23:59 น.');
    expect(mail.text).not.toContain('30 เมษายน 2567');
    // Once every counted project of the year is reported, nothing is missing: no reminder at all.
    const reported = await report(projects.both.id, { fiscalYear: 2567 });
    expect(reported.errors).toBeUndefined();
    await server.dataSource.query(`DELETE FROM round_reminder; DELETE FROM mail_sent`);
    expect(await server.app.services.reminders.run()).toBe(0);
  });

  it('shows the report table (both rounds of each project) in two statements, as each project alone answers', async () => {
    const REPORT = `id version status disbursed unableReason`;
    const TABLE = `query($laoId: ID!, $year: Int!) {
      projects(laoId: $laoId, fiscalYear: $year, first: 100) { edges { node { id
        six: report(fiscalYear: $year, round: SIX_MONTH) { ...Report }
        twelve: report(fiscalYear: $year, round: TWELVE_MONTH) { ...Report } } } } }
      fragment Report on Report { ${REPORT} }`;
    server.queries.count = 0;
    const table = await lao(TABLE, { laoId: String(world.dintong.id), year: 2566 });
    // The session (charging the budget) and the page, whose rows carry both rounds' reports.
    expect(server.queries.count).toBe(2);
    expect(table.errors).toBeUndefined();
    const nodes = table.data?.projects.edges.map((e: { node: { id: string } }) => e.node) as {
      id: string;
      six: { status: string } | null;
    }[];
    // Earlier tests reported some projects' six-month round; none has a twelve-month report.
    expect(nodes.filter((n) => n.six !== null).length).toBeGreaterThan(1);
    for (const node of nodes) {
      const alone = await lao(
        `query($id: ID!) { project(id: $id) { id
          six: report(fiscalYear: 2566, round: SIX_MONTH) { ${REPORT} }
          twelve: report(fiscalYear: 2566, round: TWELVE_MONTH) { ${REPORT} } } }`,
        { id: node.id },
      );
      expect(alone.data?.project).toEqual(node);
    }
    // A year no report can have is still the field's own answer: null, not an error of the page.
    const odd = await lao(
      `query($laoId: ID!) { projects(laoId: $laoId, first: 5) { edges { node { report(fiscalYear: 1, round: SIX_MONTH) { id } } } } }`,
      { laoId: String(world.dintong.id) },
    );
    expect(odd.errors).toBeUndefined();
    expect(odd.data?.projects.edges.every((e: { node: { report: unknown } }) => e.node.report === null)).toBe(
      true,
    );
  });
});
