import { createI18n } from 'vue-i18n';
import { en } from './en';
import { th, type MessageSchema } from './th';

export type Locale = 'th' | 'en';

export const locales: readonly Locale[] = ['th', 'en'];

const storageKey = 'lpm.locale';

const storedLocale = (): Locale => {
  const value = localStorage.getItem(storageKey);
  return value === 'en' ? 'en' : 'th';
};

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'th',
  messages: { th, en },
});

/** Switches the language, remembers it, and keeps <html lang> right for screen readers. */
export const setLocale = (locale: Locale): void => {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
};

document.documentElement.lang = i18n.global.locale.value;
