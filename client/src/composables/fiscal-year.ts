import type { PlanCycleFieldsFragment as PlanCycle } from '../graphql/generated';

/** What the arithmetic reads of a plan cycle. */
type CycleYears = Pick<PlanCycle, 'startYear' | 'endYear'>;

/*
 * Fiscal-year arithmetic without Vue (tested in test/client/fiscal-year.test.ts);
 * use-fiscal-year.ts adds the URL and the plan cycles of the page.
 */

/** The Thai government fiscal year (พ.ศ.) of a moment: it starts on 1 October, Bangkok time. */
export const currentFiscalYear = (now: Date = new Date()): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return year + 543 + (month >= 10 ? 1 : 0);
};

/** Every fiscal year of every cycle, newest first. */
export const yearsOfCycles = (cycles: readonly CycleYears[]): number[] => {
  const years = new Set<number>();
  for (const cycle of cycles) {
    for (let year = cycle.startYear; year <= cycle.endYear; year += 1) years.add(year);
  }
  return [...years].sort((a, b) => b - a);
};

export const cycleOf = <C extends CycleYears>(cycles: readonly C[], year: number | null): C | null =>
  year === null ? null : (cycles.find((cycle) => cycle.startYear <= year && year <= cycle.endYear) ?? null);

/**
 * The current fiscal year when a cycle holds it, else the latest year of any cycle. Given the
 * years that have data (e.g. an LAO's plans, newest first), the current year only if it is one
 * of them, else the newest of them a cycle holds.
 */
export const defaultFiscalYear = (
  cycles: readonly CycleYears[],
  withData: readonly number[] | null = null,
  now: Date = new Date(),
): number | null => {
  const years = yearsOfCycles(cycles);
  const current = currentFiscalYear(now);
  if (withData && withData.length > 0 && !withData.includes(current)) {
    const newest = [...withData].sort((a, b) => b - a).find((year) => years.includes(year));
    if (newest !== undefined) return newest;
  }
  return years.includes(current) ? current : (years[0] ?? null);
};

/** A year from the URL (`?year=2566`), when it is a plausible Buddhist-Era year. */
export const yearFromQuery = (value: unknown): number | null => {
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  return year >= 2500 && year <= 2700 ? year : null;
};
