import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';
import { forbidden, unauthenticated } from '../errors/app-error';
import { Role } from './role';

/** Anyone, signed in or not. */
export const PUBLIC = 'PUBLIC' as const;
/** Any signed-in account, whatever its role. */
export const SIGNED_IN = 'SIGNED_IN' as const;

export type AccessRule = typeof PUBLIC | typeof SIGNED_IN | readonly Role[];

const NACC = [Role.NACC_CENTRAL, Role.NACC_PROVINCE] as const;

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
    planCycles: SIGNED_IN,
    plan: [Role.LAO, ...NACC],
    plans: [...NACC],
    project: [Role.LAO, ...NACC],
    projects: [Role.LAO, ...NACC],
    planHistory: [Role.LAO, ...NACC],
    reportingRounds: SIGNED_IN,
    implementation: [Role.LAO, ...NACC],
    reportingCoverage: [...NACC],
    roundExtensions: [Role.LAO, ...NACC],
    statistics: [Role.LAO, ...NACC],
    laoSummary: [Role.LAO, ...NACC],
    planTableTotals: [Role.LAO, ...NACC],
  },
  Mutation: {
    login: PUBLIC,
    activateAccount: PUBLIC,
    requestPasswordReset: PUBLIC,
    resetPassword: PUBLIC,
    logout: SIGNED_IN,
    changePassword: SIGNED_IN,
    issueActivationCode: [...NACC],
    issueActivationCodesForProvince: [...NACC],
    revokeActivationCodes: [...NACC],
    updateLaoLocation: [Role.LAO],
    updateLaoArea: [Role.LAO],
    updateLaoCoordinator: [Role.LAO],
    updateLaoMasterData: [Role.NACC_CENTRAL],
    createPlanCycle: [Role.NACC_CENTRAL],
    updatePlanCycle: [Role.NACC_CENTRAL],
    createProject: [Role.LAO],
    updateProject: [Role.LAO],
    deleteProject: [Role.LAO],
    previewProjectImport: [Role.LAO],
    importProjects: [Role.LAO],
    reviewProjects: [...NACC],
    submitPlan: [Role.LAO],
    assessPlan: [...NACC],
    submitReport: [Role.LAO],
    updateReportingRound: [Role.NACC_CENTRAL],
    requestRoundExtension: [Role.LAO],
    grantRoundExtension: [...NACC],
    decideRoundExtension: [...NACC],
  },
};

/** Global middleware enforcing `operationAccess` on root fields; fails closed. */
export const accessGuard: MiddlewareFn<Context> = async ({ context, info }, next) => {
  const parent = info.parentType.name;
  if (parent !== 'Query' && parent !== 'Mutation') return next();
  const rule = operationAccess[parent][info.fieldName];
  if (rule === undefined) {
    console.error(`No access rule declared for ${parent}.${info.fieldName}; denied`);
    throw forbidden();
  }
  if (rule === PUBLIC) return next();
  const { viewer } = context;
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (rule !== SIGNED_IN && !rule.includes(viewer.role)) throw forbidden();
  return next();
};
