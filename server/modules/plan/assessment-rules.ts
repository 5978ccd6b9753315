import { can } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { TOTAL_MAX_SCORE } from './assessment-scale';
import { AssessmentVerdict, PlanStatus, ScoreLevel } from './plan.enums';

/**
 * The assessment rulebook (exported by `plan-rules.ts`): the three sets of scores a plan keeps
 * as the legacy `scoresar` did (LEGACY.md §1.8, §2.4, §3.9) — the LAO's self-assessment (L), a
 * provincial office's assessment (P) and NACC central's (M) — which of them is the effective
 * score, and what outcome the fiscal year's pass mark (legacy `criterionscore`, §3.10) gives it.
 * NACC's assessment is P or M by who made it: a provincial office's account gives P, a central
 * account M. Who may act is `auth/policy`'s; when, and what follows, is decided here only.
 */

/** A set of scores as the rulebook sees it: who gave it, its total (a decimal string), when. */
export type ScoreSet = { level: ScoreLevel; totalScore: string; at: Date };

/** Hundredths of a score given as a decimal string with at most two decimals: exact. */
const hundredths = (score: string): number => Math.round(Number(score) * 100);

/** The sum of dimension scores, exact (scores have at most two decimals). */
export const sumScores = (scores: readonly string[]): string =>
  (scores.reduce((total, score) => total + hundredths(score), 0) / 100).toFixed(2);

/** The level of an assessment NACC makes now: M for a central account, P for a provincial office. */
export const assessorLevel = (viewer: Viewer): ScoreLevel =>
  can(viewer, 'plan.assessCentral') ? ScoreLevel.CENTRAL : ScoreLevel.PROVINCIAL;

/**
 * NACC's scores that count are those given since the plan's last submission (a resubmitted plan
 * is assessed afresh); of them the newest of each level. The self-assessment is the LAO's newest.
 */
export const currentNaccScores = <T extends { level: ScoreLevel; assessedAt: Date }>(
  assessments: readonly T[],
  submittedAt: Date | null,
): { provincial: T | null; central: T | null } => {
  const since = submittedAt === null ? [] : assessments.filter((a) => a.assessedAt >= submittedAt);
  const newest = (level: ScoreLevel) =>
    since
      .filter((a) => a.level === level)
      .sort((a, b) => b.assessedAt.getTime() - a.assessedAt.getTime())[0] ?? null;
  return { provincial: newest(ScoreLevel.PROVINCIAL), central: newest(ScoreLevel.CENTRAL) };
};

/** The effective score: central's (M) if given, else the provincial office's (P), else the self-assessment (L). */
export const effectiveScore = <T>(scores: {
  self: T | null;
  provincial: T | null;
  central: T | null;
}): T | null => scores.central ?? scores.provincial ?? scores.self;

/** What the pass mark gives a total: passed when the total reaches the mark; null without a mark. */
export const verdictByPassMark = (totalScore: string, passMark: string | null): AssessmentVerdict | null => {
  if (passMark === null) return null;
  return hundredths(totalScore) >= hundredths(passMark)
    ? AssessmentVerdict.PASSED
    : AssessmentVerdict.INCOMPLETE;
};

const verdictLabel: Record<AssessmentVerdict, string> = {
  [AssessmentVerdict.PASSED]: 'ผ่านเกณฑ์',
  [AssessmentVerdict.INCOMPLETE]: 'ไม่ผ่านเกณฑ์ (ไม่สมบูรณ์)',
};

/**
 * The verdict of an assessment NACC makes. With a pass mark the outcome follows the total (the
 * assessor need not choose); an assessor who chooses the other outcome overrides it and must say
 * why (kept and shown). Without a pass mark for the year the assessor chooses, as before.
 */
export const decideVerdict = (args: {
  fiscalYear: number;
  totalScore: string;
  passMark: string | null;
  chosen?: AssessmentVerdict | null;
  overrideReason?: string | null;
}): {
  verdict: AssessmentVerdict;
  computedVerdict: AssessmentVerdict | null;
  overrideReason: string | null;
} => {
  const computed = verdictByPassMark(args.totalScore, args.passMark);
  const reason = args.overrideReason?.trim() || null;
  if (computed === null) {
    if (!args.chosen)
      throw badInput([
        {
          field: 'verdict',
          constraints: ['verdictRequired'],
          message: `ยังไม่ได้กำหนดเกณฑ์คะแนนผ่านของปีงบประมาณ ${args.fiscalYear} กรุณาเลือกผลการประเมิน`,
        },
      ]);
    return { verdict: args.chosen, computedVerdict: null, overrideReason: null };
  }
  const verdict = args.chosen ?? computed;
  if (verdict === computed) return { verdict, computedVerdict: computed, overrideReason: null };
  if (!reason)
    throw badInput([
      {
        field: 'overrideReason',
        constraints: ['overrideReasonRequired'],
        message: `คะแนนรวม ${args.totalScore} เทียบกับเกณฑ์ ${args.passMark} ได้ผล "${verdictLabel[computed]}" หากต้องการให้ผลเป็น "${verdictLabel[verdict]}" กรุณาระบุเหตุผลที่ปรับผล`,
      },
    ]);
  return { verdict, computedVerdict: computed, overrideReason: reason };
};

/**
 * NACC assesses a plan the LAO submitted. NACC central (M) may also assess a plan a provincial
 * office already assessed, passed or incomplete: central's score overrides (LEGACY.md §2.4).
 */
export const mayAssessPlanAt = (plan: { status: PlanStatus }, level: ScoreLevel): boolean =>
  plan.status === PlanStatus.SUBMITTED ||
  (level === ScoreLevel.CENTRAL &&
    (plan.status === PlanStatus.PASSED || plan.status === PlanStatus.INCOMPLETE));

export const requireMayAssessPlanAt = (plan: { status: PlanStatus }, level: ScoreLevel): void => {
  if (!mayAssessPlanAt(plan, level))
    throw new AppError(
      ErrorCode.INVALID_STATE,
      level === ScoreLevel.CENTRAL
        ? 'ประเมินได้เฉพาะแผนที่ อปท. ส่งแล้ว (แผนที่ยังเป็นร่างยังประเมินไม่ได้)'
        : 'ประเมินได้เฉพาะแผนที่ อปท. ส่งแล้วและยังไม่ได้ประเมิน',
    );
};

/**
 * The LAO enters or revises its self-assessment until its plan passes: while it writes the plan,
 * while NACC has it, and while revising a plan found incomplete. A passed plan's scores stay.
 */
export const maySelfAssess = (plan: { status: PlanStatus }): boolean => plan.status !== PlanStatus.PASSED;

export const requireMaySelfAssess = (plan: { status: PlanStatus }): void => {
  if (!maySelfAssess(plan))
    throw new AppError(ErrorCode.INVALID_STATE, 'แผนนี้ผ่านการประเมินแล้ว จึงแก้ไขคะแนนประเมินตนเองไม่ได้');
};

/** A pass mark as submitted: 0 to the highest total, at most two decimals. */
export const isPassMark = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= TOTAL_MAX_SCORE;

export const passMarkMessage = `เกณฑ์คะแนนผ่านต้องอยู่ระหว่าง 0 ถึง ${TOTAL_MAX_SCORE} ทศนิยมไม่เกิน 2 ตำแหน่ง`;
