import { AppError, notFound, unauthenticated } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { Role } from './role';
import type { SignedInViewer, Viewer } from './viewer';

/**
 * Record-level access, in one module. What a viewer may not see answers
 * exactly like a record that does not exist, so ids cannot be probed.
 */
export type LaoScope = { id: number; provinceId: number };

export const requireSignedIn = (viewer: Viewer): SignedInViewer => {
  if (viewer.kind !== 'account') throw unauthenticated();
  return viewer;
};

export const canReadLao = (viewer: Viewer, lao: LaoScope): boolean => {
  if (viewer.kind === 'public') return true;
  if (viewer.kind === 'partner')
    return viewer.provinceIds === null || viewer.provinceIds.includes(lao.provinceId);
  if (viewer.kind !== 'account') return false;
  switch (viewer.role) {
    case Role.NACC_CENTRAL:
      return true;
    case Role.NACC_PROVINCE:
      return viewer.provinceId === lao.provinceId;
    case Role.LAO:
      return viewer.laoId === lao.id;
    default:
      return false;
  }
};

/** Only the LAO itself edits its profile. */
export const canEditLaoProfile = (viewer: Viewer, lao: LaoScope): boolean =>
  viewer.kind === 'account' && viewer.role === Role.LAO && viewer.laoId === lao.id;

/** Only the LAO itself records and edits its plan's projects and submits its plans. */
export const canRecordPlan = (viewer: Viewer, lao: LaoScope): boolean => canEditLaoProfile(viewer, lao);

/** NACC reviews projects and assesses plans: central everywhere, a provincial office in its province. */
export const canReviewPlan = (viewer: Viewer, lao: LaoScope): boolean =>
  viewer.kind === 'account' &&
  (viewer.role === Role.NACC_CENTRAL ||
    (viewer.role === Role.NACC_PROVINCE && viewer.provinceId === lao.provinceId));

/** Master data (code, name, type, place) is NACC central's. */
export const canEditLaoMasterData = (viewer: Viewer): boolean =>
  viewer.kind === 'account' && viewer.role === Role.NACC_CENTRAL;

/** NACC central everywhere; a provincial office within its province. */
export const canManageLaoAccess = (viewer: Viewer, lao: LaoScope): boolean =>
  viewer.kind === 'account' &&
  (viewer.role === Role.NACC_CENTRAL ||
    (viewer.role === Role.NACC_PROVINCE && viewer.provinceId === lao.provinceId));

export const canManageProvince = (viewer: Viewer, provinceId: number): boolean =>
  viewer.kind === 'account' &&
  (viewer.role === Role.NACC_CENTRAL ||
    (viewer.role === Role.NACC_PROVINCE && viewer.provinceId === provinceId));

/** Throws NOT_FOUND (never FORBIDDEN) when the record is out of the viewer's reach. */
export const requireAccess = <T>(allowed: boolean, record: T, what = 'ข้อมูล'): T => {
  if (!allowed) throw notFound(what);
  return record;
};

/** Provinces a viewer's lists are limited to (null: all provinces). */
export const provinceScope = (viewer: Viewer): readonly number[] | null => {
  if (viewer.kind === 'public') return null;
  if (viewer.kind === 'partner') return viewer.provinceIds;
  if (viewer.kind === 'account' && viewer.role === Role.NACC_PROVINCE) return [viewer.provinceId as number];
  if (viewer.kind === 'account' && viewer.role === Role.NACC_CENTRAL) return null;
  throw new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');
};
