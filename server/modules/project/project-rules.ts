import { can, type LaoScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPositiveAmount } from '../../graphql/decimal.scalar';
import { type CountedState, countsTowardPercentage } from '../report/reporting-rules';
import { ReviewStatus } from './project.enums';

/**
 * The project rulebook: which review states allow which actions. NACC reviews each project:
 * pending → approved (consistent with its dimension) or rejected (not consistent). Who may act
 * (the LAO itself, NACC within its reach) is `auth/policy`'s; which state allows it is decided
 * here only. The services throw the `require…` refusals and `Project.viewerCan` reads the `may…`
 * predicates, so the app offers exactly what the API accepts.
 */
export type ProjectState = { reviewStatus: ReviewStatus; withdrawnAt: Date | null };

/**
 * A withdrawn project (`withdrawProject`) is out of the plan for good: it keeps its record, its
 * reason and its reports for NACC and history, and nobody edits, deletes, reviews or reports it.
 */
export const isWithdrawn = (project: ProjectState): boolean => project.withdrawnAt !== null;

export const requireNotWithdrawn = (project: ProjectState): void => {
  if (isWithdrawn(project))
    throw new AppError(
      ErrorCode.INVALID_STATE,
      'โครงการนี้ถอนออกจากแผนแล้ว จึงแก้ไข ลบ หรือตรวจสอบไม่ได้ (ยังเปิดดูรายละเอียดและเหตุผลที่ถอนได้)',
    );
};

/**
 * The LAO edits its projects in any state. Editing what NACC approved (anything but the
 * remarks) sends it back to review: the approval was of what it said then.
 */
export const editReturnsToReview = (before: ProjectState, reviewedFieldsChanged: boolean): boolean =>
  before.reviewStatus === ReviewStatus.APPROVED && reviewedFieldsChanged;

/**
 * Pending and rejected projects may be deleted (DOMAIN.md: "a rejected project needs no progress
 * report and the LAO may delete it"; the legacy way to correct a wrong entry is to delete it and
 * enter it again). An approved project is part of the accepted plan: it is revised, not deleted.
 *
 * A deleted project takes its progress reports with it, in the same transaction (issue 22, bug
 * 3): a report means nothing without its project, no one can delete a report on its own, and
 * refusing would leave a project reported before NACC rejected it undeletable for ever. Nothing
 * is lost: the database writes a tombstone per deleted report and project for partner sync
 * (trigger `record_deletion`), the summary triggers recount the LAO's year at commit, and the
 * project's change history keeps the reports with every version (`ProjectService.delete`).
 */
export const mayDeleteProject = (project: ProjectState): boolean =>
  project.reviewStatus !== ReviewStatus.APPROVED && !isWithdrawn(project);

export const requireMayDeleteProject = (project: ProjectState): void => {
  requireNotWithdrawn(project);
  if (!mayDeleteProject(project))
    throw new AppError(
      ErrorCode.INVALID_STATE,
      'โครงการนี้ได้รับการรับรองจากสำนักงาน ป.ป.ช. แล้ว จึงลบไม่ได้ หากต้องการปรับแผน กรุณาแก้ไขรายละเอียดแทน',
    );
};

/**
 * Plan revision (NACC's letters of 2563, "การเพิ่ม/ลด จำนวนโครงการ" through "จัดการโครงการ";
 * issue 23): the LAO takes an approved project out of its plan by withdrawing it with a reason
 * (ถอนออกจากแผน), not by deleting it: it was part of the plan NACC accepted, so its record,
 * the reason and any reports stay for NACC and history, and it counts nowhere from then on
 * (`countsTowardPercentage`). A pending or rejected project was never accepted into the plan:
 * the LAO deletes it instead (`mayDeleteProject`), and may restore it from its history.
 */
export const mayWithdrawProject = (project: ProjectState): boolean =>
  project.reviewStatus === ReviewStatus.APPROVED && !isWithdrawn(project);

export const requireMayWithdrawProject = (project: ProjectState): void => {
  requireNotWithdrawn(project);
  if (!mayWithdrawProject(project))
    throw new AppError(
      ErrorCode.INVALID_STATE,
      'ถอนออกจากแผนได้เฉพาะโครงการที่ได้รับการรับรองจากสำนักงาน ป.ป.ช. แล้ว โครงการที่รอการตรวจสอบหรือถูกปฏิเสธ กรุณาลบแทน',
    );
};

/** A withdrawal says why (NACC reads it on the project). */
export const requireWithdrawalReason = (reason: string | null): void => {
  if (!reason)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'กรุณาระบุเหตุผลที่ถอนโครงการออกจากแผน', {
      fields: [
        { field: 'reason', constraints: ['requiredToWithdraw'], message: 'กรุณาระบุเหตุผลที่ถอนโครงการออกจากแผน' },
      ],
    });
};

/**
 * A project deleted by mistake is restored from its history (legacy "recover",
 * `projectrecovery*.php`, LEGACY.md §3.3), with its reports, while its plan cycle runs: after
 * the cycle's last fiscal year nobody revises that plan any more.
 */
export const mayRestoreInCycle = (cycle: { endYear: number }, currentFiscalYear: number): boolean =>
  currentFiscalYear <= cycle.endYear;

export const requireMayRestoreInCycle = (
  cycle: { startYear: number; endYear: number },
  currentFiscalYear: number,
): void => {
  if (!mayRestoreInCycle(cycle, currentFiscalYear))
    throw new AppError(
      ErrorCode.INVALID_STATE,
      `รอบแผน ${cycle.startYear}–${cycle.endYear} สิ้นสุดแล้ว จึงกู้คืนโครงการของรอบแผนนี้ไม่ได้ หากต้องการดำเนินโครงการนี้ต่อ กรุณาบันทึกเป็นโครงการใหม่ในรอบแผนปัจจุบัน`,
    );
};

/**
 * NACC may review a project in any state, and review it again: a decision can be revised, and an
 * edited approved project comes back pending (`editReturnsToReview`). A withdrawn project is out
 * of the plan and is not reviewed any more.
 */
export const mayReviewProject = (project: ProjectState): boolean => !isWithdrawn(project);

/** A rejection says why (the LAO reads it on the project); an approval needs no reason. */
export const requireReviewReason = (decision: ReviewStatus, reason: string | null): void => {
  if (decision === ReviewStatus.REJECTED && !reason)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'กรุณาระบุเหตุผลที่ปฏิเสธโครงการ', {
      fields: [{ field: 'reason', constraints: ['requiredToReject'], message: 'กรุณาระบุเหตุผลที่ปฏิเสธโครงการ' }],
    });
};

/**
 * A project takes progress reports for the fiscal years it runs in when it counts toward the
 * percentage (reporting-rules.ts: a rejected project needs no report). The plan of that year must have passed too
 * (`plan-rules.ts`), and the round must be open for the LAO (`report/reporting-rules.ts`).
 */
export const mayReportOnProject = (
  project: CountedState & { fiscalYears: number[] },
  fiscalYear: number,
): boolean => project.fiscalYears.includes(fiscalYear) && countsTowardPercentage(project);

export const requireMayReportOnProject = (
  project: CountedState & { fiscalYears: number[] },
  fiscalYear: number,
): void => {
  if (!project.fiscalYears.includes(fiscalYear))
    throw new AppError(
      ErrorCode.PROJECT_NOT_IN_YEAR,
      `โครงการนี้ไม่ได้ดำเนินการในปีงบประมาณ ${fiscalYear} (ดำเนินการในปี ${project.fiscalYears.join(', ')})`,
    );
  if (project.withdrawnAt !== null)
    throw new AppError(
      ErrorCode.PROJECT_WITHDRAWN,
      'โครงการนี้ถอนออกจากแผนแล้ว จึงไม่ต้องรายงานผล (รายงานที่ส่งไว้ก่อนถอนยังเปิดดูได้)',
    );
  if (!countsTowardPercentage(project))
    throw new AppError(
      ErrorCode.PROJECT_REJECTED,
      'โครงการนี้ไม่ได้รับการรับรองจากสำนักงาน ป.ป.ช. (ไม่สอดคล้องกับมิติที่กำหนด) จึงไม่ต้องรายงานผล',
    );
};

/**
 * Budget use (seed 000 p.32 "ใช้งบประมาณ" / "ดำเนินการโดยไม่ใช้งบประมาณ"; legacy `non_budget`, 'Y' =
 * has budget): a project with budget gives its anti-corruption-plan budget (the local-development
 * one defaults to 0); a project without budget gives no amount at all (0 or nothing is accepted,
 * stored as 0 and shown as "ไม่ใช้งบประมาณ", never summed as an amount).
 */
export const requireBudgetMatchesUse = (fields: {
  usesBudget: boolean;
  antiCorruptionBudget?: string | null;
  localDevelopmentBudget?: string | null;
}): void => {
  if (!fields.usesBudget) {
    const given = (['antiCorruptionBudget', 'localDevelopmentBudget'] as const).filter((field) =>
      isPositiveAmount(fields[field]),
    );
    if (given.length > 0) {
      const message =
        'โครงการนี้ดำเนินการโดยไม่ใช้งบประมาณ จึงไม่ต้องกรอกงบประมาณ กรุณาลบจำนวนเงินออก หรือเลือก "ใช้งบประมาณ"';
      throw new AppError(ErrorCode.PROJECT_WITHOUT_BUDGET, message, {
        fields: given.map((field) => ({ field, constraints: ['withoutBudget'], message })),
      });
    }
    return;
  }
  if (fields.antiCorruptionBudget == null || fields.antiCorruptionBudget === '')
    throw badInput([
      {
        field: 'antiCorruptionBudget',
        constraints: ['requiredWithBudget'],
        message: 'กรุณากรอกงบประมาณตามแผนปฏิบัติการป้องกันการทุจริต (บาท) หรือเลือก "ดำเนินการโดยไม่ใช้งบประมาณ"',
      },
    ]);
};

/**
 * `Project.viewerCan`. `frozen`: the plan of one of its fiscal years is under assessment
 * (`plan-rules.ts`, `isPlanFrozen`), so the LAO changes nothing of it until NACC assesses it.
 */
export const projectPermissions = (viewer: Viewer, lao: LaoScope, project: ProjectState, frozen: boolean) => {
  const records = can(viewer, 'project.record', lao) && !frozen;
  return {
    edit: records && !isWithdrawn(project),
    delete: records && mayDeleteProject(project),
    withdraw: records && can(viewer, 'project.withdraw', lao) && mayWithdrawProject(project),
    review: can(viewer, 'project.review', lao) && mayReviewProject(project),
  };
};
