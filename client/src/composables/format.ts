import { fiscalYearSpan } from './be-date';

/*
 * Dates, numbers and baht as each language reads them, without Vue (tested in
 * test/client/format.test.ts); use-format.ts hands in the page's language and translations.
 *
 * One calendar per language: Thai reads พ.ศ. everywhere (dates and fiscal years). English reads
 * dates in the Gregorian calendar; a fiscal year keeps its พ.ศ. number (it names the year in the
 * data, URLs and exports), marked B.E. with the Gregorian months it runs (en.ts, fiscalYear).
 */

/** What the formatting needs of vue-i18n's `t`: a message by key, with named values. */
export type Translate = (key: string, named?: Record<string, unknown>) => string;

const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

const tagOf = (locale: string): string => (locale === 'en' ? 'en-GB' : 'th-TH');

// Thai dates use the Buddhist Era (th-TH's default calendar), always Bangkok time.
const dateTimeFormat = (locale: string): Intl.DateTimeFormat => {
  const tag = tagOf(locale);
  let format = formatters.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Asia/Bangkok',
    });
    formatters.set(tag, format);
  }
  return format;
};

// A day without the time: "17 กุมภาพันธ์ 2565" (Buddhist Era), Bangkok time.
const dateFormat = (locale: string): Intl.DateTimeFormat => {
  const tag = tagOf(locale);
  let format = dateFormatters.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Asia/Bangkok' });
    dateFormatters.set(tag, format);
  }
  return format;
};

/**
 * The formatting functions of a page; `locale` is read at each call (a language switch
 * re-renders what uses them).
 */
export const formatsFor = (t: Translate, locale: () => string) => {
  const dateTime = (iso: string | null | undefined): string =>
    iso ? dateTimeFormat(locale()).format(new Date(iso)) : '';
  /** A moment with the Thai clock suffix: "1 พฤษภาคม 2566 เวลา 00:00 น." */
  const instant = (iso: string | null | undefined): string => {
    const text = dateTime(iso);
    return text && locale() !== 'en' && !text.endsWith('น.') ? `${text} น.` : text;
  };
  /**
   * An exclusive deadline shown as the last minute before it:
   * closesAt 1 May 00:00 → "30 เมษายน 2566 เวลา 23:59 น."
   */
  const deadline = (iso: string | null | undefined): string =>
    iso ? instant(new Date(Date.parse(iso) - 1).toISOString()) : '';
  /** A day in words, no time: "17 กุมภาพันธ์ 2565". */
  const longDate = (value: string | Date | null | undefined): string =>
    value ? dateFormat(locale()).format(typeof value === 'string' ? new Date(value) : value) : '';
  const number = (value: string | number | null | undefined, digits = 0): string => {
    if (value === null || value === undefined || value === '') return t('app.notSet');
    return new Intl.NumberFormat(tagOf(locale()), {
      minimumFractionDigits: digits,
      maximumFractionDigits: 2,
    }).format(Number(value));
  };
  /** Baht, always with two decimals: "12,500.50". */
  const money = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined || value === '') return t('app.notSet');
    // Unreadable input (an import preview shows the cell as read) is shown as it is.
    if (!Number.isFinite(Number(value))) return String(value);
    return new Intl.NumberFormat(tagOf(locale()), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(value));
  };
  /** A fiscal year as a heading reads it: "2566"; in English "2566 B.E. (Oct 2022 – Sep 2023)". */
  const fiscalYear = (year: number | string): string => {
    const { from, to } = fiscalYearSpan(Number(year));
    return t('fiscalYear.label', { year, from, to });
  };
  /** A fiscal year as a choice of a select: "2566"; in English "2566 (2022–23)". */
  const fiscalYearOption = (year: number | string): string =>
    t('fiscalYear.option', { year, span: fiscalYearSpan(Number(year)).short });
  return { dateTime, instant, deadline, longDate, number, money, fiscalYear, fiscalYearOption };
};
