import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';
import { AppError, forbidden, unauthenticated } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { ApiScope } from './api-scope';
import { Role } from './role';
import type { Viewer } from './viewer';
import { log } from '../request-scope';

/** Anyone, signed in or not. */
export const PUBLIC = 'PUBLIC' as const;
/** Any signed-in account, whatever its role. */
export const SIGNED_IN = 'SIGNED_IN' as const;

export type AccessRule = typeof PUBLIC | typeof SIGNED_IN | readonly Role[];

const NACC = [Role.NACC_CENTRAL, Role.NACC_PROVINCE, Role.NACC_REGION] as const;

/**
 * The role gate of every root operation, in one table. An operation missing
 * here is denied (and a test fails). Record-level checks (which LAO, which
 * province) live in `policy.ts`, called by the services.
 */
export const operationAccess: Record<'Query' | 'Mutation', Record<string, AccessRule>> = {
  Query: {
    viewer: PUBLIC,
    provinces: PUBLIC,
    province: PUBLIC,
    lao: [Role.LAO, ...NACC],
    laos: [...NACC],
    planCycles: PUBLIC,
    assessmentScale: PUBLIC,
    assessmentPassMarks: PUBLIC,
    plan: [Role.LAO, ...NACC],
    plans: [...NACC],
    project: [Role.LAO, ...NACC],
    projects: [Role.LAO, ...NACC],
    planHistory: [Role.LAO, ...NACC],
    reportingRounds: PUBLIC,
    levelThresholds: PUBLIC,
    implementation: [Role.LAO, ...NACC],
    reportingCoverage: [...NACC],
    roundExtensions: [Role.LAO, ...NACC],
    extensionBatches: [...NACC],
    statistics: [Role.LAO, ...NACC],
    laoSummary: [Role.LAO, ...NACC],
    planTableTotals: [Role.LAO, ...NACC],
    budgetByDimension: [...NACC],
    publicLaoSearch: PUBLIC,
    publicLao: PUBLIC,
    publicPlan: PUBLIC,
    publicPlans: PUBLIC,
    publicProjects: PUBLIC,
    publicLaoSummary: PUBLIC,
    publicImplementation: PUBLIC,
    publicStatistics: PUBLIC,
    auditLog: [Role.NACC_CENTRAL],
    failedJobs: [Role.NACC_CENTRAL],
    reports: [Role.LAO, ...NACC],
    syncHorizon: [...NACC],
    deletedRecords: [Role.LAO, ...NACC],
    apiKeys: [Role.NACC_CENTRAL],
    siteVisit: [Role.LAO, ...NACC],
    siteVisits: [...NACC],
    problemReport: [Role.LAO, ...NACC],
    problemReports: [...NACC],
    contactChannels: PUBLIC,
    staffAccounts: [Role.NACC_CENTRAL],
    regions: [...NACC],
  },
  Mutation: {
    login: PUBLIC,
    activateAccount: PUBLIC,
    requestPasswordReset: PUBLIC,
    resetPassword: PUBLIC,
    logout: SIGNED_IN,
    changePassword: SIGNED_IN,
    completeSecondFactorSignIn: PUBLIC,
    startSecondFactorEnrolment: PUBLIC,
    confirmSecondFactorEnrolment: PUBLIC,
    disableSecondFactor: [...NACC],
    issueActivationCode: [...NACC],
    issueActivationCodesForProvince: [...NACC],
    revokeActivationCodes: [...NACC],
    updateLaoLocation: [Role.LAO],
    updateLaoArea: [Role.LAO],
    updateLaoCoordinator: [Role.LAO],
    updateLaoMasterData: [Role.NACC_CENTRAL],
    previewLaoImport: [Role.NACC_CENTRAL],
    importLaos: [Role.NACC_CENTRAL],
    createPlanCycle: [Role.NACC_CENTRAL],
    updatePlanCycle: [Role.NACC_CENTRAL],
    createProject: [Role.LAO],
    updateProject: [Role.LAO],
    deleteProject: [Role.LAO],
    withdrawProject: [Role.LAO],
    restoreProject: [Role.LAO, ...NACC],
    previewProjectImport: [Role.LAO],
    importProjects: [Role.LAO],
    reviewProjects: [...NACC],
    submitPlan: [Role.LAO],
    assessPlan: [...NACC],
    selfAssessPlan: [Role.LAO],
    setAssessmentPassMark: [Role.NACC_CENTRAL],
    setItaScore: [Role.NACC_CENTRAL],
    previewItaImport: [Role.NACC_CENTRAL],
    importItaScores: [Role.NACC_CENTRAL],
    submitReport: [Role.LAO],
    updateReportingRound: [Role.NACC_CENTRAL],
    requestRoundExtension: [Role.LAO],
    grantRoundExtension: [...NACC],
    decideRoundExtension: [...NACC],
    grantExtensionBatch: [...NACC],
    revokeExtensionBatch: [...NACC],
    createApiKey: [Role.NACC_CENTRAL],
    revokeApiKey: [Role.NACC_CENTRAL],
    saveSiteVisit: [...NACC],
    deleteSiteVisitFile: [...NACC],
    deleteReportEvidence: [Role.LAO],
    setReportEvidencePublic: [Role.LAO],
    fileProblemReport: [Role.LAO],
    // NACC central's gate; the policy ('help.editContacts') then admits administrators only.
    updateContactChannels: [Role.NACC_CENTRAL],
    inviteStaff: [Role.NACC_CENTRAL],
    resendStaffInvitation: [Role.NACC_CENTRAL],
    updateStaffAccount: [Role.NACC_CENTRAL],
    disableStaffAccount: [Role.NACC_CENTRAL],
    enableStaffAccount: [Role.NACC_CENTRAL],
    resetStaffSecondFactor: [Role.NACC_CENTRAL],
    acceptStaffInvitation: PUBLIC,
    assignProvinceRegion: [Role.NACC_CENTRAL],
  },
};

/**
 * What a session that must change its password first may call (the legacy importer marks kept
 * legacy passwords so): everything else answers PASSWORD_CHANGE_REQUIRED until it is changed.
 */
export const passwordChangeOnly: ReadonlySet<string> = new Set(['viewer', 'logout', 'changePassword']);

/** Any partner key may call it (what it then sees is limited by its scopes). */
export const ANY_SCOPE = 'ANY_SCOPE' as const;

/**
 * What a partner API key (role PARTNER) may call besides the PUBLIC operations,
 * and the scope each needs. Keys never write: every mutation is refused to them.
 */
export const partnerAccess: Record<string, ApiScope | typeof ANY_SCOPE> = {
  laos: ApiScope.MASTER_DATA,
  lao: ApiScope.MASTER_DATA,
  plans: ApiScope.PLANS,
  plan: ApiScope.PLANS,
  projects: ApiScope.PLANS,
  project: ApiScope.PLANS,
  reports: ApiScope.REPORTS,
  implementation: ApiScope.AGGREGATES,
  statistics: ApiScope.AGGREGATES,
  reportingCoverage: ApiScope.AGGREGATES,
  laoSummary: ApiScope.AGGREGATES,
  planTableTotals: ApiScope.AGGREGATES,
  budgetByDimension: ApiScope.AGGREGATES,
  syncHorizon: ANY_SCOPE,
  deletedRecords: ANY_SCOPE,
};

const all = (...fields: string[]) => new Set(fields);

/**
 * What an anonymous caller may read, field by field: the public face of the data
 * (DOMAIN.md: coordinator phone, mobile and email are private; so are accounts,
 * history and who did what). Any field not listed is refused to anonymous callers,
 * and a test walks the schema from the public operations to check nothing private
 * is reachable.
 */
export const publicFields: Record<string, ReadonlySet<string>> = {
  Province: all('id', 'nameTh', 'nameEn', 'districts'),
  District: all('id', 'nameTh', 'nameEn'),
  Lao: all(
    'id',
    'code',
    'nameTh',
    'type',
    'size',
    'province',
    'district',
    'address',
    'areaKm2',
    'population',
    'revenueExcludingSubsidies',
    'revenueFromSubsidies',
    'chiefExecutiveName',
    'permanentSecretaryName',
    'website',
    'itaScore',
  ),
  LaoConnection: all('edges', 'pageInfo', 'totalCount'),
  LaoEdge: all('cursor', 'node'),
  ProjectConnection: all('edges', 'pageInfo', 'totalCount'),
  ProjectEdge: all('cursor', 'node'),
  PageInfo: all('hasNextPage', 'endCursor'),
  PlanCycle: all('id', 'nameTh', 'startYear', 'endYear'),
  Plan: all(
    'id',
    'laoId',
    'fiscalYear',
    'status',
    'submittedAt',
    'lao',
    'cycle',
    'assessments',
    'latestAssessment',
    'projectCount',
    'scores',
  ),
  Assessment: all(
    'id',
    'verdict',
    'scoreSociety',
    'scoreAdministration',
    'scoreParticipation',
    'scoreOversight',
    'totalScore',
    'comments',
    'assessedAt',
    'level',
    'passMark',
    'computedVerdict',
    'overrideReason',
    'overridden',
  ),
  PlanScores: all('self', 'provincial', 'central', 'effective', 'passMark', 'verdictByPassMark'),
  PlanScoreSet: all(
    'level',
    'scoreSociety',
    'scoreAdministration',
    'scoreParticipation',
    'scoreOversight',
    'totalScore',
    'at',
  ),
  AssessmentPassMark: all('fiscalYear', 'score', 'updatedAt'),
  ItaScore: all('fiscalYear', 'score', 'updatedAt'),
  Project: all(
    'id',
    'laoId',
    'name',
    'workType',
    'fiscalYears',
    'quarters',
    'primaryDimension',
    'additionalDimensions',
    'essence',
    'usesBudget',
    'antiCorruptionBudget',
    'localDevelopmentBudget',
    'targetGroups',
    'otherTargetGroup',
    'objectives',
    'remarks',
    'reviewStatus',
    'reviewReason',
    'reviewedAt',
    'withdrawnAt',
    'withdrawalReason',
    'counted',
    'createdAt',
    'updatedAt',
    'lao',
    'report',
  ),
  Report: all(
    'id',
    'projectId',
    'laoId',
    'fiscalYear',
    'round',
    'inOrdinance',
    'ordinanceBudget',
    'disbursed',
    'status',
    'unableReason',
    'unableReasonText',
    'remark',
    'updatedAt',
    // Only the photos the LAO published; Report.evidence (every file) stays private.
    'publicPhotos',
  ),
  ReportEvidencePhoto: all('id', 'fileName', 'downloadUrl', 'thumbnailUrl'),
  ReportingRound: all('id', 'fiscalYear', 'kind', 'opensAt', 'closesAt'),
  LevelThresholds: all('round', 'high', 'medium'),
  ImplementationRow: all(
    'lao',
    'eligibleCount',
    'reportedCount',
    'completedCount',
    'inProgressCount',
    'unableCount',
    'percentage',
    'level',
    'reportingState',
    'itaScore',
  ),
  StatisticsRow: all(
    'province',
    'district',
    'laoCount',
    'laoTypes',
    'plansPassed',
    'plansIncomplete',
    'plansSubmitted',
    'plansNotSubmitted',
    'noPassedPlan',
    'fullyReported',
    'partlyReported',
    'notReported',
    'levelHigh',
    'levelMedium',
    'levelLow',
  ),
  LaoTypeCount: all('type', 'count'),
  AssessmentScale: all('dimensionMax', 'totalMax'),
  LaoSummary: all('lao', 'fiscalYear', 'projectCount', 'rejectedCount', 'dimensions', 'workTypes', 'rounds'),
  DimensionTotals: all(
    'dimension',
    'projectCount',
    'withoutBudgetCount',
    'antiCorruptionBudget',
    'localDevelopmentBudget',
  ),
  WorkTypeCount: all('workType', 'projectCount'),
  RoundSummary: all('round', 'implementation', 'ordinanceBudget', 'disbursed'),
  PlanTableTotals: all('projectCount', 'withoutBudgetCount', 'antiCorruptionBudget', 'quarterCounts'),
  // NACC's own published channels (sign-in page, help, public pages): nothing private.
  ContactChannels: all(
    'phone',
    'email',
    'lineId',
    'lineUrl',
    'officeHours',
    'complaintUrl',
    'version',
    'updatedAt',
  ),
};

/**
 * What a partner key reads beyond `publicFields` (sync stamps, tombstones, pages,
 * coverage). Coordinator contacts, accounts, history and people's names stay out.
 */
const partnerFields: Record<string, ReadonlySet<string>> = {
  Lao: all('updatedAt'),
  Plan: all('updatedAt'),
  Report: all('version'),
  PlanConnection: all('edges', 'pageInfo', 'totalCount'),
  PlanEdge: all('cursor', 'node'),
  ReportConnection: all('edges', 'pageInfo', 'totalCount'),
  ReportEdge: all('cursor', 'node'),
  ImplementationRowConnection: all('edges', 'pageInfo', 'totalCount'),
  ImplementationRowEdge: all('cursor', 'node'),
  DeletedRecordConnection: all('edges', 'pageInfo', 'totalCount'),
  DeletedRecordEdge: all('cursor', 'node'),
  DeletedRecord: all('entity', 'id', 'laoId', 'deletedAt'),
  DistrictCoverage: all(
    'district',
    'laoCount',
    'noPassedPlan',
    'fullyReported',
    'partlyReported',
    'notReported',
  ),
};

/** Fields that cross into another scope: reading them needs that scope too. */
const partnerFieldScopes: Record<string, ApiScope> = {
  'Project.report': ApiScope.REPORTS,
  'Plan.assessments': ApiScope.PLANS,
  'Plan.latestAssessment': ApiScope.PLANS,
  'Plan.scores': ApiScope.PLANS,
};

const partnerMayRead = (scopes: readonly ApiScope[], type: string, field: string): boolean => {
  if (!publicFields[type]?.has(field) && !partnerFields[type]?.has(field)) return false;
  const scope = partnerFieldScopes[`${type}.${field}`];
  return scope === undefined || scopes.includes(scope);
};

/** What an anonymous or partner caller may read below the root; null for anyone else (no limit). */
const fieldRule = (viewer: Viewer, operation: OperationTypeNode) => {
  // Anonymous reads are held to the public fields; the four public mutations answer the
  // caller about its own new session (a token, its viewer), which needs no such limit.
  if (viewer.kind === 'anonymous' && operation === OperationTypeNode.QUERY)
    return (type: string, field: string) => publicFields[type]?.has(field) === true;
  if (viewer.kind === 'partner')
    return (type: string, field: string) => partnerMayRead(viewer.scopes, type, field);
  return null;
};

/**
 * The first field below the root that the caller may not read, or null. Checked on
 * the document before execution (operation and the fragments it may spread), so
 * fields of every row are not checked one by one at run time.
 */
export const deniedField = (
  viewer: Viewer,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): string | null => {
  const allowed = fieldRule(viewer, operation.operation);
  if (!allowed) return null;
  const typeInfo = new TypeInfo(schema);
  let denied: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field: (node) => {
        const parent = typeInfo.getParentType()?.name;
        const field = node.name.value;
        if (field.startsWith('__')) return; // introspection: the schema is public
        if (parent === 'Query' || parent === 'Mutation') {
          // A root the caller may not call answers its own error (UNAUTHENTICATED…) at run time;
          // `viewer` describes the caller's own session and answers null without one.
          return field === 'viewer' || rootRefusal(viewer, parent, field) ? false : undefined;
        }
        if (!parent || parent.startsWith('__')) return;
        if (!allowed(parent, field)) {
          denied = `${parent}.${field}`;
          return BREAK;
        }
      },
    }),
  );
  return denied;
};

/** Apollo plugin: refuses (FORBIDDEN) an operation that selects a field its caller may not read. */
export const fieldAccessPlugin = (): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, schema, document, operation, request, response }) {
        if (operation && deniedField(contextValue.viewer, schema, document, operation)) {
          // A bearer token that names no live session (expired, revoked) reads as anonymous:
          // the app must sign in again, so say UNAUTHENTICATED rather than FORBIDDEN.
          const bearer = /^Bearer\s+\S/i.test(request.http?.headers.get('authorization') ?? '');
          if (contextValue.viewer.kind === 'anonymous' && bearer) {
            response.http.status = 401;
            throw unauthenticated();
          }
          response.http.status = 403;
          throw forbidden();
        }
      },
    };
  },
});

/**
 * Root-field middleware (wrapped around Query and Mutation fields in server/schema.ts):
 * the role gate of `operationAccess`, failing closed. Fields below the root are held to
 * `publicFields` / partner fields by `fieldAccessPlugin`.
 */
export const accessGuard: MiddlewareFn<Context> = async ({ context, info }, next) => {
  const parent = info.parentType.name;
  if (parent !== 'Query' && parent !== 'Mutation') return next();
  const refusal = rootRefusal(context.viewer, parent, info.fieldName);
  if (refusal) throw refusal;
  return next();
};

const passwordChangeRequired = (): AppError =>
  new AppError(
    ErrorCode.PASSWORD_CHANGE_REQUIRED,
    'กรุณาเปลี่ยนรหัสผ่านก่อนใช้งานระบบต่อ (รหัสผ่านเดิมต้องเปลี่ยนเมื่อเข้าสู่ระบบครั้งแรก)',
  );

/** Why a caller may not call a root operation (the error to answer), or null when it may. */
const rootRefusal = (viewer: Viewer, parent: 'Query' | 'Mutation', field: string) => {
  const rule = operationAccess[parent][field];
  if (rule === undefined) {
    log().error({ field: `${parent}.${field}` }, 'No access rule declared; denied');
    return forbidden();
  }
  if (viewer.kind === 'partner') {
    if (parent === 'Mutation') return forbidden();
    if (rule === PUBLIC) return null;
    const scope = partnerAccess[field];
    return scope === undefined || (scope !== ANY_SCOPE && !viewer.scopes.includes(scope))
      ? forbidden()
      : null;
  }
  if (viewer.kind === 'account' && viewer.mustChangePassword && !passwordChangeOnly.has(field))
    return passwordChangeRequired();
  if (rule === PUBLIC) return null;
  if (viewer.kind !== 'account') return unauthenticated();
  if (rule !== SIGNED_IN && !rule.includes(viewer.role)) return forbidden();
  return null;
};
