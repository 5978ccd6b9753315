import { can, type LaoScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { assessorLevel, mayAssessPlanAt, maySelfAssess } from './assessment-rules';
import { AssessmentVerdict, PlanStatus } from './plan.enums';

// Scores, the pass mark and when NACC and the LAO may assess: the assessment rulebook, part of this one.
export * from './assessment-rules';

/**
 * The plan rulebook: which plan states allow which actions. A plan of one LAO and fiscal year
 * goes draft → submitted → passed / incomplete; an incomplete plan is revised and submitted
 * again. Who may act (the LAO itself, NACC within its reach) is `auth/policy`'s; which state
 * allows it is decided here only. The services throw the `require…` refusals and
 * `Plan.viewerCan` reads the `may…` predicates, so the app offers exactly what the API accepts.
 */
export type PlanState = { status: PlanStatus };

/** The LAO submits a plan it is still writing, or one NACC found incomplete. */
export const maySubmitPlan = (plan: PlanState): boolean =>
  plan.status === PlanStatus.DRAFT || plan.status === PlanStatus.INCOMPLETE;

export const requireMaySubmitPlan = (plan: PlanState): void => {
  if (!maySubmitPlan(plan))
    throw new AppError(ErrorCode.INVALID_STATE, 'แผนนี้ส่งแล้ว หรือผ่านการประเมินแล้ว จึงส่งซ้ำไม่ได้');
};

/** A plan goes to NACC with at least one project of its year that is not rejected. */
export const requirePlanHasProjects = (fiscalYear: number, projectsNotRejected: number): void => {
  if (projectsNotRejected === 0)
    throw new AppError(
      ErrorCode.INVALID_STATE,
      `ยังไม่มีโครงการในปีงบประมาณ ${fiscalYear} กรุณาบันทึกโครงการก่อนส่งแผน`,
    );
};

/** The assessment's verdict becomes the plan's state. */
export const statusAfterAssessment = (verdict: AssessmentVerdict): PlanStatus =>
  verdict === AssessmentVerdict.PASSED ? PlanStatus.PASSED : PlanStatus.INCOMPLETE;

/**
 * Progress is reported only for fiscal years whose plan passed the standard (manual FAQ 5);
 * the round's window is the reporting rulebook's (`report/reporting-rules.ts`).
 */
export const mayReportOnPlan = (status: PlanStatus | null): boolean => status === PlanStatus.PASSED;

export const requireMayReportOnPlan = (status: PlanStatus | null, fiscalYear: number): void => {
  if (!mayReportOnPlan(status))
    throw new AppError(
      ErrorCode.PLAN_NOT_PASSED,
      `แผนปฏิบัติการป้องกันการทุจริตปีงบประมาณ ${fiscalYear} ยังไม่ผ่านเกณฑ์ จึงยังรายงานผลไม่ได้ (รายงานผลได้เฉพาะปีที่แผนผ่านเกณฑ์)`,
    );
};

/**
 * `Plan.viewerCan`. Projects are recorded in any plan state: a draft is built from them, an
 * incomplete plan is revised through them, and a passed plan is revised the same way
 * (DOMAIN.md: "Revising a plan … goes through the same screens").
 */
export const planPermissions = (viewer: Viewer, lao: LaoScope, plan: PlanState) => {
  const records = can(viewer, 'project.record', lao);
  return {
    recordProjects: records,
    submit: can(viewer, 'plan.submit', lao) && maySubmitPlan(plan),
    assess: can(viewer, 'plan.assess', lao) && mayAssessPlanAt(plan, assessorLevel(viewer)),
    selfAssess: can(viewer, 'plan.selfAssess', lao) && maySelfAssess(plan),
    reportProgress: can(viewer, 'report.submit', lao) && mayReportOnPlan(plan.status),
  };
};
