import type { WhereExpressionBuilder } from 'typeorm';
import { AppError, notFound, unauthenticated } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { Role } from './role';
import type { SignedInViewer, Viewer } from './viewer';

/**
 * Record-level access, in one module: who may do what to which LAO's records,
 * named by action. The role gate of each operation is `access-rules.ts`'s; which
 * plan, project or round states allow an action is each domain's rulebook's
 * (`plan-rules.ts`, `project-rules.ts`, `reporting-rules.ts`).
 *
 * What a viewer may not see answers exactly like a record that does not exist,
 * so ids cannot be probed (`requireCan`).
 */

/** What a record-level check needs to know of the LAO a record belongs to. */
export type LaoScope = { id: number; provinceId: number };

/** Who may take an action on an LAO's records. */
type Party =
  /** Whoever may read the LAO: the public, a partner within its provinces, NACC within its reach, the LAO itself. */
  | 'reader'
  /** The LAO itself (its own account). */
  | 'the LAO'
  /** NACC central everywhere; a provincial office within its province, a regional office within its region. */
  | 'NACC in reach'
  /** The LAO itself, or NACC within its reach. */
  | 'the LAO or NACC in reach'
  /** NACC central only (no record needed). */
  | 'NACC central'
  /** A NACC central administrator only (no record needed): staff accounts, regions, contact channels. */
  | 'NACC administrator';

/** Every record-level action, and who may take it. One line per action: a new action is one new line. */
const actions = {
  'lao.read': 'reader',
  'lao.editProfile': 'the LAO',
  'lao.editMasterData': 'NACC central',
  'lao.manageAccess': 'NACC in reach',
  'province.manageAccess': 'NACC in reach',
  'plan.submit': 'the LAO',
  'plan.assess': 'NACC in reach',
  'plan.assessCentral': 'NACC central',
  'plan.selfAssess': 'the LAO',
  'assessment.setPassMark': 'NACC central',
  'ita.record': 'NACC central',
  'project.record': 'the LAO',
  'project.review': 'NACC in reach',
  'project.withdraw': 'the LAO',
  'project.restore': 'the LAO or NACC in reach',
  'report.submit': 'the LAO',
  'report.attachEvidence': 'the LAO',
  'report.viewEvidence': 'the LAO or NACC in reach',
  'report.publishEvidence': 'the LAO',
  'round.requestExtension': 'the LAO',
  'round.decideExtension': 'NACC in reach',
  'round.grantExtensionBatch': 'NACC in reach',
  'apiKey.manage': 'NACC central',
  'siteVisit.record': 'NACC in reach',
  'siteVisit.read': 'the LAO or NACC in reach',
  'problems.file': 'the LAO',
  'problems.read': 'the LAO or NACC in reach',
  'staff.manage': 'NACC administrator',
  'help.editContacts': 'NACC administrator',
} as const satisfies Record<string, Party>;

export type Action = keyof typeof actions;

/** Actions that need no record: who may take them depends on the viewer alone. */
type GlobalAction = {
  [A in Action]: (typeof actions)[A] extends 'NACC central' | 'NACC administrator' ? A : never;
}[Action];

/** A provincial or regional office reaching this province. */
const officeReaches = (viewer: SignedInViewer, provinceId: number): boolean =>
  (viewer.role === Role.NACC_PROVINCE || viewer.role === Role.NACC_REGION) &&
  viewer.provinceIds.includes(provinceId);

const readerMay = (viewer: Viewer, lao: LaoScope): boolean => {
  if (viewer.kind === 'public') return true;
  if (viewer.kind === 'partner')
    return viewer.provinceIds === null || viewer.provinceIds.includes(lao.provinceId);
  if (viewer.kind !== 'account') return false;
  switch (viewer.role) {
    case Role.NACC_CENTRAL:
      return true;
    case Role.NACC_PROVINCE:
    case Role.NACC_REGION:
      return officeReaches(viewer, lao.provinceId);
    case Role.LAO:
      return viewer.laoId === lao.id;
    default:
      return false;
  }
};

const partyMay: Record<Party, (viewer: Viewer, target: { id?: number; provinceId: number }) => boolean> = {
  reader: (viewer, target) =>
    target.id !== undefined && readerMay(viewer, { id: target.id, provinceId: target.provinceId }),
  'the LAO': (viewer, target) =>
    viewer.kind === 'account' &&
    viewer.role === Role.LAO &&
    target.id !== undefined &&
    viewer.laoId === target.id,
  'NACC in reach': (viewer, target) =>
    viewer.kind === 'account' &&
    (viewer.role === Role.NACC_CENTRAL || officeReaches(viewer, target.provinceId)),
  'NACC central': (viewer) => viewer.kind === 'account' && viewer.role === Role.NACC_CENTRAL,
  'NACC administrator': (viewer) =>
    viewer.kind === 'account' && viewer.role === Role.NACC_CENTRAL && viewer.administrator,
  'the LAO or NACC in reach': (viewer, target) =>
    partyMay['the LAO'](viewer, target) || partyMay['NACC in reach'](viewer, target),
};

/**
 * May the viewer take this action on this LAO's records (or, for `province.manageAccess`,
 * in this province)? Actions of NACC central alone take no target.
 */
export function can(viewer: Viewer, action: GlobalAction): boolean;
export function can(viewer: Viewer, action: Action, target: LaoScope | { provinceId: number }): boolean;
export function can(viewer: Viewer, action: Action, target?: { id?: number; provinceId: number }): boolean {
  const party: Party = actions[action];
  if (target === undefined)
    return (
      (party === 'NACC central' || party === 'NACC administrator') &&
      partyMay[party](viewer, { provinceId: 0 })
    );
  return partyMay[party](viewer, target);
}

/**
 * The record when the viewer may take the action on it, else NOT_FOUND (never
 * FORBIDDEN): a missing record (null) and one out of reach answer the same.
 * `lao` is the record's LAO (the record itself when it is an LAO).
 */
export const requireCan = <T>(
  viewer: Viewer,
  action: Action,
  record: T | null | undefined,
  lao: LaoScope | null | undefined,
  what = 'ข้อมูล',
): T => {
  if (record === null || record === undefined || !lao || !can(viewer, action, lao)) throw notFound(what);
  return record;
};

export const requireSignedIn = (viewer: Viewer): SignedInViewer => {
  if (viewer.kind !== 'account') throw unauthenticated();
  return viewer;
};

/** Throws NOT_FOUND (never FORBIDDEN) when the record is out of the viewer's reach. */
export const requireAccess = <T>(allowed: boolean, record: T, what = 'ข้อมูล'): T => {
  if (!allowed) throw notFound(what);
  return record;
};

/** Which LAOs' records a viewer's lists hold: every LAO, those of some provinces, or its own. */
export type ListScope =
  { kind: 'all' } | { kind: 'provinces'; provinceIds: readonly number[] } | { kind: 'lao'; laoId: number };

/** The viewer's list scope; anyone else (not signed in) may list nothing here. */
export const listScope = (viewer: Viewer): ListScope => {
  if (viewer.kind === 'public') return { kind: 'all' };
  if (viewer.kind === 'partner')
    return viewer.provinceIds === null
      ? { kind: 'all' }
      : { kind: 'provinces', provinceIds: viewer.provinceIds };
  if (viewer.kind === 'account') {
    if (viewer.role === Role.NACC_CENTRAL) return { kind: 'all' };
    if (viewer.role === Role.NACC_PROVINCE || viewer.role === Role.NACC_REGION)
      return { kind: 'provinces', provinceIds: viewer.provinceIds };
    if (viewer.role === Role.LAO && viewer.laoId !== null) return { kind: 'lao', laoId: viewer.laoId };
  }
  throw new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');
};

/**
 * Limits a list query to the viewer's scope: `province` names the column of the
 * rows' province, `lao` the column of their LAO. A list without an `lao` column
 * is not an LAO's to read (FORBIDDEN for an LAO account).
 */
export const restrictToScope = (
  query: WhereExpressionBuilder,
  viewer: Viewer,
  columns: { province: string; lao?: string },
): void => {
  const scope = listScope(viewer);
  if (scope.kind === 'provinces')
    query.andWhere(`${columns.province} = ANY(:scopeProvinces)`, { scopeProvinces: scope.provinceIds });
  if (scope.kind === 'lao') {
    if (columns.lao === undefined) throw new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');
    query.andWhere(`${columns.lao} = :scopeLao`, { scopeLao: scope.laoId });
  }
};
