import { Role } from '../../../server/auth/role';
import {
  createAccount,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const SET = `{ scoreSociety scoreAdministration scoreParticipation scoreOversight totalScore level }`;
const PLAN = `query($laoId: ID!, $year: Int!) { plan(laoId: $laoId, fiscalYear: $year) {
  id version status viewerCan { selfAssess assess }
  scores { self ${SET} provincial ${SET} central ${SET} effective ${SET} passMark verdictByPassMark }
  latestAssessment { level verdict computedVerdict passMark overrideReason overridden totalScore }
} }`;
const SELF = `mutation($input: SelfAssessPlanInput!) { selfAssessPlan(input: $input) { id totalScore } }`;
const ASSESS = `mutation($input: AssessPlanInput!) { assessPlan(input: $input) { level verdict computedVerdict passMark overrideReason overridden totalScore } }`;
const MARK = `mutation($input: SetPassMarkInput!) { setAssessmentPassMark(input: $input) { fiscalYear score version } }`;
const scores = (a: string, b: string, c: string, d: string) => ({
  scoreSociety: a,
  scoreAdministration: b,
  scoreParticipation: c,
  scoreOversight: d,
});
const field = (response: GraphQLResponse) => response.errors?.[0].extensions?.fields?.[0];

describe('assessment scores: self-assessment (L), provincial (P), central (M), pass mark, override', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let otherLao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  const plan = async (client: GraphQLClient, year = 2566) => {
    const response = await client(PLAN, { laoId: String(world.dintong.id), year });
    expect(response.errors).toBeUndefined();
    return response.data?.plan;
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.paMaet.code, 'PaMaet-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    for (const year of [2566, 2567]) {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
        {
          input: projectFields({ fiscalYears: [year] }),
        },
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(() => server.stop());

  it('lets the LAO enter and revise its self-assessment; it is the effective score until NACC scores', async () => {
    const draft = await plan(lao);
    expect(draft.viewerCan).toEqual({ selfAssess: true, assess: false });
    expect(draft.scores).toEqual({
      self: null,
      provincial: null,
      central: null,
      effective: null,
      passMark: null,
      verdictByPassMark: null,
    });
    const first = await lao(SELF, { input: { planId: draft.id, ...scores('20', '20', '20', '20') } });
    expect(first.data?.selfAssessPlan.totalScore).toBe('80.00');
    const revised = await lao(SELF, { input: { planId: draft.id, ...scores('22.5', '24.05', '20', '18') } });
    expect(revised.data?.selfAssessPlan.totalScore).toBe('84.55');
    const after = await plan(lao);
    expect(after.scores.self).toEqual({
      ...scores('22.50', '24.05', '20.00', '18.00'),
      totalScore: '84.55',
      level: 'SELF',
    });
    expect(after.scores.effective).toEqual(after.scores.self);
    // Entering scores does not change the plan's version (the LAO still submits the plan it saw).
    expect(after.version).toBe(draft.version);

    // The history keeps both, who and when.
    const history = await lao(
      `query($laoId: ID!) { planHistory(laoId: $laoId) { edges { node { entityType action actorName before after } } } }`,
      { laoId: String(world.dintong.id) },
    );
    const events = history.data?.planHistory.edges
      .map((edge: { node: { entityType: string } }) => edge.node)
      .filter((node: { entityType: string }) => node.entityType === 'SELF_ASSESSMENT');
    expect(events.map((e: { action: string }) => e.action)).toEqual(['UPDATE', 'CREATE']);
    expect(events[0].before).toMatchObject({ totalScore: '80.00' });
    expect(events[0].after).toMatchObject({ totalScore: '84.55' });
  });

  it('refuses self-assessment scores off the scale, another LAO, and NACC', async () => {
    const current = await plan(lao);
    for (const bad of ['25.01', '26', '-1', '1.234']) {
      const response = await lao(SELF, { input: { planId: current.id, ...scores(bad, '1', '1', '1') } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(field(response)).toMatchObject({
        field: 'scoreSociety',
        message: 'คะแนนต้องอยู่ระหว่าง 0 ถึง 25 ทศนิยมไม่เกิน 2 ตำแหน่ง',
      });
    }
    const input = { planId: current.id, ...scores('1', '1', '1', '1') };
    const other = await otherLao(SELF, { input });
    expect(errorCode(other)).toBe('NOT_FOUND');
    expect(other.errors?.[0].message).toBe('ไม่พบแผนที่ต้องการ');
    expect(errorCode(await central(SELF, { input }))).toBe('FORBIDDEN');
  });

  it('lets NACC central alone set the pass mark of a year, 0–100, refusing a stale edit', async () => {
    expect(errorCode(await provincial(MARK, { input: { fiscalYear: 2566, score: '60' } }))).toBe('FORBIDDEN');
    for (const bad of ['100.01', '101', '-5', '60.123']) {
      const response = await central(MARK, { input: { fiscalYear: 2566, score: bad } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(field(response)).toMatchObject({
        field: 'score',
        message: 'เกณฑ์คะแนนผ่านต้องอยู่ระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง',
      });
    }
    const set = await central(MARK, { input: { fiscalYear: 2566, score: '65' } });
    expect(set.data?.setAssessmentPassMark).toEqual({ fiscalYear: 2566, score: '65.00', version: 1 });
    // Changing it without saying which version was seen is the same as a fresh edit.
    expect(
      (await central(MARK, { input: { fiscalYear: 2566, score: '50' } })).data?.setAssessmentPassMark,
    ).toEqual({
      fiscalYear: 2566,
      score: '50.00',
      version: 2,
    });
    const changed = await central(MARK, { input: { fiscalYear: 2566, score: '70', version: 2 } });
    expect(changed.data?.setAssessmentPassMark).toEqual({ fiscalYear: 2566, score: '70.00', version: 3 });
    expect(errorCode(await central(MARK, { input: { fiscalYear: 2566, score: '60', version: 1 } }))).toBe(
      'CONFLICT',
    );
    expect(
      (await server.anonymous(`{ assessmentPassMarks { fiscalYear score } }`)).data?.assessmentPassMarks,
    ).toEqual([{ fiscalYear: 2566, score: '70.00' }]);
    // Every change is kept: who, when, before and after (the audit log has the calls too).
    const changes = await server.dataSource.query(
      `SELECT action, actor_name, before->>'score' AS before, after->>'score' AS after
         FROM change_event WHERE entity_type = 'PASS_MARK' AND entity_id = '2566' ORDER BY id`,
    );
    expect(changes).toEqual([
      { action: 'CREATE', actor_name: 'บัญชีทดสอบ', before: null, after: '65.00' },
      { action: 'UPDATE', actor_name: 'บัญชีทดสอบ', before: '65.00', after: '50.00' },
      { action: 'UPDATE', actor_name: 'บัญชีทดสอบ', before: '50.00', after: '70.00' },
    ]);
    // The self-assessment (84.55) now reaches the mark, indicatively: the plan is not assessed yet.
    const current = await plan(lao);
    expect(current.scores).toMatchObject({ passMark: '70.00', verdictByPassMark: 'PASSED' });
    expect(current.status).toBe('DRAFT');
  });

  it('a provincial office’s assessment (P) follows the pass mark when no verdict is chosen', async () => {
    let current = await plan(lao);
    const submitted = await lao(
      `mutation($id: ID!, $v: Int!) { submitPlan(planId: $id, version: $v) { version } }`,
      {
        id: current.id,
        v: current.version,
      },
    );
    expect(submitted.errors).toBeUndefined();
    current = await plan(provincial);
    expect(current.viewerCan).toEqual({ selfAssess: false, assess: true });
    const assessed = await provincial(ASSESS, {
      input: { planId: current.id, version: current.version, ...scores('20', '20', '20', '12') },
    });
    expect(assessed.data?.assessPlan).toEqual({
      level: 'PROVINCIAL',
      verdict: 'PASSED',
      computedVerdict: 'PASSED',
      passMark: '70.00',
      overrideReason: null,
      overridden: false,
      totalScore: '72.00',
    });
    current = await plan(lao);
    expect(current.status).toBe('PASSED');
    expect(current.scores.provincial).toMatchObject({ totalScore: '72.00', level: 'PROVINCIAL' });
    expect(current.scores.effective).toEqual(current.scores.provincial);
    // A provincial office cannot assess again; NACC central may (M overrides P).
    expect((await plan(provincial)).viewerCan.assess).toBe(false);
    expect((await plan(central)).viewerCan.assess).toBe(true);
    const again = await provincial(ASSESS, {
      input: { planId: current.id, version: current.version, ...scores('1', '1', '1', '1') },
    });
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(again.errors?.[0].message).toBe('ประเมินได้เฉพาะแผนที่ อปท. ส่งแล้วและยังไม่ได้ประเมิน');
    // The LAO's self-assessment of a passed plan is final.
    const late = await lao(SELF, { input: { planId: current.id, ...scores('1', '1', '1', '1') } });
    expect(errorCode(late)).toBe('INVALID_STATE');
    expect(late.errors?.[0].message).toBe('แผนนี้ผ่านการประเมินแล้ว จึงแก้ไขคะแนนประเมินตนเองไม่ได้');
  });

  it('central’s score (M) becomes the effective one; overriding the pass mark needs a reason, kept and shown', async () => {
    let current = await plan(central);
    const input = { planId: current.id, version: current.version, ...scores('15', '15', '15', '10') };
    const noReason = await central(ASSESS, { input: { ...input, verdict: 'PASSED' } });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(field(noReason)).toEqual({
      field: 'overrideReason',
      constraints: ['overrideReasonRequired'],
      message:
        'คะแนนรวม 55.00 เทียบกับเกณฑ์ 70.00 ได้ผล "ไม่ผ่านเกณฑ์ (ไม่สมบูรณ์)" หากต้องการให้ผลเป็น "ผ่านเกณฑ์" กรุณาระบุเหตุผลที่ปรับผล',
    });
    const overridden = await central(ASSESS, {
      input: { ...input, verdict: 'PASSED', overrideReason: 'มิติที่ 4 มีมาตรการตามกฎหมายครบแล้ว' },
    });
    expect(overridden.data?.assessPlan).toEqual({
      level: 'CENTRAL',
      verdict: 'PASSED',
      computedVerdict: 'INCOMPLETE',
      passMark: '70.00',
      overrideReason: 'มิติที่ 4 มีมาตรการตามกฎหมายครบแล้ว',
      overridden: true,
      totalScore: '55.00',
    });
    // The LAO sees all three and the outcome, as does the public.
    current = await plan(lao);
    expect(current.status).toBe('PASSED');
    expect(current.scores).toMatchObject({
      self: { totalScore: '84.55' },
      provincial: { totalScore: '72.00' },
      central: { totalScore: '55.00', level: 'CENTRAL' },
      effective: { totalScore: '55.00', level: 'CENTRAL' },
      passMark: '70.00',
      verdictByPassMark: 'INCOMPLETE',
    });
    expect(current.latestAssessment).toMatchObject({
      overridden: true,
      overrideReason: 'มิติที่ 4 มีมาตรการตามกฎหมายครบแล้ว',
    });
    const open = await server.anonymous(
      `query($laoId: ID!) { publicPlan(laoId: $laoId, fiscalYear: 2566) { scores { central { totalScore } effective { level } } latestAssessment { overrideReason } } }`,
      { laoId: String(world.dintong.id) },
    );
    expect(open.data?.publicPlan).toEqual({
      scores: { central: { totalScore: '55.00' }, effective: { level: 'CENTRAL' } },
      latestAssessment: { overrideReason: 'มิติที่ 4 มีมาตรการตามกฎหมายครบแล้ว' },
    });
  });

  it('a fail by the pass mark makes the plan incomplete; without a mark the assessor must choose', async () => {
    let current = await plan(lao, 2567);
    await lao(`mutation($id: ID!, $v: Int!) { submitPlan(planId: $id, version: $v) { version } }`, {
      id: current.id,
      v: current.version,
    });
    current = await plan(central, 2567);
    const input = { planId: current.id, version: current.version, ...scores('10', '10', '10', '10') };
    const noMark = await central(ASSESS, { input });
    expect(errorCode(noMark)).toBe('BAD_USER_INPUT');
    expect(field(noMark)).toMatchObject({
      field: 'verdict',
      message: 'ยังไม่ได้กำหนดเกณฑ์คะแนนผ่านของปีงบประมาณ 2567 กรุณาเลือกผลการประเมิน',
    });
    await central(MARK, { input: { fiscalYear: 2567, score: '50' } });
    const failed = await central(ASSESS, { input });
    expect(failed.data?.assessPlan).toMatchObject({
      verdict: 'INCOMPLETE',
      computedVerdict: 'INCOMPLETE',
      overridden: false,
    });
    current = await plan(lao, 2567);
    expect(current.status).toBe('INCOMPLETE');
    // Revising an incomplete plan, the LAO may revise its self-assessment too.
    expect(current.viewerCan.selfAssess).toBe(true);
    // After resubmission NACC's earlier scores no longer count: the self-assessment is effective again.
    await lao(SELF, { input: { planId: current.id, ...scores('15', '15', '15', '15') } });
    await lao(`mutation($id: ID!, $v: Int!) { submitPlan(planId: $id, version: $v) { version } }`, {
      id: current.id,
      v: current.version,
    });
    current = await plan(lao, 2567);
    expect(current.scores).toMatchObject({
      central: null,
      effective: { level: 'SELF', totalScore: '60.00' },
      verdictByPassMark: 'PASSED',
    });
    // A provincial office out of the province reaches nothing.
    await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: world.phrae.id,
    });
    const phrae = await signIn(server, 'nacc.phrae', 'Correct-Horse-2565');
    expect(
      errorCode(
        await phrae(ASSESS, {
          input: { planId: current.id, version: current.version, ...scores('1', '1', '1', '1') },
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
