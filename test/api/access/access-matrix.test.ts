import { buildAppSchema } from '../../../server/schema';
import { Role } from '../../../server/auth/role';
import { createAccount, createLaoAccount, createWorld } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { partnerClient, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/** PARTNER: an API key with every scope; PARTNER_MASTER_DATA: a key with MASTER_DATA only. */
type Who =
  'anonymous' | 'LAO' | 'NACC_CENTRAL' | 'NACC_PROVINCE' | 'NACC_REGION' | 'PARTNER' | 'PARTNER_MASTER_DATA';
const people: Who[] = ['anonymous', 'LAO', 'NACC_CENTRAL', 'NACC_PROVINCE', 'NACC_REGION'];
const partners: Who[] = ['PARTNER', 'PARTNER_MASTER_DATA'];
const callers: Who[] = [...people, ...partners];
/** Public reads: people and partner keys alike. Public writes (sign-in…) refuse keys: keys never write. */
const everyone: Who[] = callers;
const signedIn: Who[] = ['LAO', 'NACC_CENTRAL', 'NACC_PROVINCE', 'NACC_REGION'];
const nacc: Who[] = ['NACC_CENTRAL', 'NACC_PROVINCE', 'NACC_REGION'];

/**
 * Operation × role → allowed. Every root operation of the schema needs a row:
 * adding an operation without deciding who may call it fails this test.
 * "Allowed" means the role gate lets the call through (it may still fail on its
 * arguments or on record-level rules).
 */
const matrix: Record<string, { allowed: Who[]; document: string; variables?: Record<string, unknown> }> = {
  viewer: { allowed: everyone, document: `{ viewer { mustCompleteProfile } }` },
  provinces: { allowed: everyone, document: `{ provinces { id } }` },
  province: { allowed: everyone, document: `{ province(id: "65") { id } }` },
  lao: { allowed: [...signedIn, ...partners], document: `{ lao(code: "5650802") { id } }` },
  laos: { allowed: [...nacc, ...partners], document: `{ laos(first: 1) { totalCount } }` },
  login: {
    allowed: people,
    document: `mutation { login(input: { username: "x", password: "y" }) { token } }`,
  },
  activateAccount: {
    allowed: people,
    document: `mutation { activateAccount(input: { laoCode: "1234567", activationCode: "AAAA", password: "Abcdefgh-1" }) { token } }`,
  },
  requestPasswordReset: {
    allowed: people,
    document: `mutation { requestPasswordReset(input: { username: "1234567", email: "a@b.co" }) }`,
  },
  resetPassword: {
    allowed: people,
    document: `mutation { resetPassword(input: { token: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", newPassword: "Abcdefgh-1" }) }`,
  },
  completeSecondFactorSignIn: {
    allowed: people,
    document: `mutation { completeSecondFactorSignIn(input: { challengeToken: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", totpCode: "123456" }) { token } }`,
  },
  // Public: an administrator enrols before having a session, with the challenge of `login`.
  startSecondFactorEnrolment: {
    allowed: people,
    document: `mutation { startSecondFactorEnrolment(challengeToken: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") { secret } }`,
  },
  confirmSecondFactorEnrolment: {
    allowed: people,
    document: `mutation { confirmSecondFactorEnrolment(input: { challengeToken: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", totpCode: "123456" }) { recoveryCodes } }`,
  },
  disableSecondFactor: {
    allowed: nacc,
    document: `mutation { disableSecondFactor(input: { totpCode: "123456" }) { secondFactorEnabled } }`,
  },
  logout: { allowed: signedIn, document: `mutation { logout }` },
  changePassword: {
    allowed: signedIn,
    document: `mutation { changePassword(input: { currentPassword: "wrong", newPassword: "Abcdefgh-1" }) { token } }`,
  },
  issueActivationCode: {
    allowed: nacc,
    document: `mutation { issueActivationCode(laoId: "999999") { code } }`,
  },
  issueActivationCodesForProvince: {
    allowed: nacc,
    document: `mutation { issueActivationCodesForProvince(input: { provinceId: "99" }) { code } }`,
  },
  revokeActivationCodes: { allowed: nacc, document: `mutation { revokeActivationCodes(laoId: "999999") }` },
  updateLaoLocation: {
    allowed: ['LAO'],
    document: `mutation { updateLaoLocation(input: { laoId: "999999", version: 1, size: SMALL, address: "x" }) { id } }`,
  },
  updateLaoArea: {
    allowed: ['LAO'],
    document: `mutation { updateLaoArea(input: { laoId: "999999", version: 1, areaKm2: "1", population: 1, revenueExcludingSubsidies: "1", revenueFromSubsidies: "1", chiefExecutiveName: "x", permanentSecretaryName: "x" }) { id } }`,
  },
  updateLaoCoordinator: {
    allowed: ['LAO'],
    document: `mutation { updateLaoCoordinator(input: { laoId: "999999", version: 1, fullName: "x", position: "x", unit: "x", mobile: "0812345678", email: "a@b.co" }) { id } }`,
  },
  planCycles: { allowed: everyone, document: `{ planCycles { id } }` },
  assessmentScale: { allowed: everyone, document: `{ assessmentScale { dimensionMax totalMax } }` },
  levelThresholds: { allowed: everyone, document: `{ levelThresholds { round high medium } }` },
  plan: { allowed: [...signedIn, 'PARTNER'], document: `{ plan(laoId: "999999", fiscalYear: 2566) { id } }` },
  plans: { allowed: [...nacc, 'PARTNER'], document: `{ plans(first: 1) { totalCount } }` },
  project: { allowed: [...signedIn, 'PARTNER'], document: `{ project(id: "999999") { id } }` },
  projects: { allowed: [...signedIn, 'PARTNER'], document: `{ projects(first: 1) { totalCount } }` },
  planHistory: { allowed: signedIn, document: `{ planHistory(laoId: "999999") { totalCount } }` },
  createPlanCycle: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { createPlanCycle(input: { nameTh: "x", startYear: 2700, endYear: 2600 }) { id } }`,
  },
  updatePlanCycle: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { updatePlanCycle(input: { id: "999999", version: 1, nameTh: "x", startYear: 2700, endYear: 2600 }) { id } }`,
  },
  createProject: {
    allowed: ['LAO'],
    document: `mutation { createProject(input: { name: "", workType: PROJECT, fiscalYears: [], quarters: [], primaryDimension: SOCIETY, antiCorruptionBudget: "0", localDevelopmentBudget: "0" }) { id } }`,
  },
  updateProject: {
    allowed: ['LAO'],
    document: `mutation { updateProject(input: { id: "999999", version: 1, name: "x", workType: PROJECT, fiscalYears: [2566], quarters: [1], primaryDimension: SOCIETY, antiCorruptionBudget: "0", localDevelopmentBudget: "0" }) { id } }`,
  },
  deleteProject: { allowed: ['LAO'], document: `mutation { deleteProject(id: "999999", version: 1) }` },
  withdrawProject: {
    allowed: ['LAO'],
    document: `mutation { withdrawProject(input: { projectId: "999999", version: 1, reason: "x" }) { id } }`,
  },
  restoreProject: {
    allowed: ['LAO', ...nacc],
    document: `mutation { restoreProject(projectId: "999999") { id } }`,
  },
  previewProjectImport: {
    allowed: ['LAO'],
    document: `mutation { previewProjectImport(input: { fileName: "a.pdf", contentBase64: "" }) { valid } }`,
  },
  importProjects: {
    allowed: ['LAO'],
    document: `mutation { importProjects(input: { fileName: "a.pdf", contentBase64: "" }) { createdCount } }`,
  },
  reviewProjects: {
    allowed: nacc,
    document: `mutation { reviewProjects(input: { projects: [{ id: "999999", version: 1 }], decision: APPROVED }) { id } }`,
  },
  submitPlan: { allowed: ['LAO'], document: `mutation { submitPlan(planId: "999999", version: 1) { id } }` },
  assessPlan: {
    allowed: nacc,
    document: `mutation { assessPlan(input: { planId: "999999", version: 1, verdict: PASSED, scoreSociety: "1", scoreAdministration: "1", scoreParticipation: "1", scoreOversight: "1" }) { id } }`,
  },
  selfAssessPlan: {
    allowed: ['LAO'],
    document: `mutation { selfAssessPlan(input: { planId: "999999", scoreSociety: "1", scoreAdministration: "1", scoreParticipation: "1", scoreOversight: "1" }) { id } }`,
  },
  assessmentPassMarks: { allowed: everyone, document: `{ assessmentPassMarks { fiscalYear score } }` },
  setAssessmentPassMark: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { setAssessmentPassMark(input: { fiscalYear: 2599, score: "60" }) { fiscalYear } }`,
  },
  setItaScore: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { setItaScore(input: { laoId: "999999", fiscalYear: 2566, score: "80" }) { score } }`,
  },
  previewItaImport: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { previewItaImport(input: { fileName: "a.pdf", contentBase64: "" }) { valid } }`,
  },
  importItaScores: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { importItaScores(input: { fileName: "a.pdf", contentBase64: "" }) { rowCount } }`,
  },
  reportingRounds: { allowed: everyone, document: `{ reportingRounds(fiscalYear: 2566) { id } }` },
  implementation: {
    allowed: [...signedIn, 'PARTNER'],
    document: `{ implementation(fiscalYear: 2566, round: SIX_MONTH, first: 1) { edges { node { level } } } }`,
  },
  reportingCoverage: {
    allowed: [...nacc, 'PARTNER'],
    document: `{ reportingCoverage(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }`,
  },
  roundExtensions: { allowed: signedIn, document: `{ roundExtensions { totalCount } }` },
  submitReport: {
    allowed: ['LAO'],
    document: `mutation { submitReport(input: { projectId: "999999", fiscalYear: 2566, round: SIX_MONTH, inOrdinance: true, ordinanceBudget: "0", disbursed: "0", status: COMPLETED, idempotencyKey: "6f1c1a52-3d1b-4b8e-9a57-0e0e7e0c1a11" }) { id } }`,
  },
  updateReportingRound: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { updateReportingRound(input: { id: "999999", version: 1, opensAt: "2023-01-01T00:00:00Z", closesAt: "2023-02-01T00:00:00Z" }) { id } }`,
  },
  requestRoundExtension: {
    allowed: ['LAO'],
    document: `mutation { requestRoundExtension(input: { roundId: "999999", until: "2023-02-01T00:00:00Z", reason: "x" }) { id } }`,
  },
  grantRoundExtension: {
    allowed: nacc,
    document: `mutation { grantRoundExtension(input: { roundId: "999999", laoId: "999999", until: "2023-02-01T00:00:00Z", reason: "x" }) { id } }`,
  },
  decideRoundExtension: {
    allowed: nacc,
    document: `mutation { decideRoundExtension(input: { id: "999999", version: 1, grant: true }) { id } }`,
  },
  grantExtensionBatch: {
    allowed: nacc,
    document: `mutation { grantExtensionBatch(input: { roundId: "999999", scope: LAOS, laoCodes: ["9999999"], until: "2023-02-01T00:00:00Z", reason: "x" }) { id } }`,
  },
  revokeExtensionBatch: {
    allowed: nacc,
    document: `mutation { revokeExtensionBatch(input: { id: "999999", version: 1 }) { id } }`,
  },
  extensionBatches: { allowed: nacc, document: `{ extensionBatches { id laoCount } }` },
  statistics: {
    allowed: [...signedIn, 'PARTNER'],
    document: `{ statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }`,
  },
  laoSummary: {
    allowed: [...signedIn, 'PARTNER'],
    document: `{ laoSummary(laoId: "999999", fiscalYear: 2566) { projectCount } }`,
  },
  planTableTotals: {
    allowed: [...signedIn, 'PARTNER'],
    document: `{ planTableTotals(laoId: "999999", fiscalYear: 2566) { projectCount } }`,
  },
  publicLaoSearch: { allowed: everyone, document: `{ publicLaoSearch(search: "x") { totalCount } }` },
  publicLao: { allowed: everyone, document: `{ publicLao(code: "0000000") { id } }` },
  publicPlan: { allowed: everyone, document: `{ publicPlan(laoId: "999999", fiscalYear: 2566) { id } }` },
  publicPlans: { allowed: everyone, document: `{ publicPlans(laoId: "999999") { id } }` },
  publicProjects: {
    allowed: everyone,
    document: `{ publicProjects(laoId: "999999", fiscalYear: 2566) { totalCount } }`,
  },
  publicLaoSummary: {
    allowed: everyone,
    document: `{ publicLaoSummary(laoId: "999999", fiscalYear: 2566) { projectCount } }`,
  },
  publicImplementation: {
    allowed: everyone,
    document: `{ publicImplementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { level } }`,
  },
  publicStatistics: {
    allowed: everyone,
    document: `{ publicStatistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }`,
  },
  auditLog: { allowed: ['NACC_CENTRAL'], document: `{ auditLog(first: 1) { totalCount } }` },
  failedJobs: { allowed: ['NACC_CENTRAL'], document: `{ failedJobs(first: 1) { id } }` },
  reports: { allowed: [...signedIn, 'PARTNER'], document: `{ reports(first: 1) { totalCount } }` },
  budgetByDimension: {
    allowed: [...nacc, 'PARTNER'],
    document: `{ budgetByDimension(fiscalYear: 2566) { projectCount } }`,
  },
  syncHorizon: { allowed: [...nacc, ...partners], document: `{ syncHorizon }` },
  deletedRecords: {
    allowed: [...signedIn, ...partners],
    document: `{ deletedRecords(since: "2020-01-01T00:00:00Z") { totalCount } }`,
  },
  apiKeys: { allowed: ['NACC_CENTRAL'], document: `{ apiKeys { totalCount } }` },
  siteVisit: { allowed: signedIn, document: `{ siteVisit(laoId: "999999", fiscalYear: 2566) { id } }` },
  siteVisits: { allowed: nacc, document: `{ siteVisits(fiscalYear: 2566, first: 1) { totalCount } }` },
  saveSiteVisit: {
    allowed: nacc,
    document: `mutation { saveSiteVisit(input: { laoId: "999999", fiscalYear: 2566, status: PLANNED, plannedOn: "2023-06-01" }) { id } }`,
  },
  deleteSiteVisitFile: {
    allowed: nacc,
    document: `mutation { deleteSiteVisitFile(id: "00000000-0000-4000-8000-000000000000") }`,
  },
  deleteReportEvidence: {
    allowed: ['LAO'],
    document: `mutation { deleteReportEvidence(id: "00000000-0000-4000-8000-000000000000") }`,
  },
  setReportEvidencePublic: {
    allowed: ['LAO'],
    document: `mutation { setReportEvidencePublic(id: "00000000-0000-4000-8000-000000000000", isPublic: true) { id } }`,
  },
  problemReport: {
    allowed: signedIn,
    document: `{ problemReport(laoId: "999999", fiscalYear: 2566, round: SIX_MONTH) { id } }`,
  },
  problemReports: {
    allowed: nacc,
    document: `{ problemReports(fiscalYear: 2566, round: SIX_MONTH, first: 1) { totalCount } }`,
  },
  fileProblemReport: {
    allowed: ['LAO'],
    document: `mutation { fileProblemReport(input: { fiscalYear: 2599, round: SIX_MONTH, problems: "x" }) { id } }`,
  },
  createApiKey: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { createApiKey(input: { name: "x", organisation: "x", scopes: [], validDays: 1 }) { secret } }`,
  },
  revokeApiKey: { allowed: ['NACC_CENTRAL'], document: `mutation { revokeApiKey(id: "x") { id } }` },
  updateLaoMasterData: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { updateLaoMasterData(input: { laoId: "999999", version: 1, code: "1234567", nameTh: "x", type: SAO, districtId: "6508" }) { id } }`,
  },
  previewLaoImport: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { previewLaoImport(input: { fileName: "a.pdf", contentBase64: "" }) { valid } }`,
  },
  importLaos: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { importLaos(input: { fileName: "a.pdf", contentBase64: "" }) { createdCount } }`,
  },
  contactChannels: { allowed: everyone, document: `{ contactChannels { phone complaintUrl } }` },
  // An invalid e-mail: the gate lets NACC central through to the validation (BAD_USER_INPUT), before
  // the policy's administrator check (test/api/help/contact-channels.test.ts).
  updateContactChannels: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { updateContactChannels(input: { email: "x" }) { version } }`,
  },
  // Staff accounts: the role gate lets NACC central through; the policy then wants an
  // administrator (test/api/staff/staff-accounts.test.ts: an analyst is refused FORBIDDEN).
  staffAccounts: { allowed: ['NACC_CENTRAL'], document: `{ staffAccounts(first: 1) { totalCount } }` },
  regions: { allowed: nacc, document: `{ regions { id provinces { id } } }` },
  inviteStaff: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { inviteStaff(input: { username: "x", displayName: "x", email: "a@b.co", staffRole: CENTRAL_ANALYST }) { id } }`,
  },
  resendStaffInvitation: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { resendStaffInvitation(accountId: "00000000-0000-4000-8000-000000000000") { id } }`,
  },
  updateStaffAccount: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { updateStaffAccount(input: { accountId: "00000000-0000-4000-8000-000000000000", displayName: "x", email: "a@b.co", staffRole: CENTRAL_ANALYST, usesDirectory: false }) { id } }`,
  },
  disableStaffAccount: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { disableStaffAccount(accountId: "00000000-0000-4000-8000-000000000000") { id } }`,
  },
  enableStaffAccount: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { enableStaffAccount(accountId: "00000000-0000-4000-8000-000000000000") { id } }`,
  },
  resetStaffSecondFactor: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { resetStaffSecondFactor(accountId: "00000000-0000-4000-8000-000000000000") { id } }`,
  },
  acceptStaffInvitation: {
    allowed: people,
    document: `mutation { acceptStaffInvitation(input: { token: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", newPassword: "Abcdefgh-1" }) }`,
  },
  assignProvinceRegion: {
    allowed: ['NACC_CENTRAL'],
    document: `mutation { assignProvinceRegion(input: { provinceId: "99", regionId: "1" }) { id } }`,
  },
};

describe('operation × role access matrix', () => {
  let server: TestServer;
  const clients = {} as Record<Who, GraphQLClient>;

  beforeAll(async () => {
    server = await startTestServer();
    const world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    clients.anonymous = server.anonymous;
    clients.LAO = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    clients.NACC_CENTRAL = await signIn(server, world.central.username, world.central.password);
    clients.NACC_PROVINCE = await signIn(server, world.provincial.username, world.provincial.password);
    const region = await createAccount(server.dataSource, {
      username: 'nacc.region6',
      role: Role.NACC_REGION,
      regionId: 6,
    });
    clients.NACC_REGION = await signIn(server, region.username, region.password);
    const allScopes = ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'];
    clients.PARTNER = (await partnerClient(server, clients.NACC_CENTRAL, { scopes: allScopes })).client;
    clients.PARTNER_MASTER_DATA = (
      await partnerClient(server, clients.NACC_CENTRAL, { scopes: ['MASTER_DATA'] })
    ).client;
  });
  afterAll(() => server.stop());

  it('has a row for every operation of the schema', async () => {
    const schema = await buildAppSchema();
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
    ].sort();
    expect(Object.keys(matrix).sort()).toEqual(operations);
  });

  // logout last: it ends the sessions the other rows use.
  const operations = Object.keys(matrix).sort((a, b) => Number(a === 'logout') - Number(b === 'logout'));
  it.each(operations)('%s: allowed exactly for its roles', async (operation) => {
    const { allowed, document, variables } = matrix[operation];
    const outcome: Record<string, boolean> = {};
    for (const who of callers) {
      const code = errorCode(await clients[who](document, variables));
      // A document the schema rejects never reaches the gate: it would look "allowed" for everyone.
      expect([code, who]).not.toEqual(['GRAPHQL_VALIDATION_FAILED', who]);
      expect([code, who]).not.toEqual(['GRAPHQL_PARSE_FAILED', who]);
      outcome[who] = code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN';
    }
    expect(outcome).toEqual(Object.fromEntries(callers.map((who) => [who, allowed.includes(who)])));
  });
});
