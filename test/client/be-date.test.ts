import {
  daysInMonth,
  displayYear,
  fiscalYearSpan,
  isoDateOf,
  partsOfIsoDate,
  toBuddhistYear,
  toGregorianYear,
} from '../../client/src/composables/be-date';

describe('Buddhist-Era dates of the forms', () => {
  it('converts years both ways (พ.ศ. = ค.ศ. + 543)', () => {
    expect(toBuddhistYear(2023)).toBe(2566);
    expect(toGregorianYear(2566)).toBe(2023);
    for (const year of [1957, 2000, 2024, 2027]) expect(toGregorianYear(toBuddhistYear(year))).toBe(year);
    expect(displayYear(2027, 'th')).toBe(2570);
    expect(displayYear(2027, 'en')).toBe(2027);
  });

  it('builds only real days, in the Gregorian YYYY-MM-DD the API is sent', () => {
    expect(isoDateOf({ year: 2027, month: 5, day: 7 })).toBe('2027-05-07');
    expect(isoDateOf({ year: toGregorianYear(2567), month: 2, day: 29 })).toBe('2024-02-29');
    expect(isoDateOf({ year: 2027, month: 2, day: 29 })).toBeNull();
    expect(isoDateOf({ year: 2027, month: 4, day: 31 })).toBeNull();
    expect(isoDateOf({ year: 2027, month: 13, day: 1 })).toBeNull();
    expect(isoDateOf({ year: 2027, month: 5 })).toBeNull();
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2027, 12)).toBe(31);
  });

  it('reads a stored day back into its parts, refusing what is not a day', () => {
    expect(partsOfIsoDate('2027-05-07')).toEqual({ year: 2027, month: 5, day: 7 });
    expect(partsOfIsoDate('2027-02-30')).toBeNull();
    expect(partsOfIsoDate('2570-05-07T00:00')).toBeNull();
    expect(partsOfIsoDate('')).toBeNull();
  });

  // en-GB abbreviates September as "Sept" (ICU 72 and later).
  it('gives the Gregorian months of a fiscal year: 1 October to 30 September', () => {
    expect(fiscalYearSpan(2566)).toEqual({ from: 'Oct 2022', to: 'Sept 2023', short: '2022–23' });
    expect(fiscalYearSpan(2570)).toEqual({ from: 'Oct 2026', to: 'Sept 2027', short: '2026–27' });
  });
});
