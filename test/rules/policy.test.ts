import { type Action, can, listScope, requireCan } from '../../server/auth/policy';
import { Role } from '../../server/auth/role';
import type { Viewer } from '../../server/auth/viewer';

/**
 * Who may take which action on dintong's records (LAO 7, province 65), written out as a
 * table: one letter per viewer in `viewers` order (Y may, . may not). The API-level
 * record matrix (test/api/access/record-matrix.test.ts) checks the same through GraphQL.
 */
const account = (
  role: Role,
  extra: Partial<{ laoId: number; provinceId: number; provinceIds: number[]; administrator: boolean }>,
) =>
  ({
    kind: 'account',
    role,
    accountId: 'a',
    sessionId: 's',
    displayName: 'x',
    laoId: null,
    provinceId: null,
    regionId: null,
    provinceIds: extra.provinceId ? [extra.provinceId] : [],
    administrator: false,
    ...extra,
  }) as Viewer;
const viewers: Record<string, Viewer> = {
  own: account(Role.LAO, { laoId: 7 }),
  otherLao: account(Role.LAO, { laoId: 8 }),
  provinceIn: account(Role.NACC_PROVINCE, { provinceId: 65 }),
  provinceOut: account(Role.NACC_PROVINCE, { provinceId: 54 }),
  regionIn: account(Role.NACC_REGION, { provinceIds: [64, 65, 66] }),
  regionOut: account(Role.NACC_REGION, { provinceIds: [50, 54] }),
  central: account(Role.NACC_CENTRAL, {}),
  admin: account(Role.NACC_CENTRAL, { administrator: true }),
  partner65: { kind: 'partner', apiKeyId: 'k', organisation: 'DLA', scopes: [], provinceIds: [65] },
  partnerAll: { kind: 'partner', apiKeyId: 'k', organisation: 'DLA', scopes: [], provinceIds: null },
  public: { kind: 'public' },
  anonymous: { kind: 'anonymous' },
};
const dintong = { id: 7, provinceId: 65 };

//                                 own oth pIn pOut rIn rOut cen adm p65 pAll pub anon
const table: Record<Action, string> = {
  'lao.read': /*                   */ 'Y.Y.Y.YYYYY.',
  'lao.editProfile': /*            */ 'Y...........',
  'lao.editMasterData': /*         */ '......YY....',
  'lao.manageAccess': /*           */ '..Y.Y.YY....',
  'province.manageAccess': /*      */ '..Y.Y.YY....',
  'plan.submit': /*                */ 'Y...........',
  'plan.assess': /*                */ '..Y.Y.YY....',
  'plan.assessCentral': /*         */ '......YY....',
  'plan.selfAssess': /*            */ 'Y...........',
  'assessment.setPassMark': /*     */ '......YY....',
  'ita.record': /*                 */ '......YY....',
  'project.record': /*             */ 'Y...........',
  'project.review': /*             */ '..Y.Y.YY....',
  'project.withdraw': /*           */ 'Y...........',
  'project.restore': /*            */ 'Y.Y.Y.YY....',
  'report.submit': /*              */ 'Y...........',
  'report.attachEvidence': /*      */ 'Y...........',
  'report.viewEvidence': /*        */ 'Y.Y.Y.YY....',
  'report.publishEvidence': /*     */ 'Y...........',
  'round.requestExtension': /*     */ 'Y...........',
  'round.decideExtension': /*      */ '..Y.Y.YY....',
  'round.grantExtensionBatch': /*  */ '..Y.Y.YY....',
  'apiKey.manage': /*              */ '......YY....',
  'siteVisit.record': /*           */ '..Y.Y.YY....',
  'siteVisit.read': /*             */ 'Y.Y.Y.YY....',
  'problems.file': /*              */ 'Y...........',
  'problems.read': /*              */ 'Y.Y.Y.YY....',
  'staff.manage': /*               */ '.......Y....',
  'help.editContacts': /*          */ '.......Y....',
};

describe('record-level policy by action', () => {
  const names = Object.keys(viewers);
  it.each(Object.entries(table))('%s: %s', (action, letters) => {
    const actual = names.map((name) => (can(viewers[name], action as Action, dintong) ? 'Y' : '.')).join('');
    expect(actual).toBe(letters);
  });

  it('actions of NACC central alone need no record', () => {
    expect(names.filter((name) => can(viewers[name], 'apiKey.manage'))).toEqual(['central', 'admin']);
    expect(names.filter((name) => can(viewers[name], 'lao.editMasterData'))).toEqual(['central', 'admin']);
    expect(names.filter((name) => can(viewers[name], 'staff.manage'))).toEqual(['admin']);
    expect(names.filter((name) => can(viewers[name], 'help.editContacts'))).toEqual(['admin']);
  });

  it('a record out of reach answers exactly like a missing one: NOT_FOUND', () => {
    const outOfReach = (() => {
      try {
        requireCan(viewers.otherLao, 'report.submit', { id: 1 }, dintong, 'โครงการ');
      } catch (error) {
        return error as { extensions: { code: string }; message: string };
      }
    })();
    const missing = (() => {
      try {
        requireCan(viewers.own, 'report.submit', null, null, 'โครงการ');
      } catch (error) {
        return error as { extensions: { code: string }; message: string };
      }
    })();
    expect(outOfReach?.extensions.code).toBe('NOT_FOUND');
    expect(outOfReach?.message).toBe(missing?.message);
    expect(requireCan(viewers.own, 'report.submit', { id: 1 }, dintong)).toEqual({ id: 1 });
  });

  it('list scope: every LAO, some provinces, or its own; nobody else', () => {
    expect(listScope(viewers.central)).toEqual({ kind: 'all' });
    expect(listScope(viewers.partnerAll)).toEqual({ kind: 'all' });
    expect(listScope(viewers.public)).toEqual({ kind: 'all' });
    expect(listScope(viewers.provinceIn)).toEqual({ kind: 'provinces', provinceIds: [65] });
    expect(listScope(viewers.regionIn)).toEqual({ kind: 'provinces', provinceIds: [64, 65, 66] });
    expect(listScope(viewers.partner65)).toEqual({ kind: 'provinces', provinceIds: [65] });
    expect(listScope(viewers.own)).toEqual({ kind: 'lao', laoId: 7 });
    expect(() => listScope(viewers.anonymous)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
  });
});
