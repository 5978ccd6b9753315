import { useI18n } from 'vue-i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

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

export const useFormat = () => {
  const { t, locale } = useI18n();
  const dateTime = (iso: string | null | undefined): string =>
    iso ? dateTimeFormat(locale.value).format(new Date(iso)) : '';
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
  return { dateTime, number, money };
};
