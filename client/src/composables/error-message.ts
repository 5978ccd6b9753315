import { formatsFor, type Translate } from './format';

/*
 * API errors on the client, without Vue (tested in test/client/error-message.test.ts): the code
 * and details read from what Apollo hands over, and the message shown for them.
 * use-error-message.ts hands in the page's language and translations.
 */

export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'INVALID_ACTIVATION_CODE',
  'INVALID_RESET_TOKEN',
  'WEAK_PASSWORD',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'PROFILE_INCOMPLETE',
  'INVALID_STATE',
  'PLAN_NOT_PASSED',
  'PLAN_FROZEN',
  'PROJECT_REJECTED',
  'PROJECT_WITHDRAWN',
  'PROJECT_WITHOUT_BUDGET',
  'PROJECT_NOT_IN_YEAR',
  'ROUND_CLOSED',
  'ROUND_NOT_OPEN',
  'IDEMPOTENCY_KEY_REUSED',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_TOO_LARGE',
  'EVIDENCE_NOT_PUBLISHABLE',
  'LAST_ADMINISTRATOR',
  'DIRECTORY_UNAVAILABLE',
  'PASSWORD_MANAGED_BY_DIRECTORY',
  'INVALID_SECOND_FACTOR',
  'SECOND_FACTOR_CHALLENGE_EXPIRED',
  'SECOND_FACTOR_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'AUDIT_UNAVAILABLE',
  'DATABASE_TIMEOUT',
  'DATABASE_LOCK_TIMEOUT',
  'DATABASE_BUSY',
  'DATABASE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'NETWORK',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * Codes whose server text is kept: it names what blocks the action (the state, the
 * fiscal year, the deadline in Thai). Report codes show it in Thai only; English
 * gets its own message with the deadline from the extensions.
 */
const detailCodes: readonly ErrorCode[] = [
  'QUERY_TOO_COMPLEX',
  'INVALID_STATE',
  'PLAN_NOT_PASSED',
  'PLAN_FROZEN',
  'PROJECT_REJECTED',
  'PROJECT_WITHDRAWN',
  'PROJECT_WITHOUT_BUDGET',
  'PROJECT_NOT_IN_YEAR',
  'ROUND_CLOSED',
  'ROUND_NOT_OPEN',
  'IDEMPOTENCY_KEY_REUSED',
  // The file's name and the accepted types, or the limit in MB.
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_TOO_LARGE',
  'EVIDENCE_NOT_PUBLISHABLE',
];

/** Server field messages (already Thai) keyed by bare field name: `input.email` → `email`. */
export type FieldMessages = Record<string, string>;

/** One problem of an import file, as the server names it (row, column header, Thai message). */
export type RowError = { rowNumber: number; column: string; message: string };

export type ErrorInfo = {
  code: ErrorCode;
  retryAfterSeconds: number | null;
  fields: FieldMessages;
  /** The server's own text, kept only for the codes above: it says what blocks the action. */
  detail: string | null;
  /** ROUND_CLOSED: the deadline that passed (exclusive instant, ISO). */
  deadline: string | null;
  /** ROUND_NOT_OPEN: when the round opens (ISO). */
  opensAt: string | null;
  /** Problems per row of an import file (importProjects). */
  rowErrors: RowError[];
};

type ServerError = { message?: string; extensions?: Record<string, unknown> };
type ApolloLikeError = {
  graphQLErrors?: readonly ServerError[];
  networkError?: { result?: { errors?: ServerError[] } } | null;
};

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

const fieldMessages = (raw: unknown): FieldMessages => {
  const fields: FieldMessages = {};
  if (!Array.isArray(raw)) return fields;
  for (const item of raw as { field?: unknown; message?: unknown }[]) {
    if (typeof item?.field !== 'string') continue;
    const name = item.field.slice(item.field.lastIndexOf('.') + 1);
    const message = typeof item.message === 'string' ? item.message : '';
    fields[name] = fields[name] ? `${fields[name]} ${message}` : message;
  }
  return fields;
};

const rowErrorsOf = (raw: unknown): RowError[] =>
  Array.isArray(raw)
    ? (raw as Partial<RowError>[])
        .filter((item) => typeof item?.rowNumber === 'number')
        .map((item) => ({
          rowNumber: item.rowNumber as number,
          column: String(item.column ?? ''),
          message: String(item.message ?? ''),
        }))
    : [];

/** Reads the code and details of any error Apollo hands us; never keeps the server's top-level text. */
export const toErrorInfo = (error: unknown): ErrorInfo => {
  const apollo = (error ?? {}) as ApolloLikeError;
  const first = apollo.graphQLErrors?.[0] ?? apollo.networkError?.result?.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const retry = Number(extensions.retryAfterSeconds);
    const code = isErrorCode(extensions.code) ? extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      code,
      retryAfterSeconds: Number.isFinite(retry) ? retry : null,
      fields: fieldMessages(extensions.fields),
      detail: detailCodes.includes(code) && typeof first.message === 'string' ? first.message : null,
      rowErrors: rowErrorsOf(extensions.rowErrors),
      deadline: typeof extensions.deadline === 'string' ? extensions.deadline : null,
      opensAt: typeof extensions.opensAt === 'string' ? extensions.opensAt : null,
    };
  }
  const code = apollo.networkError ? 'NETWORK' : 'INTERNAL_SERVER_ERROR';
  return {
    code,
    retryAfterSeconds: null,
    fields: {},
    detail: null,
    rowErrors: [],
    deadline: null,
    opensAt: null,
  };
};

export type MessageOverrides = Partial<Record<ErrorCode, string>>;

/**
 * Picks the translated message for an error code (optionally a page-specific key per code);
 * `locale` is read at each call.
 */
export const errorMessagesFor = (t: Translate, locale: () => string) => {
  const { deadline, instant } = formatsFor(t, locale);
  const messageFor = (info: ErrorInfo, overrides: MessageOverrides = {}): string => {
    const override = overrides[info.code];
    if (override) return t(override);
    if (info.code === 'INVALID_STATE' && info.detail) return info.detail;
    if (info.detail && locale() !== 'en' && detailCodes.includes(info.code)) return info.detail;
    if (info.code === 'ROUND_CLOSED' && info.deadline) {
      return `${t('errors.ROUND_CLOSED')} ${t('errors.deadlineWas', { deadline: deadline(info.deadline) })}`;
    }
    if (info.code === 'ROUND_NOT_OPEN' && info.opensAt) {
      return `${t('errors.ROUND_NOT_OPEN')} ${t('errors.opensFrom', { opensAt: instant(info.opensAt) })}`;
    }
    if (info.code === 'RATE_LIMITED') {
      const seconds = info.retryAfterSeconds ?? 60;
      if (seconds < 60) return t('errors.RATE_LIMITED_SECONDS', { seconds: Math.max(1, Math.ceil(seconds)) });
      return t('errors.RATE_LIMITED', { minutes: Math.ceil(seconds / 60) });
    }
    return t(`errors.${info.code}`);
  };
  return { messageFor };
};
