import { computed, nextTick, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  changedInputs,
  failedChecks,
  refusalCorrected,
  serverFieldMessage,
  snapshotOf,
  type FieldAliases,
} from './form-errors';
import { toErrorInfo, useErrorMessage, type ErrorInfo, type MessageOverrides } from './use-error-message';

type Options = {
  /** Server field name → input name, e.g. `password` → `newPassword`. */
  aliases?: FieldAliases;
  /** Page-specific message keys per error code. */
  overrides?: MessageOverrides;
  /** Named values the client-side messages interpolate, e.g. `{ max }` of a score. */
  params?: () => Record<string, unknown>;
  /**
   * The form's values by input name: a field's error goes as soon as its value changes (the
   * summary too once no field error is left), not at the next submit.
   */
  values?: () => Record<string, unknown>;
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
  // Fields of the server's error changed since it came (by input name).
  const corrected = shallowRef<ReadonlySet<string>>(new Set());

  const message = computed(() => {
    if (serverError.value) {
      return refusalCorrected(serverError.value, corrected.value, options.aliases)
        ? ''
        : messageFor(serverError.value, options.overrides);
    }
    return Object.keys(localErrors.value).length ? t('errors.BAD_USER_INPUT') : '';
  });
  const code = computed(() => serverError.value?.code ?? null);

  const fieldError = (name: string): string => {
    const local = localErrors.value[name];
    if (local) return t(local, options.params?.() ?? {});
    if (corrected.value.has(name)) return '';
    return serverFieldMessage(serverError.value?.fields ?? {}, name, options.aliases);
  };

  /** Forgets the error of one field (its value changed). */
  const clearField = (name: string): void => {
    if (name in localErrors.value) {
      const rest = { ...localErrors.value };
      delete rest[name];
      localErrors.value = rest;
    }
    if (serverError.value && !corrected.value.has(name))
      corrected.value = new Set([...corrected.value, name]);
  };

  // Values set by the submit itself (a password emptied after a refusal) are not corrections:
  // the comparison starts again from the values as they stand after it.
  let settle = (): void => undefined;
  if (options.values) {
    const read = options.values;
    let baseline = snapshotOf(read());
    let settling = false;
    watch(
      () => snapshotOf(read()),
      (now) => {
        if (!settling) for (const name of changedInputs(baseline, now)) clearField(name);
        baseline = now;
      },
    );
    settle = () => {
      settling = true;
      void nextTick(() => {
        baseline = snapshotOf(read());
        settling = false;
      });
    };
  }

  const clear = (): void => {
    serverError.value = null;
    localErrors.value = {};
    corrected.value = new Set();
    settle();
  };

  /** Client-side checks: `{ field: messageKey | null }`; true when every check passed. */
  const check = (checks: Record<string, string | null>): boolean => {
    clear();
    const failed = failedChecks(checks);
    localErrors.value = failed;
    return Object.keys(failed).length === 0;
  };

  const capture = (error: unknown): ErrorInfo => {
    const info = toErrorInfo(error);
    localErrors.value = {};
    corrected.value = new Set();
    serverError.value = info;
    settle();
    return info;
  };

  /** Moves focus to the first invalid input of a form, so keyboard and screen-reader users land on it. */
  const focusFirstInvalid = async (form: HTMLElement | null | undefined): Promise<void> => {
    await nextTick();
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  return { message, code, fieldError, clearField, clear, check, capture, focusFirstInvalid };
};
