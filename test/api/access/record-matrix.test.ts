import { randomUUID } from 'node:crypto';
import { Role } from '../../../server/auth/role';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createAccount,
  createCycle,
  createLaoAccount,
  createProvince,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../../helpers/graphql-client';
import { partnerClient, passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * Record × caller access matrix, over REAL records of dintong (province 65).
 * The role gate (access-matrix.test.ts) says who may call an operation at all;
 * this says who may reach dintong's records through it.
 */
type Caller =
  | 'owner'
  | 'otherLao'
  | 'provinceIn'
  | 'provinceOut'
  | 'central'
  | 'partner65'
  | 'partner54'
  | 'regionIn'
  | 'regionOut';
/**
 * regionIn: a regional office whose region holds province 65 (and 66); regionOut: one whose
 * region holds 54 only. Which provinces form a region is data (test/api/staff/regions.test.ts).
 */
const callers: Caller[] = [
  'owner',
  'otherLao',
  'provinceIn',
  'provinceOut',
  'central',
  'partner65',
  'partner54',
  'regionIn',
  'regionOut',
];
/**
 * allowed: no UNAUTHENTICATED/FORBIDDEN/NOT_FOUND (and, for a list, dintong's records are in it);
 * denied: one of those three codes;
 * empty: a list answered without error but without any of dintong's records (scoped away).
 */
type Outcome = 'allowed' | 'denied' | 'empty';
const denials = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];

type Ids = {
  laoId: string;
  /** The 6-month round of 2566. */
  roundId: string;
  /** A batch of extensions over dintong, granted and revoked already. */
  batchId: string;
  code: string;
  planId: string;
  projectId: string;
  reportedProjectId: string;
  /** Deleted, then restored already: the allowed callers are let through and told so. */
  restoredProjectId: string;
  /** A PDF attached to the reported project's report (documents cannot be published). */
  evidenceId: string;
};
type Row = {
  /** Expected outcome per caller, written out literally. */
  expected: Record<Caller, Outcome>;
  document: (ids: Ids) => string;
  /** For lists: how many of dintong's records the answer holds. */
  count?: (data: Record<string, unknown>, ids: Ids) => number;
  /**
   * For mutations: the code an allowed caller must get, proving the call passed the access
   * check and then stopped without changing dintong's data (null: it succeeds harmlessly).
   */
  allowedCode?: string | null;
};

// Shorthands for the recurring columns (still literal, one letter per caller in `callers` order).
// A regional office reaches what a provincial office of a province of its region reaches: a
// 7-letter spec gives regionIn provinceIn's letter and regionOut provinceOut's.
const row = (written: string): Record<Caller, Outcome> => {
  const letters: Record<string, Outcome> = { A: 'allowed', D: 'denied', E: 'empty' };
  const spec = written.length === 7 ? `${written}${written[2]}${written[3]}` : written;
  if (spec.length !== callers.length) throw new Error(`bad spec ${written}`);
  return Object.fromEntries(callers.map((caller, i) => [caller, letters[spec[i]]])) as Record<
    Caller,
    Outcome
  >;
};
//                  owner otherLao provIn provOut central p65 p54 (regionIn regionOut)
const readsLao = row('ADADAAD');
const listsOfLao = row('AEAEAAE');
const ownerOnly = row('ADDDDDD');
const naccInProvince = row('DDADADD');

const rowsOf = (key: string) => (data: Record<string, unknown>, ids: Ids) => {
  const edges = (
    (data[key] as { edges?: { node: { lao?: { id: string }; laoId?: string } }[] }).edges ?? []
  ).map((edge) => edge.node);
  return edges.filter((node) => (node.lao?.id ?? node.laoId) === ids.laoId).length;
};

const matrix: Record<string, Row> = {
  grantExtensionBatch: {
    // Reach is checked LAO by LAO first; the allowed are then told the date is before the round closes.
    expected: naccInProvince,
    allowedCode: 'BAD_USER_INPUT',
    document: (ids) =>
      `mutation { grantExtensionBatch(input: { roundId: "${ids.roundId}", scope: LAOS, laoCodes: ["${ids.code}"], until: "2000-01-01T00:00:00Z", reason: "x" }) { id } }`,
  },
  revokeExtensionBatch: {
    expected: naccInProvince,
    allowedCode: 'INVALID_STATE',
    document: (ids) =>
      `mutation { revokeExtensionBatch(input: { id: "${ids.batchId}", version: 999 }) { id } }`,
  },
  extensionBatches: {
    // NACC only (role gate); a batch shows to offices reaching every province it covers.
    expected: row('DDAEADD'),
    document: () => `{ extensionBatches { id } }`,
    count: (data, ids) =>
      (data.extensionBatches as { id: string }[]).filter((batch) => batch.id === ids.batchId).length,
  },
  'lao(id)': { expected: readsLao, document: (ids) => `{ lao(id: "${ids.laoId}") { id } }` },
  'lao(code)': { expected: readsLao, document: (ids) => `{ lao(code: "${ids.code}") { id } }` },
  plan: { expected: readsLao, document: (ids) => `{ plan(laoId: "${ids.laoId}", fiscalYear: 2566) { id } }` },
  project: { expected: readsLao, document: (ids) => `{ project(id: "${ids.projectId}") { id } }` },
  'projects(laoId)': {
    expected: listsOfLao,
    document: (ids) => `{ projects(laoId: "${ids.laoId}") { edges { node { id lao { id } } } } }`,
    count: rowsOf('projects'),
  },
  planHistory: {
    // Signed-in people only: partner keys fail the role gate.
    expected: row('ADADADD'),
    document: (ids) => `{ planHistory(laoId: "${ids.laoId}") { totalCount } }`,
  },
  laoSummary: {
    expected: readsLao,
    document: (ids) => `{ laoSummary(laoId: "${ids.laoId}", fiscalYear: 2566) { projectCount } }`,
  },
  planTableTotals: {
    expected: readsLao,
    document: (ids) => `{ planTableTotals(laoId: "${ids.laoId}", fiscalYear: 2566) { projectCount } }`,
  },
  'implementation(laoId)': {
    expected: readsLao,
    document: (ids) =>
      `{ implementation(laoId: "${ids.laoId}", fiscalYear: 2566, round: SIX_MONTH) { edges { node { lao { id } } } } }`,
    count: rowsOf('implementation'),
  },
  'reports(laoId)': {
    expected: listsOfLao,
    document: (ids) => `{ reports(laoId: "${ids.laoId}") { edges { node { id laoId } } } }`,
    count: rowsOf('reports'),
  },
  'laos(provinceId: 65)': {
    // NACC and partner keys only (an LAO fails the role gate).
    expected: row('DDAEAAE'),
    document: () => `{ laos(provinceId: "65", first: 100) { edges { node { id } } } }`,
    count: (data, ids) =>
      (data.laos as { edges: { node: { id: string } }[] }).edges.filter((edge) => edge.node.id === ids.laoId)
        .length,
  },
  'plans(provinceId: 65)': {
    expected: row('DDAEAAE'),
    document: () => `{ plans(provinceId: "65", first: 100) { edges { node { id lao { id } } } } }`,
    count: rowsOf('plans'),
  },
  updateProject: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { updateProject(input: { id: "${ids.projectId}", version: 999, name: "x", workType: PROJECT, fiscalYears: [2566], quarters: [1], primaryDimension: SOCIETY, essence: "x", antiCorruptionBudget: "0", localDevelopmentBudget: "0", targetGroups: [PUBLIC], objectives: "x" }) { id } }`,
  },
  deleteProject: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) => `mutation { deleteProject(id: "${ids.projectId}", version: 999) }`,
  },
  withdrawProject: {
    // Still pending: the owner is let through and told only approved projects are withdrawn.
    expected: ownerOnly,
    allowedCode: 'INVALID_STATE',
    document: (ids) =>
      `mutation { withdrawProject(input: { projectId: "${ids.projectId}", version: 999, reason: "x" }) { id } }`,
  },
  restoreProject: {
    // The LAO itself or NACC in reach; partner keys fail the role gate.
    expected: row('ADADADD'),
    allowedCode: 'INVALID_STATE',
    document: (ids) => `mutation { restoreProject(projectId: "${ids.restoredProjectId}") { id } }`,
  },
  submitPlan: {
    // The 2566 plan has passed: the owner is let through and told it cannot be submitted again.
    expected: ownerOnly,
    allowedCode: 'INVALID_STATE',
    document: (ids) => `mutation { submitPlan(planId: "${ids.planId}", version: 999) { id } }`,
  },
  assessPlan: {
    // A stale version is refused before anything else (the plan changed since the screen was opened).
    expected: naccInProvince,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { assessPlan(input: { planId: "${ids.planId}", version: 999, verdict: INCOMPLETE, scoreSociety: "1", scoreAdministration: "1", scoreParticipation: "1", scoreOversight: "1" }) { id } }`,
  },
  selfAssessPlan: {
    // The 2566 plan has passed: the owner is let through and told its self-assessment is final.
    expected: ownerOnly,
    allowedCode: 'INVALID_STATE',
    document: (ids) =>
      `mutation { selfAssessPlan(input: { planId: "${ids.planId}", scoreSociety: "1", scoreAdministration: "1", scoreParticipation: "1", scoreOversight: "1" }) { id } }`,
  },
  setItaScore: {
    // NACC central alone records ITA scores (legacy scoreita_p, the provincial score, was never used).
    expected: row('DDDDADD'),
    allowedCode: null,
    document: (ids) =>
      `mutation { setItaScore(input: { laoId: "${ids.laoId}", fiscalYear: 2566, score: "81.25" }) { score } }`,
  },
  reviewProjects: {
    expected: naccInProvince,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { reviewProjects(input: { projects: [{ id: "${ids.projectId}", version: 999 }], decision: REJECTED, reason: "x" }) { id } }`,
  },
  submitReport: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { submitReport(input: { projectId: "${ids.reportedProjectId}", fiscalYear: 2566, round: SIX_MONTH, expectedVersion: 999, inOrdinance: true, ordinanceBudget: "1", disbursed: "1", status: COMPLETED, idempotencyKey: "${randomUUID()}" }) { id } }`,
  },
  updateLaoLocation: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { updateLaoLocation(input: { laoId: "${ids.laoId}", version: 999, size: LARGE, address: "x" }) { id } }`,
  },
  updateLaoArea: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { updateLaoArea(input: { laoId: "${ids.laoId}", version: 999, areaKm2: "1", population: 1, revenueExcludingSubsidies: "1", revenueFromSubsidies: "1", chiefExecutiveName: "x", permanentSecretaryName: "x" }) { id } }`,
  },
  updateLaoCoordinator: {
    expected: ownerOnly,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { updateLaoCoordinator(input: { laoId: "${ids.laoId}", version: 999, fullName: "x", position: "x", unit: "x", mobile: "0812345678", email: "a@b.co" }) { id } }`,
  },
  revokeActivationCodes: {
    expected: naccInProvince,
    allowedCode: null,
    document: (ids) => `mutation { revokeActivationCodes(laoId: "${ids.laoId}") }`,
  },
  issueActivationCode: {
    // Issuing succeeds (dintong's account keeps its password; a new unused code is harmless).
    expected: naccInProvince,
    allowedCode: null,
    document: (ids) => `mutation { issueActivationCode(laoId: "${ids.laoId}") { code } }`,
  },
  siteVisit: {
    // The LAO itself and NACC in reach; partner keys fail the role gate.
    expected: row('ADADADD'),
    document: (ids) => `{ siteVisit(laoId: "${ids.laoId}", fiscalYear: 2566) { id } }`,
  },
  'siteVisits(2566)': {
    expected: row('DDAEADD'),
    document: () => `{ siteVisits(fiscalYear: 2566, first: 100) { edges { node { lao { id } } } } }`,
    count: rowsOf('siteVisits'),
  },
  saveSiteVisit: {
    // A stale version: NACC in reach passes the access check and is told to reload.
    expected: naccInProvince,
    allowedCode: 'CONFLICT',
    document: (ids) =>
      `mutation { saveSiteVisit(input: { laoId: "${ids.laoId}", fiscalYear: 2566, expectedVersion: 999, status: PLANNED, plannedOn: "2023-06-01" }) { id } }`,
  },
  setReportEvidencePublic: {
    // A document: the LAO passes the access check and is told only photos can be public.
    expected: ownerOnly,
    allowedCode: 'EVIDENCE_NOT_PUBLISHABLE',
    document: (ids) => `mutation { setReportEvidencePublic(id: "${ids.evidenceId}", isPublic: true) { id } }`,
  },
  problemReport: {
    expected: row('ADADADD'),
    document: (ids) => `{ problemReport(laoId: "${ids.laoId}", fiscalYear: 2566, round: SIX_MONTH) { id } }`,
  },
  'problemReports(2566)': {
    expected: row('DDAEADD'),
    document: () =>
      `{ problemReports(fiscalYear: 2566, round: SIX_MONTH, first: 100) { edges { node { lao { id } } } } }`,
    count: rowsOf('problemReports'),
  },
  fileProblemReport: {
    // It takes no LAO id: every LAO files its own only. The other LAO gets through to its own
    // (stale version: CONFLICT), never to dintong's, which the last test finds unchanged.
    expected: row('AADDDDD'),
    allowedCode: 'CONFLICT',
    document: () =>
      `mutation { fileProblemReport(input: { fiscalYear: 2566, round: SIX_MONTH, problems: "x", expectedVersion: 999 }) { id } }`,
  },
  'issueActivationCodesForProvince(65)': {
    expected: naccInProvince,
    allowedCode: null,
    document: () => `mutation { issueActivationCodesForProvince(input: { provinceId: "65" }) { code } }`,
  },
};

const outcomeOf = (response: GraphQLResponse, entry: Row, ids: Ids): Outcome => {
  const code = errorCode(response);
  if (code !== null && denials.includes(code)) return 'denied';
  // A read that fails for another reason (e.g. a document that does not validate) is no outcome at all.
  if (code !== null && entry.allowedCode === undefined) return `error ${code}` as Outcome;
  if (entry.count)
    return entry.count(response.data as Record<string, unknown>, ids) > 0 ? 'allowed' : 'empty';
  return 'allowed';
};

describe('record × caller access matrix over dintong’s real records', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  const clients = {} as Record<Caller, GraphQLClient>;
  const ids = {} as Ids;
  const observed: Record<string, Record<Caller, Outcome>> = {};

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    for (const { id } of [world.dintong, world.paMaet]) {
      await server.dataSource.getRepository(Lao).update(id, completeProfile);
    }
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
    const phrae = await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    clients.owner = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    clients.otherLao = await signIn(server, world.paMaet.code, 'PaMaet-Pass-2565');
    clients.provinceIn = await signIn(server, world.provincial.username, world.provincial.password);
    clients.provinceOut = await signIn(server, phrae.username, phrae.password);
    clients.central = await signIn(server, world.central.username, world.central.password);
    await createProvince(server.dataSource, { id: 66, nameTh: 'พิจิตร', nameEn: 'Phichit' });
    await server.dataSource.query(`UPDATE province SET region_id = 6 WHERE id IN (65, 66)`);
    await server.dataSource.query(`UPDATE province SET region_id = 5 WHERE id = 54`);
    for (const [caller, regionId] of [
      ['regionIn', 6],
      ['regionOut', 5],
    ] as const) {
      const office = await createAccount(server.dataSource, {
        username: `nacc.region${regionId}`,
        role: Role.NACC_REGION,
        regionId,
      });
      clients[caller] = await signIn(server, office.username, office.password);
    }
    const scopes = ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'];
    clients.partner65 = (
      await partnerClient(server, clients.central, { scopes, provinceIds: ['65'] })
    ).client;
    clients.partner54 = (
      await partnerClient(server, clients.central, { scopes, provinceIds: ['54'] })
    ).client;

    const lao = clients.owner;
    const create = async (name: string) => {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
        { input: projectFields({ name }) },
      );
      expect(created.errors).toBeUndefined();
      return created.data!.createProject as { id: string; version: number };
    };
    const project = await create('โครงการ ก');
    const reported = await create('โครงการ ข');
    const restored = await create('โครงการ ค');
    expect(
      (await lao(`mutation { deleteProject(id: "${restored.id}", version: 1) }`)).errors,
    ).toBeUndefined();
    expect(
      (await lao(`mutation { restoreProject(projectId: "${restored.id}") { id } }`)).errors,
    ).toBeUndefined();
    const plan = await passPlan(lao, clients.provinceIn, world.dintong.id);
    const report = await lao(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`, {
      input: {
        projectId: reported.id,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '20000',
        disbursed: '15000.50',
        status: 'COMPLETED',
        idempotencyKey: randomUUID(),
      },
    });
    expect(report.errors).toBeUndefined();
    const evidence = await fetch(`${server.url}/files/reports/${report.data!.submitReport.id}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lao.token}`, 'x-file-name': 'evidence.pdf' },
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(evidence.status).toBe(201);
    const evidenceId = ((await evidence.json()) as { id: string }).id;
    const visit = await clients.provinceIn(
      `mutation { saveSiteVisit(input: { laoId: "${world.dintong.id}", fiscalYear: 2566, status: PLANNED, plannedOn: "2023-06-01" }) { id } }`,
    );
    expect(visit.errors).toBeUndefined();
    const problems = await lao(
      `mutation { fileProblemReport(input: { fiscalYear: 2566, round: SIX_MONTH, problems: "งบประมาณไม่พอ" }) { id } }`,
    );
    expect(problems.errors).toBeUndefined();
    const rounds = await clients.central(`{ reportingRounds(fiscalYear: 2566) { id kind } }`);
    const roundId = rounds.data!.reportingRounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH').id;
    const batch = await clients.central(
      `mutation($input: GrantExtensionBatchInput!) { grantExtensionBatch(input: $input) { id version } }`,
      {
        input: {
          roundId,
          scope: 'LAOS',
          laoCodes: [world.dintong.code],
          until: '2023-06-01T00:00:00Z',
          reason: 'น้ำท่วม',
        },
      },
    );
    expect(batch.errors).toBeUndefined();
    const revoked = await clients.central(
      `mutation($input: RevokeExtensionBatchInput!) { revokeExtensionBatch(input: $input) { revokedAt } }`,
      { input: batch.data!.grantExtensionBatch },
    );
    expect(revoked.errors).toBeUndefined();
    Object.assign(ids, {
      roundId,
      batchId: batch.data!.grantExtensionBatch.id,
      laoId: String(world.dintong.id),
      code: world.dintong.code,
      planId: String(plan.id),
      projectId: String(project.id),
      reportedProjectId: String(reported.id),
      restoredProjectId: String(restored.id),
      evidenceId,
    });
  });
  afterAll(() => server.stop());

  it.each(Object.keys(matrix))(
    '%s: reaches dintong’s record exactly for the expected callers',
    async (name) => {
      const entry = matrix[name];
      const outcome = {} as Record<Caller, Outcome>;
      const codes = {} as Record<Caller, string | null>;
      for (const caller of callers) {
        const response = await clients[caller](entry.document(ids));
        outcome[caller] = outcomeOf(response, entry, ids);
        codes[caller] = errorCode(response);
      }
      observed[name] = outcome;
      expect({ name, outcome }).toEqual({ name, outcome: entry.expected });
      if (entry.allowedCode !== undefined) {
        for (const caller of callers.filter((c) => entry.expected[c] === 'allowed')) {
          expect({ caller, code: codes[caller] }).toEqual({ caller, code: entry.allowedCode });
        }
      }
    },
  );

  it('is not a tautology: every row separates callers, and a wrong table would fail', () => {
    for (const [name, entry] of Object.entries(matrix)) {
      const values = new Set(Object.values(entry.expected));
      expect({ name, allowed: values.has('allowed'), refused: values.size > 1 }).toEqual({
        name,
        allowed: true,
        refused: true,
      });
    }
    // What was observed is the literal table, and differs from the table with one cell flipped.
    expect(observed['lao(id)']).toEqual(row('ADADAAD'));
    expect(observed['lao(id)']).not.toEqual({ ...matrix['lao(id)'].expected, partner54: 'allowed' });
    expect(observed['projects(laoId)']).not.toEqual({
      ...matrix['projects(laoId)'].expected,
      otherLao: 'allowed',
    });
    expect(observed.updateProject).not.toEqual({ ...matrix.updateProject.expected, provinceIn: 'allowed' });
  });

  it('left dintong’s records unchanged', async () => {
    const project = await clients.owner(`{ project(id: "${ids.projectId}") { version name reviewStatus } }`);
    expect(project.data?.project).toEqual({ version: 1, name: 'โครงการ ก', reviewStatus: 'PENDING' });
    const plan = await clients.owner(`{ plan(laoId: "${ids.laoId}", fiscalYear: 2566) { status } }`);
    expect(plan.data?.plan).toEqual({ status: 'PASSED' });
    const problems = await clients.owner(
      `{ problemReport(laoId: "${ids.laoId}", fiscalYear: 2566, round: SIX_MONTH) { problems version } }`,
    );
    expect(problems.data?.problemReport).toEqual({ problems: 'งบประมาณไม่พอ', version: 1 });
    const visit = await clients.owner(
      `{ siteVisit(laoId: "${ids.laoId}", fiscalYear: 2566) { status version } }`,
    );
    expect(visit.data?.siteVisit).toEqual({ status: 'PLANNED', version: 1 });
  });
});
