import { AppError, badInput } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { ReviewStatus } from '../project/project.enums';
import { isPositiveAmount } from '../../graphql/decimal.scalar';
import { ImplementationLevel, ReportingState, RoundKind } from './report.enums';

/*
 * The reporting rulebook: every rule of progress reporting and the implementation level,
 * written once (DOMAIN.md, "Progress report" and "Implementation level"). Services,
 * resolvers, the reminder job, the analytics, the summary functions in the database
 * (summary-functions.ts) and the docs (docs/api.md, generated block) read them from here.
 *
 *   which projects count ............ countsTowardPercentage / countedProjectSql
 *   the percentage .................. percentageSql
 *   level thresholds, a level ....... levelThresholds / levelSql
 *   where an LAO stands in a round .. reportingStateSql / coverageCountsSql
 *   the deadline of an LAO .......... effectiveDeadline / grantedUntilSql
 *   whether a round is open ......... roundStateAt
 *   which amounts a report asks for . requireAmountsMatchBudgetUse
 */

// ---------------------------------------------------------------- which projects count

/** What "does it count" reads of a project: NACC's review and whether the LAO withdrew it. */
export type CountedState = { reviewStatus: ReviewStatus; withdrawnAt: Date | null };

/**
 * A project counts toward the percentage (and must be reported) unless NACC rejected it or the
 * LAO withdrew it from its plan: approved and still-pending projects count, rejected ones count
 * nowhere (DOMAIN.md, Implementation level — Decision; manual FAQ 8: a rejected project needs no
 * report), and neither does a withdrawn one, from the moment it is withdrawn: it is no longer
 * in the plan (NACC's letters of 2563: "การเพิ่ม/ลด จำนวนโครงการ" through "จัดการโครงการ";
 * docs/domain-decisions.md, Plan revision). Its reports stay readable, in no count.
 */
export const countsTowardPercentage = (project: CountedState): boolean =>
  project.reviewStatus !== ReviewStatus.REJECTED && project.withdrawnAt === null;

/** The same rule in SQL, over a `project` row aliased `p` (or a bare column list with ''). */
export const countedProjectSql = (p: string): string => {
  const column = (name: string) => `${p ? `${p}.` : ''}${name}`;
  return `(${column('review_status')} <> '${ReviewStatus.REJECTED}' AND ${column('withdrawn_at')} IS NULL)`;
};

// ---------------------------------------------------------------- percentage and level

/**
 * The percentage of a row with counts `eligible`, `reported`, `completed` (alias `c`):
 * projects reported *completed* in the round over the projects that count, × 100, two
 * decimals (in-progress and unable reports are reported, not completed); null when the LAO
 * has no report in the round.
 */
export const percentageSql = (c: string): string =>
  `CASE WHEN ${c}.reported = 0 OR ${c}.eligible = 0 THEN NULL
        ELSE round(100.0 * ${c}.completed / ${c}.eligible, 2) END`;

/** The rounds in their order (6-month first). */
export const roundKinds: readonly RoundKind[] = [RoundKind.SIX_MONTH, RoundKind.TWELVE_MONTH];

/** The level thresholds per round: `high` and `medium` are the lowest percentages of those levels. */
export const levelThresholds: Record<RoundKind, { high: number; medium: number }> = {
  [RoundKind.SIX_MONTH]: { high: 50, medium: 20 },
  [RoundKind.TWELVE_MONTH]: { high: 80, medium: 50 },
};

/** The level of a percentage (null: not reported), the thresholds as SQL expressions (parameters or literals). */
export const levelSql = (percentage: string, high: string, medium: string): string =>
  `CASE WHEN ${percentage} IS NULL THEN '${ImplementationLevel.NOT_REPORTED}'
        WHEN ${percentage} >= ${high} THEN '${ImplementationLevel.HIGH}'
        WHEN ${percentage} >= ${medium} THEN '${ImplementationLevel.MEDIUM}'
        ELSE '${ImplementationLevel.LOW}' END`;

/** The thresholds of a round as `[high, medium]` SQL parameters. */
export const thresholdParams = (round: RoundKind): [number, number] => [
  levelThresholds[round].high,
  levelThresholds[round].medium,
];

// ---------------------------------------------------------------- where an LAO stands

/**
 * The reporting state of a row with counts `eligible`, `reported` and the year's plan status
 * `plan_status` (alias `c`). The plan decides first: without a plan of the year that passed
 * the standard an LAO cannot report (manual FAQ 5), whatever its counts, so it is never
 * "reported completely" and never "not reported" either. With a passed plan, an LAO that
 * recorded no counted project (0 of 0) has not reported. The coverage tables count these
 * states and the worklist filters on them, so the two always agree.
 */
export const reportingStateSql = (c: string): string =>
  `CASE WHEN ${c}.plan_status IS DISTINCT FROM 'PASSED' THEN '${ReportingState.NO_PASSED_PLAN}'
        WHEN ${c}.reported = 0 THEN '${ReportingState.NOT_REPORTED}'
        WHEN ${c}.reported < ${c}.eligible THEN '${ReportingState.PARTLY_REPORTED}'
        ELSE '${ReportingState.FULLY_REPORTED}' END`;

/** Coverage counts over rows aliased `t` carrying `reporting_state`: one column per state. */
export const coverageCountsSql = `
  count(*) FILTER (WHERE t.reporting_state = '${ReportingState.NO_PASSED_PLAN}')::int AS no_plan,
  count(*) FILTER (WHERE t.reporting_state = '${ReportingState.FULLY_REPORTED}')::int AS fully,
  count(*) FILTER (WHERE t.reporting_state = '${ReportingState.PARTLY_REPORTED}')::int AS partly,
  count(*) FILTER (WHERE t.reporting_state = '${ReportingState.NOT_REPORTED}')::int AS none`;

// ---------------------------------------------------------------- rounds and deadlines

/**
 * An LAO's deadline in a round: the round's own, or a later extension NACC granted it
 * (DOMAIN.md, Progress report — Decision: windows per fiscal year, per-LAO extensions).
 * Deadlines are exclusive instants: reports are accepted strictly before them.
 */
export const effectiveDeadline = (closesAt: Date, extendedUntil: Date | null): Date =>
  extendedUntil && extendedUntil > closesAt ? extendedUntil : closesAt;

/** The latest granted extension of round `round` for LAO `lao` (SQL expressions), or NULL. */
export const grantedUntilSql = (round: string, lao: string): string =>
  `(SELECT max(e.until) FROM round_extension e
     WHERE e.round_id = ${round} AND e.lao_id = ${lao} AND e.status = 'GRANTED')`;

/** `effectiveDeadline` in SQL, for a round row aliased `rr` and an LAO id expression. */
export const effectiveDeadlineSql = (rr: string, lao: string): string =>
  `greatest(${rr}.closes_at, coalesce(${grantedUntilSql(`${rr}.id`, lao)}, ${rr}.closes_at))`;

export type RoundState = 'NOT_OPEN' | 'OPEN' | 'CLOSED';

/** Where a round stands at `now` for one LAO (its extension) or anyone (none). */
export const roundStateAt = (
  round: { opensAt: Date; closesAt: Date },
  extendedUntil: Date | null,
  now: Date,
): RoundState => {
  if (now < round.opensAt) return 'NOT_OPEN';
  return now < effectiveDeadline(round.closesAt, extendedUntil) ? 'OPEN' : 'CLOSED';
};

// ---------------------------------------------------------------- amounts of a report

/**
 * A report asks for the ordinance budget and the disbursed amount only when its project uses
 * budget (LEGACY.md §3.5: "if the project has a budget, the form … asks for the ordinance budget
 * and the disbursed amount. Otherwise both are stored as 0"). A project without budget takes no
 * amount (0 or nothing is accepted and stored as 0); one with budget must give both.
 */
export const requireAmountsMatchBudgetUse = (
  usesBudget: boolean,
  amounts: { ordinanceBudget?: string | null; disbursed?: string | null },
): void => {
  const fields = ['ordinanceBudget', 'disbursed'] as const;
  if (!usesBudget) {
    const given = fields.filter((field) => isPositiveAmount(amounts[field]));
    if (given.length > 0) {
      const message =
        'โครงการนี้ดำเนินการโดยไม่ใช้งบประมาณ จึงไม่ต้องรายงานงบประมาณตามข้อบัญญัติและการเบิกจ่ายจริง กรุณาลบจำนวนเงินออก';
      throw new AppError(ErrorCode.PROJECT_WITHOUT_BUDGET, message, {
        fields: given.map((field) => ({ field, constraints: ['withoutBudget'], message })),
      });
    }
    return;
  }
  const messages = {
    ordinanceBudget: 'กรุณากรอกงบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)',
    disbursed: 'กรุณากรอกจำนวนเงินที่เบิกจ่ายจริง (บาท)',
  };
  const missing = fields.filter((field) => amounts[field] == null || amounts[field] === '');
  if (missing.length > 0)
    throw badInput(
      missing.map((field) => ({ field, constraints: ['requiredWithBudget'], message: messages[field] })),
    );
};
