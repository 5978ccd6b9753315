import { createI18n } from 'vue-i18n';
import type { Translate } from '../../client/src/composables/format';
import { en } from '../../client/src/i18n/en';
import { th } from '../../client/src/i18n/th';

/**
 * The app's own catalogues (th.ts, en.ts) through vue-i18n, as a page in one language reads
 * them: what the Vue-free client modules are handed by their composables.
 */
export const translations = (locale: 'th' | 'en'): { t: Translate; locale: () => string } => {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'th', messages: { th, en } });
  return { t: i18n.global.t, locale: () => locale };
};
