import { Client } from 'pg';
import { Role } from '../../../server/auth/role';
import {
  createAccount,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const PLAN = `query($laoId: ID!, $year: Int!) { plan(laoId: $laoId, fiscalYear: $year) {
  id version status submittedAt projectCount cycle { startYear endYear } viewerCan { recordProjects submit assess }
  latestAssessment { verdict totalScore scoreSociety comments assessorName } assessments { id verdict }
} }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitPlan(planId: $id, version: $version) { id version status submittedAt } }`;
const ASSESS = `mutation($input: AssessPlanInput!) { assessPlan(input: $input) { verdict totalScore scoreOversight comments assessedAt } }`;
const scores = {
  scoreSociety: '22.5',
  scoreAdministration: '24',
  scoreParticipation: '20.25',
  scoreOversight: '21',
};

describe('plans: submit, assess, resubmit; plan cycles', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  const plan = async (client: GraphQLClient, year = 2566) =>
    (await client(PLAN, { laoId: String(world.dintong.id), year })).data?.plan;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
  });
  afterAll(() => server.stop());

  it('has no plan for a year without projects', async () => {
    expect(await plan(lao, 2569)).toBeNull();
  });

  it('refuses to submit a plan whose projects were all rejected', async () => {
    const created = await lao(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
      {
        input: projectFields({ fiscalYears: [2570] }),
      },
    );
    const { id, version } = created.data!.createProject;
    await central(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
      input: { projects: [{ id, version }], decision: 'REJECTED', reason: 'ไม่สอดคล้อง' },
    });
    const draft = await plan(lao, 2570);
    const response = await lao(SUBMIT, { id: draft.id, version: draft.version });
    expect(errorCode(response)).toBe('INVALID_STATE');
    expect(response.errors?.[0].message).toContain('2570');
  });

  it('goes draft → submitted → incomplete → resubmitted → passed, keeping every assessment', async () => {
    await lao(`mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`, {
      input: projectFields(),
    });
    let current = await plan(lao);
    expect(current).toMatchObject({
      status: 'DRAFT',
      projectCount: 1,
      viewerCan: { recordProjects: true, submit: true, assess: false },
    });
    expect(current.cycle).toEqual({ startYear: 2566, endYear: 2570 });

    // NACC cannot assess a draft.
    const early = await provincial(ASSESS, {
      input: { planId: current.id, version: current.version, verdict: 'PASSED', ...scores },
    });
    expect(errorCode(early)).toBe('INVALID_STATE');

    const submitted = await lao(SUBMIT, { id: current.id, version: current.version });
    expect(submitted.data?.submitPlan).toMatchObject({ status: 'SUBMITTED' });
    expect(
      errorCode(await lao(SUBMIT, { id: current.id, version: submitted.data?.submitPlan.version })),
    ).toBe('INVALID_STATE');

    current = await plan(provincial);
    expect(current.viewerCan).toEqual({ recordProjects: false, submit: false, assess: true });
    const stale = await provincial(ASSESS, {
      input: { planId: current.id, version: current.version - 1, verdict: 'PASSED', ...scores },
    });
    expect(errorCode(stale)).toBe('CONFLICT');
    const incomplete = await provincial(ASSESS, {
      input: {
        planId: current.id,
        version: current.version,
        verdict: 'INCOMPLETE',
        ...scores,
        scoreOversight: '5',
        comments: 'มิติที่ 4 ยังไม่ครบ',
      },
    });
    expect(incomplete.data?.assessPlan).toMatchObject({
      verdict: 'INCOMPLETE',
      totalScore: '71.75',
      comments: 'มิติที่ 4 ยังไม่ครบ',
    });

    current = await plan(lao);
    expect(current).toMatchObject({ status: 'INCOMPLETE', viewerCan: { submit: true } });
    await lao(SUBMIT, { id: current.id, version: current.version });
    current = await plan(central);
    const passed = await central(ASSESS, {
      input: { planId: current.id, version: current.version, verdict: 'PASSED', ...scores },
    });
    expect(passed.data?.assessPlan).toMatchObject({
      verdict: 'PASSED',
      totalScore: '87.75',
      scoreOversight: '21.00',
    });

    current = await plan(lao);
    expect(current.status).toBe('PASSED');
    expect(current.assessments.map((a: { verdict: string }) => a.verdict)).toEqual(['PASSED', 'INCOMPLETE']);
    expect(current.latestAssessment).toMatchObject({ scoreSociety: '22.50', assessorName: 'บัญชีทดสอบ' });
  });

  it('refuses scores outside 0–25 per dimension, and a provincial office outside its province', async () => {
    const current = await plan(central);
    // The scale is 25 points per dimension, 100 in total, and the API says so.
    expect((await central(`{ assessmentScale { dimensionMax totalMax } }`)).data).toEqual({
      assessmentScale: { dimensionMax: 25, totalMax: 100 },
    });
    for (const score of ['100.5', '25.01', '26', '-1', '1.234']) {
      const bad = await central(ASSESS, {
        input: {
          planId: current.id,
          version: current.version,
          verdict: 'PASSED',
          ...scores,
          scoreSociety: score,
        },
      });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].extensions?.fields?.[0]).toMatchObject({
        field: 'scoreSociety',
        message: 'คะแนนต้องอยู่ระหว่าง 0 ถึง 25 ทศนิยมไม่เกิน 2 ตำแหน่ง',
      });
    }
    // Nor can anything write past the scale into the table.
    const direct = new Client({ connectionString: server.databaseUrl });
    await direct.connect();
    await expect(
      direct.query(`UPDATE assessment SET score_society = 26 WHERE plan_id = $1`, [current.id]),
    ).rejects.toThrow(/assessment_scores/);
    await direct.end();
    await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: world.phrae.id,
    });
    const phrae = await signIn(server, 'nacc.phrae', 'Correct-Horse-2565');
    const outside = await phrae(ASSESS, {
      input: { planId: current.id, version: current.version, verdict: 'PASSED', ...scores },
    });
    expect(errorCode(outside)).toBe('NOT_FOUND');
    expect(errorCode(await phrae(PLAN, { laoId: String(world.dintong.id), year: 2566 }))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await lao(ASSESS, {
          input: { planId: current.id, version: current.version, verdict: 'PASSED', ...scores },
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lets NACC central create and extend plan cycles, refusing overlaps and shrinking below used years', async () => {
    const CREATE = `mutation($input: CreatePlanCycleInput!) { createPlanCycle(input: $input) { id version startYear endYear } }`;
    const UPDATE = `mutation($input: UpdatePlanCycleInput!) { updatePlanCycle(input: $input) { id version startYear endYear } }`;
    const old = await central(CREATE, { input: { nameTh: 'ระยะที่ 3', startYear: 2561, endYear: 2564 } });
    expect(old.errors).toBeUndefined();
    const cycle = old.data?.createPlanCycle;
    const overlap = await central(CREATE, { input: { nameTh: 'ซ้อน', startYear: 2558, endYear: 2562 } });
    expect(errorCode(overlap)).toBe('BAD_USER_INPUT');
    expect(overlap.errors?.[0].extensions?.fields?.[0].message).toContain('ระยะที่ 3');
    const extended = await central(UPDATE, {
      input: {
        id: cycle.id,
        version: cycle.version,
        nameTh: 'ระยะที่ 3 (ขยายถึง 2565)',
        startYear: 2561,
        endYear: 2565,
      },
    });
    expect(extended.data?.updatePlanCycle).toMatchObject({ endYear: 2565 });
    const cycles = await lao(`{ planCycles { startYear endYear } }`);
    expect(cycles.data?.planCycles).toEqual([
      { startYear: 2566, endYear: 2570 },
      { startYear: 2561, endYear: 2565 },
    ]);
    const current = (await central(`{ planCycles { id version startYear } }`)).data?.planCycles[0];
    const shrink = await central(UPDATE, {
      input: { id: current.id, version: current.version, nameTh: 'สั้นลง', startYear: 2566, endYear: 2567 },
    });
    expect(errorCode(shrink)).toBe('INVALID_STATE');
    expect(
      errorCode(await provincial(CREATE, { input: { nameTh: 'x', startYear: 2571, endYear: 2575 } })),
    ).toBe('FORBIDDEN');
  });
});
