import { Role } from '../../server/auth/role';
import type { Viewer } from '../../server/auth/viewer';
import { planPermissions } from '../../server/modules/plan/plan-rules';
import { PlanStatus } from '../../server/modules/plan/plan.enums';
import { projectPermissions } from '../../server/modules/project/project-rules';
import { ReviewStatus } from '../../server/modules/project/project.enums';

/** The rulebooks as tables a reviewer can read: state × viewer → what `viewerCan` (and the API) allow. */
const lao = { id: 7, provinceId: 65 };
const viewers = {
  own: { kind: 'account', role: Role.LAO, laoId: 7, accountId: 'a', displayName: 'อบต.' },
  nacc: { kind: 'account', role: Role.NACC_PROVINCE, provinceId: 65, accountId: 'b', displayName: 'ป.ป.ช.' },
  public: { kind: 'public' },
} as unknown as Record<string, Viewer>;

describe('plan rules', () => {
  it.each([
    [PlanStatus.DRAFT, 'own', { recordProjects: true, submit: true, assess: false, reportProgress: false }],
    // Under assessment: frozen for the LAO until NACC assesses it.
    [
      PlanStatus.SUBMITTED,
      'own',
      { recordProjects: false, submit: false, assess: false, reportProgress: false },
    ],
    [
      PlanStatus.INCOMPLETE,
      'own',
      { recordProjects: true, submit: true, assess: false, reportProgress: false },
    ],
    [PlanStatus.PASSED, 'own', { recordProjects: true, submit: false, assess: false, reportProgress: true }],
    [
      PlanStatus.SUBMITTED,
      'nacc',
      { recordProjects: false, submit: false, assess: true, reportProgress: false },
    ],
    [
      PlanStatus.PASSED,
      'nacc',
      { recordProjects: false, submit: false, assess: false, reportProgress: false },
    ],
    [
      PlanStatus.DRAFT,
      'public',
      { recordProjects: false, submit: false, assess: false, reportProgress: false },
    ],
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
