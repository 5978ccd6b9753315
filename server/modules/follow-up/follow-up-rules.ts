import { AppError, type FieldError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { roundLabels, RoundKind } from '../report/report.enums';
import { effectiveDeadline, type RoundState } from '../report/reporting-rules';
import { formatDeadline } from '../report/round-defaults';
import { SiteVisitStatus } from './follow-up.enums';

/*
 * The follow-up rulebook: site visits of the provincial offices (นิเทศติดตาม) and the
 * problems, obstacles and suggestions LAOs file with a round (seed 000, pp. 24–26). Who may
 * do either is policy.ts's ('siteVisit.record', 'siteVisit.read', 'problems.file',
 * 'problems.read'); whether a round is open for an LAO is reporting-rules.ts's (`roundStateAt`).
 */

/** Today's calendar day in Bangkok, YYYY-MM-DD. */
export const bangkokDay = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(now);

const realDay = (day: string): boolean => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/**
 * What a visit needs before it is saved: a planned visit a planned day; a visit recorded as
 * done the day it took place (not in the future), the visiting officers and the findings.
 */
export const siteVisitFieldErrors = (
  input: {
    status: SiteVisitStatus;
    plannedOn?: string | null;
    visitedOn?: string | null;
    officers: string;
    findings: string;
  },
  now: Date,
): FieldError[] => {
  const errors: FieldError[] = [];
  const need = (field: string, message: string) => errors.push({ field, constraints: ['required'], message });
  for (const field of ['plannedOn', 'visitedOn'] as const) {
    const day = input[field];
    if (day && !realDay(day))
      errors.push({ field, constraints: ['isDate'], message: 'วันที่ไม่ถูกต้อง กรุณาเลือกใหม่' });
  }
  if (input.status === SiteVisitStatus.PLANNED && !input.plannedOn)
    need('plannedOn', 'กรุณาเลือกวันที่วางแผนลงพื้นที่นิเทศติดตาม');
  if (input.status === SiteVisitStatus.DONE) {
    if (!input.visitedOn) need('visitedOn', 'กรุณาเลือกวันที่ลงพื้นที่นิเทศติดตาม');
    else if (input.visitedOn > bangkokDay(now))
      errors.push({
        field: 'visitedOn',
        constraints: ['notInFuture'],
        message: 'วันที่ลงพื้นที่ต้องไม่เกินวันนี้ (บันทึกผลได้เมื่อนิเทศติดตามแล้ว)',
      });
    if (!input.officers.trim()) need('officers', 'กรุณาระบุคณะผู้นิเทศติดตาม');
    if (!input.findings.trim()) need('findings', 'กรุณาบันทึกผลการนิเทศติดตาม');
  }
  return errors;
};

/** A visit recorded as done stays done: its record may be corrected, not turned back into a plan. */
export const requireMayChangeVisit = (current: SiteVisitStatus, next: SiteVisitStatus): void => {
  if (current === SiteVisitStatus.DONE && next === SiteVisitStatus.PLANNED)
    throw new AppError(
      ErrorCode.INVALID_STATE,
      'บันทึกผลการนิเทศติดตามของ อปท. นี้แล้ว ไม่สามารถเปลี่ยนกลับเป็นแผนการลงพื้นที่ได้ (แก้ไขผลการนิเทศได้)',
    );
};

/**
 * Problems and suggestions are filed with a round while the round is open for the LAO (its
 * granted extension included), as its progress reports are: the same window, the same refusals.
 */
export const requireRoundOpenForProblems = (
  round: { opensAt: Date; closesAt: Date } | null,
  kind: RoundKind,
  fiscalYear: number,
  state: RoundState | null,
  extendedUntil: Date | null,
): void => {
  if (!round || state === null)
    throw new AppError(ErrorCode.ROUND_CLOSED, `ยังไม่ได้กำหนด${roundLabels[kind]} ปีงบประมาณ ${fiscalYear}`);
  if (state === 'NOT_OPEN')
    throw new AppError(
      ErrorCode.ROUND_NOT_OPEN,
      `${roundLabels[kind]} ปีงบประมาณ ${fiscalYear} ยังไม่เปิดรับรายงาน (เปิดรับตั้งแต่ ${formatDeadline(new Date(round.opensAt.getTime() + 1))})`,
      { opensAt: round.opensAt.toISOString() },
    );
  if (state === 'CLOSED') {
    const deadline = effectiveDeadline(round.closesAt, extendedUntil);
    throw new AppError(
      ErrorCode.ROUND_CLOSED,
      `ปิดรับปัญหา อุปสรรคและข้อเสนอแนะ${roundLabels[kind]} ปีงบประมาณ ${fiscalYear} แล้ว (กำหนดส่งภายใน ${formatDeadline(deadline)}) หากจำเป็นต้องส่ง กรุณาขอขยายเวลาจากสำนักงาน ป.ป.ช.`,
      { deadline: deadline.toISOString() },
    );
  }
};
