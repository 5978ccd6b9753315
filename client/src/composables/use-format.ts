import { useI18n } from 'vue-i18n';
import { formatsFor } from './format';

/** Dates, numbers, baht and fiscal years in the page's language (see format.ts). */
export const useFormat = () => {
  const { t, locale } = useI18n();
  return formatsFor(t, () => locale.value);
};
