import { useI18n } from 'vue-i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

// Thai dates use the Buddhist Era (th-TH's default calendar), always Bangkok time.
const dateTimeFormat = (locale: string): Intl.DateTimeFormat => {
  const tag = locale === 'en' ? 'en-GB' : 'th-TH';
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
  const tag = locale === 'en' ? 'en-GB' : 'th-TH';
  let format = dateFormatters.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Asia/Bangkok' });
    dateFormatters.set(tag, format);
  }
  return format;
};

export const useFormat = () => {
  const { t, locale } = useI18n();
  const dateTime = (iso: string | null | undefined): string =>
    iso ? dateTimeFormat(locale.value).format(new Date(iso)) : '';
  /** A moment with the Thai clock suffix: "1 พฤษภาคม 2566 เวลา 00:00 น." */
  const instant = (iso: string | null | undefined): string => {
    const text = dateTime(iso);
    return text && locale.value !== 'en' && !text.endsWith('น.') ? `${text} น.` : text;
  };
  /**
   * An exclusive deadline shown as the last minute before it:
   * closesAt 1 May 00:00 → "30 เมษายน 2566 เวลา 23:59 น."
   */
  const deadline = (iso: string | null | undefined): string =>
    iso ? instant(new Date(Date.parse(iso) - 1).toISOString()) : '';
  /** A day in words, no time: "17 กุมภาพันธ์ 2565". */
  const longDate = (value: string | Date | null | undefined): string =>
    value ? dateFormat(locale.value).format(typeof value === 'string' ? new Date(value) : value) : '';
  const number = (value: string | number | null | undefined, digits = 0): string => {
    if (value === null || value === undefined || value === '') return t('app.notSet');
    return new Intl.NumberFormat(locale.value === 'en' ? 'en-GB' : 'th-TH', {
      minimumFractionDigits: digits,
      maximumFractionDigits: 2,
    }).format(Number(value));
  };
  /** Baht, always with two decimals: "12,500.50". */
  const money = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined || value === '') return t('app.notSet');
    // Unreadable input (an import preview shows the cell as read) is shown as it is.
    if (!Number.isFinite(Number(value))) return String(value);
    return new Intl.NumberFormat(locale.value === 'en' ? 'en-GB' : 'th-TH', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(value));
  };
  return { dateTime, instant, deadline, longDate, number, money };
};
