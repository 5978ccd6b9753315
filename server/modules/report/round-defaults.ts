import type { EntityManager } from 'typeorm';
import { RoundKind } from './report.enums';
import { ReportingRound } from './reporting-round.entity';

/** Midnight at the start of a day in Bangkok (UTC+7, no daylight saving), as an instant. */
const bangkokMidnight = (year: number, monthIndex: number, day: number): Date =>
  new Date(Date.UTC(year, monthIndex, day) - 7 * 3600 * 1000);

/** The Thai fiscal year (พ.ศ.) of an instant: it starts on 1 October, Bangkok time. */
export const fiscalYearOf = (instant: Date): number => {
  const local = new Date(instant.getTime() + 7 * 3600 * 1000);
  return local.getUTCFullYear() + 543 + (local.getUTCMonth() >= 9 ? 1 : 0);
};

/**
 * Default windows of fiscal year `fy` (พ.ศ.), which runs 1 October (fy-544) – 30 September (fy-543):
 * the 6-month round from the start of the year until the end of April; the 12-month round
 * from 1 April until the end of October (DOMAIN.md, Progress report — Decision). NACC edits them.
 */
export const defaultRoundWindows = (fiscalYear: number) => {
  const ce = fiscalYear - 543;
  return [
    {
      fiscalYear,
      kind: RoundKind.SIX_MONTH,
      opensAt: bangkokMidnight(ce - 1, 9, 1),
      closesAt: bangkokMidnight(ce, 4, 1),
    },
    {
      fiscalYear,
      kind: RoundKind.TWELVE_MONTH,
      opensAt: bangkokMidnight(ce, 3, 1),
      closesAt: bangkokMidnight(ce, 10, 1),
    },
  ];
};

/** Creates the default rounds of the given fiscal years where they do not exist yet. */
export const ensureDefaultRounds = async (manager: EntityManager, years: number[]): Promise<void> => {
  if (years.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(ReportingRound)
    .values(years.flatMap(defaultRoundWindows))
    .orIgnore()
    .execute();
};

const thaiDeadline = new Intl.DateTimeFormat('th-TH', {
  timeZone: 'Asia/Bangkok',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "30 เมษายน 2566 เวลา 23:59 น.": the last minute before an exclusive deadline, in Thai (พ.ศ.). */
export const formatDeadline = (closesAt: Date): string => {
  const text = thaiDeadline.format(new Date(closesAt.getTime() - 1));
  return `${text.includes('เวลา') ? text : text.replace(/\s*(\d{2}:\d{2})$/, ' เวลา $1')} น.`;
};
