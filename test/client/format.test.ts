import { formatsFor } from '../../client/src/composables/format';
import { translations } from './translations';

const thai = (() => {
  const { t, locale } = translations('th');
  return formatsFor(t, locale);
})();
const english = (() => {
  const { t, locale } = translations('en');
  return formatsFor(t, locale);
})();

describe('dates, numbers and baht as each language reads them', () => {
  it('writes moments in Bangkok time, Thai in the Buddhist Era with the น. suffix', () => {
    // 17:00 UTC is midnight in Bangkok: the next day, and the next year on 31 December.
    expect(thai.dateTime('2023-04-30T17:00:00.000Z')).toBe('1 พฤษภาคม 2566 เวลา 00:00');
    expect(thai.instant('2023-04-30T17:00:00.000Z')).toBe('1 พฤษภาคม 2566 เวลา 00:00 น.');
    expect(thai.instant('2023-12-31T17:30:00.000Z')).toBe('1 มกราคม 2567 เวลา 00:30 น.');
    expect(english.instant('2023-12-31T17:30:00.000Z')).toBe('1 January 2024 at 00:30');
    expect(thai.instant(null)).toBe('');
    expect(thai.dateTime('')).toBe('');
  });

  it('shows an exclusive deadline as the last minute before it', () => {
    // closesAt: 1 May 2566 00:00 Bangkok; people read "until 30 April, 23:59".
    expect(thai.deadline('2023-04-30T17:00:00.000Z')).toBe('30 เมษายน 2566 เวลา 23:59 น.');
    expect(english.deadline('2023-04-30T17:00:00.000Z')).toBe('30 April 2023 at 23:59');
    expect(thai.deadline(undefined)).toBe('');
  });

  it('writes a day in words without the time', () => {
    expect(thai.longDate('2022-02-17')).toBe('17 กุมภาพันธ์ 2565');
    expect(english.longDate('2022-02-17')).toBe('17 February 2022');
    // A Date is read in Bangkok time too: 20:00 UTC on 16 February is already the 17th there.
    expect(thai.longDate(new Date('2022-02-16T20:00:00.000Z'))).toBe('17 กุมภาพันธ์ 2565');
    expect(thai.longDate(null)).toBe('');
  });

  it('groups thousands, keeps at most two decimals, and says when a number is missing', () => {
    expect(thai.number(1234567)).toBe('1,234,567');
    expect(thai.number('1234.5', 2)).toBe('1,234.50');
    expect(thai.number('87.125', 2)).toBe('87.13');
    expect(thai.number('2.999')).toBe('3');
    // Zero is a value, not a missing one.
    expect(thai.number(0)).toBe('0');
    expect(thai.number(null)).toBe('ยังไม่ได้ระบุ');
    expect(thai.number('')).toBe('ยังไม่ได้ระบุ');
    expect(english.number(undefined)).toBe('Not provided');
  });

  it('writes baht with exactly two decimals, up to the largest amount the API stores', () => {
    expect(thai.money('1234567.89')).toBe('1,234,567.89');
    expect(thai.money('12500.5')).toBe('12,500.50');
    expect(thai.money('0')).toBe('0.00');
    expect(thai.money(0)).toBe('0.00');
    // numeric(15,2): thirteen digits of baht, two of satang, all of them shown.
    expect(thai.money('9999999999999.99')).toBe('9,999,999,999,999.99');
    expect(english.money('-1234.5')).toBe('-1,234.50');
    expect(thai.money(null)).toBe('ยังไม่ได้ระบุ');
    // An import preview shows an unreadable cell as it was read.
    expect(thai.money('12,500 บาท')).toBe('12,500 บาท');
  });

  it('names a fiscal year by its พ.ศ. number, in English with the Gregorian months it runs', () => {
    expect(thai.fiscalYear(2566)).toBe('2566');
    expect(thai.fiscalYearOption('2566')).toBe('2566');
    // en-GB abbreviates September as "Sept" (ICU 72 and later).
    expect(english.fiscalYear(2566)).toBe('2566 B.E. (Oct 2022 – Sept 2023)');
    expect(english.fiscalYearOption('2570')).toBe('2570 (2026–27)');
  });

  it('reads the language at each call (a language switch needs no new formatter)', () => {
    const { t } = translations('th');
    let locale = 'th';
    const format = formatsFor(t, () => locale);
    expect(format.longDate('2022-02-17')).toBe('17 กุมภาพันธ์ 2565');
    locale = 'en';
    expect(format.longDate('2022-02-17')).toBe('17 February 2022');
  });
});
