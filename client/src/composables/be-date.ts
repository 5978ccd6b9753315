// Calendar days as the forms hold them (`2023-05-15`, Gregorian, what the API is sent) and as
// people read them: Thai shows the Buddhist Era (พ.ศ. = ค.ศ. + 543), English the Common Era.

/** The Buddhist Era's offset from the Common Era. */
export const buddhistEraOffset = 543;

export const toBuddhistYear = (gregorianYear: number): number => gregorianYear + buddhistEraOffset;

export const toGregorianYear = (buddhistYear: number): number => buddhistYear - buddhistEraOffset;

/** Days of a month (1–12) of a Gregorian year. */
export const daysInMonth = (gregorianYear: number, month: number): number =>
  new Date(Date.UTC(gregorianYear, month, 0)).getUTCDate();

export type DateParts = { year: number; month: number; day: number };

/** A real calendar day as `YYYY-MM-DD` (Gregorian), or null (31 February, a missing part). */
export const isoDateOf = (parts: Partial<DateParts>): string | null => {
  const { year, month, day } = parts;
  if (!year || !month || !day) return null;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** `YYYY-MM-DD` (Gregorian) → its parts, or null when it is not a real day. */
export const partsOfIsoDate = (value: string): DateParts | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isoDateOf(parts) === value ? parts : null;
};

/** A year as the language reads it: Buddhist Era in Thai, Common Era otherwise. */
export const displayYear = (gregorianYear: number, locale: string): number =>
  locale === 'en' ? gregorianYear : toBuddhistYear(gregorianYear);

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The Gregorian span of a fiscal year (พ.ศ.): 1 October of the year before to 30 September,
 * e.g. 2566 → from Oct 2022 to Sep 2023, short 2022–23.
 */
export const fiscalYearSpan = (year: number) => {
  const end = year - 543;
  return {
    from: monthYear.format(new Date(Date.UTC(end - 1, 9, 1))),
    to: monthYear.format(new Date(Date.UTC(end, 8, 1))),
    short: `${end - 1}–${String(end).slice(-2)}`,
  };
};
