import type { ApiScope } from './api-scope';
import { Role } from './role';

/** Who is calling. Every service method takes it first. */
export type Viewer =
  | { kind: 'anonymous' }
  /** What public operations read as: every LAO's public data; private fields stay guarded per field. */
  | { kind: 'public' }
  | {
      kind: 'account';
      accountId: string;
      sessionId: string;
      role: Role;
      /** Shown in history timelines and on reports. */
      displayName: string;
      /** Set for role LAO: the one LAO this account belongs to. */
      laoId: number | null;
      /** Set for role NACC_PROVINCE: the one province it oversees. */
      provinceId: number | null;
      /** Set for role NACC_REGION: the region (ภาค) it oversees. */
      regionId: number | null;
      /**
       * The provinces a provincial or regional office reaches (its province; its region's
       * provinces as they are now); empty for every other account.
       */
      provinceIds: readonly number[];
      /** A NACC central administrator (staff accounts, regions, contact channels). */
      administrator: boolean;
      /**
       * The account must change its password first (e.g. a legacy password kept at import): this
       * session may only change it (`access-rules.ts`, `passwordChangeOnly`).
       */
      mustChangePassword?: boolean;
    }
  /** A partner organisation's API key (role PARTNER): reads only, within its scopes and provinces. */
  | {
      kind: 'partner';
      apiKeyId: string;
      organisation: string;
      scopes: readonly ApiScope[];
      /** Null: every province. */
      provinceIds: readonly number[] | null;
    };

export type SignedInViewer = Extract<Viewer, { kind: 'account' }>;

export const anonymous: Viewer = { kind: 'anonymous' };

export const publicReader: Viewer = { kind: 'public' };

export const roleOf = (viewer: Viewer): Role | null =>
  viewer.kind === 'account' ? viewer.role : viewer.kind === 'partner' ? Role.PARTNER : null;
