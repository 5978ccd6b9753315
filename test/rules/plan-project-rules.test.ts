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
    [
      PlanStatus.SUBMITTED,
      'own',
      { recordProjects: true, submit: false, assess: false, reportProgress: false },
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
  it.each([
    [ReviewStatus.PENDING, 'own', { edit: true, delete: true, review: false }],
    [ReviewStatus.REJECTED, 'own', { edit: true, delete: true, review: false }],
    [ReviewStatus.APPROVED, 'own', { edit: true, delete: false, review: false }],
    [ReviewStatus.APPROVED, 'nacc', { edit: false, delete: false, review: true }],
    [ReviewStatus.PENDING, 'public', { edit: false, delete: false, review: false }],
  ])('a %s project, viewed by %s', (reviewStatus, viewer, allowed) => {
    expect(projectPermissions(viewers[viewer], lao, { reviewStatus })).toEqual(allowed);
  });
});
