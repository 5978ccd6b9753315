import { Role } from '../../server/auth/role';
import type { Viewer } from '../../server/auth/viewer';
import { planPermissions } from '../../server/modules/plan/plan-rules';
import { PlanStatus } from '../../server/modules/plan/plan.enums';
import { projectPermissions } from '../../server/modules/project/project-rules';
import { ReviewStatus } from '../../server/modules/project/project.enums';

/** The rulebooks as tables a reviewer can read: state × viewer → what `viewerCan` (and the API) allow. */
const lao = { id: 7, provinceId: 65 };
const viewers = {
  own: { kind: 'account', role: Role.LAO, laoId: 7, accountId: 'a', displayName: 'อบต.', provinceIds: [] },
  nacc: {
    kind: 'account',
    role: Role.NACC_PROVINCE,
    provinceId: 65,
    provinceIds: [65],
    accountId: 'b',
    displayName: 'ป.ป.ช.',
  },
  central: {
    kind: 'account',
    role: Role.NACC_CENTRAL,
    accountId: 'c',
    displayName: 'ส่วนกลาง',
    provinceIds: [],
  },
  public: { kind: 'public' },
} as unknown as Record<string, Viewer>;

describe('plan rules', () => {
  const none = {
    recordProjects: false,
    submit: false,
    assess: false,
    selfAssess: false,
    reportProgress: false,
  };
  const own = { ...none, recordProjects: true };
  it.each([
    [PlanStatus.DRAFT, 'own', { ...own, submit: true, selfAssess: true }],
    // Under assessment: frozen for the LAO until NACC assesses it.
    [PlanStatus.SUBMITTED, 'own', { ...own, recordProjects: false, selfAssess: true }],
    [PlanStatus.INCOMPLETE, 'own', { ...own, submit: true, selfAssess: true }],
    // A passed plan's self-assessment stays as it was.
    [PlanStatus.PASSED, 'own', { ...own, reportProgress: true }],
    [PlanStatus.DRAFT, 'nacc', none],
    [PlanStatus.SUBMITTED, 'nacc', { ...none, assess: true }],
    [PlanStatus.PASSED, 'nacc', none],
    [PlanStatus.INCOMPLETE, 'nacc', none],
    // NACC central (M) may re-assess a plan already assessed; its score overrides.
    [PlanStatus.DRAFT, 'central', none],
    [PlanStatus.SUBMITTED, 'central', { ...none, assess: true }],
    [PlanStatus.PASSED, 'central', { ...none, assess: true }],
    [PlanStatus.INCOMPLETE, 'central', { ...none, assess: true }],
    [PlanStatus.DRAFT, 'public', none],
  ])('a %s plan, viewed by %s', (status, viewer, allowed) => {
    expect(planPermissions(viewers[viewer], lao, { status })).toEqual(allowed);
  });
});

describe('project rules', () => {
  const withdrawn = new Date('2024-01-10T03:00:00Z');
  it.each([
    [ReviewStatus.PENDING, null, false, 'own', { edit: true, delete: true, withdraw: false, review: false }],
    [ReviewStatus.REJECTED, null, false, 'own', { edit: true, delete: true, withdraw: false, review: false }],
    [ReviewStatus.APPROVED, null, false, 'own', { edit: true, delete: false, withdraw: true, review: false }],
    [
      ReviewStatus.APPROVED,
      null,
      false,
      'nacc',
      { edit: false, delete: false, withdraw: false, review: true },
    ],
    [
      ReviewStatus.PENDING,
      null,
      false,
      'public',
      { edit: false, delete: false, withdraw: false, review: false },
    ],
    // A plan of one of its years under assessment: the LAO changes nothing; NACC still reviews.
    [ReviewStatus.PENDING, null, true, 'own', { edit: false, delete: false, withdraw: false, review: false }],
    [
      ReviewStatus.APPROVED,
      null,
      true,
      'own',
      { edit: false, delete: false, withdraw: false, review: false },
    ],
    [ReviewStatus.PENDING, null, true, 'nacc', { edit: false, delete: false, withdraw: false, review: true }],
    // Withdrawn: out of the plan, read-only for everyone.
    [
      ReviewStatus.APPROVED,
      withdrawn,
      false,
      'own',
      { edit: false, delete: false, withdraw: false, review: false },
    ],
    [
      ReviewStatus.APPROVED,
      withdrawn,
      false,
      'nacc',
      { edit: false, delete: false, withdraw: false, review: false },
    ],
  ])(
    'a %s project (withdrawn %s, frozen %s), viewed by %s',
    (reviewStatus, withdrawnAt, frozen, viewer, allowed) => {
      expect(projectPermissions(viewers[viewer], lao, { reviewStatus, withdrawnAt }, frozen)).toEqual(
        allowed,
      );
    },
  );
});
