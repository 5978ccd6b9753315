import { computed, nextTick, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { toErrorInfo, useErrorMessage, type ErrorInfo, type MessageOverrides } from './use-error-message';

type Options = {
  /** Server field name → input name, e.g. `password` → `newPassword`. */
  aliases?: Record<string, string>;
  /** Page-specific message keys per error code. */
  overrides?: MessageOverrides;
  /** Named values the client-side messages interpolate, e.g. `{ max }` of a score. */
  params?: () => Record<string, unknown>;
};

/**
 * Error state of one form: a translated top-level message by error code, plus
 * per-field messages (client checks as i18n keys, server checks as their Thai text).
 */
export const useFormErrors = (options: Options = {}) => {
  const { t } = useI18n();
  const { messageFor } = useErrorMessage();
  const serverError = shallowRef<ErrorInfo | null>(null);
  const localErrors = ref<Record<string, string>>({});

  const message = computed(() => {
    if (serverError.value) return messageFor(serverError.value, options.overrides);
    return Object.keys(localErrors.value).length ? t('errors.BAD_USER_INPUT') : '';
  });
  const code = computed(() => serverError.value?.code ?? null);

  const fieldError = (name: string): string => {
    const local = localErrors.value[name];
    if (local) return t(local, options.params?.() ?? {});
    const fields = serverError.value?.fields ?? {};
    const serverName = Object.keys(fields).find((field) => (options.aliases?.[field] ?? field) === name);
    return serverName ? fields[serverName] : '';
  };

  const clear = (): void => {
    serverError.value = null;
    localErrors.value = {};
  };

  /** Client-side checks: `{ field: messageKey | null }`; true when every check passed. */
  const check = (checks: Record<string, string | null>): boolean => {
    clear();
    const failed = Object.fromEntries(
      Object.entries(checks).filter((entry): entry is [string, string] => !!entry[1]),
    );
    localErrors.value = failed;
    return Object.keys(failed).length === 0;
  };

  const capture = (error: unknown): ErrorInfo => {
    const info = toErrorInfo(error);
    localErrors.value = {};
    serverError.value = info;
    return info;
  };

  /** Moves focus to the first invalid input of a form, so keyboard and screen-reader users land on it. */
  const focusFirstInvalid = async (form: HTMLElement | null | undefined): Promise<void> => {
    await nextTick();
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  return { message, code, fieldError, clear, check, capture, focusFirstInvalid };
};
