import { useI18n } from 'vue-i18n';
import { errorMessagesFor } from './error-message';

export * from './error-message';

/** Picks the translated message for an error code in the page's language (see error-message.ts). */
export const useErrorMessage = () => {
  const { t, locale } = useI18n();
  return errorMessagesFor(t, () => locale.value);
};
