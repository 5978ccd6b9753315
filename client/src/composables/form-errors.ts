import type { ErrorInfo, FieldMessages } from './error-message';

/*
 * The rules of a form's errors without Vue (tested in test/client/form-errors.test.ts): which
 * input a server field message belongs to, which checks failed, which inputs changed and when a
 * refusal has been corrected. use-form-errors.ts keeps the state and the translations.
 */

/** Server field name → input name, e.g. `password` → `newPassword`. */
export type FieldAliases = Record<string, string>;

export const inputNameOf = (serverName: string, aliases?: FieldAliases): string =>
  aliases?.[serverName] ?? serverName;

/** The server's message for an input (through the aliases), or '' when it named none. */
export const serverFieldMessage = (fields: FieldMessages, name: string, aliases?: FieldAliases): string => {
  const serverName = Object.keys(fields).find((field) => inputNameOf(field, aliases) === name);
  return serverName ? fields[serverName] : '';
};

/**
 * A refusal about fields only (BAD_USER_INPUT) whose every field has been changed since:
 * its summary goes. Any other refusal stays until the next submit.
 */
export const refusalCorrected = (
  info: Pick<ErrorInfo, 'code' | 'fields'>,
  corrected: ReadonlySet<string>,
  aliases?: FieldAliases,
): boolean => {
  const fields = Object.keys(info.fields);
  return (
    info.code === 'BAD_USER_INPUT' &&
    fields.length > 0 &&
    fields.every((field) => corrected.has(inputNameOf(field, aliases)))
  );
};

/** The failed ones of client checks `{ field: messageKey | null }`. */
export const failedChecks = (checks: Record<string, string | null>): Record<string, string> =>
  Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => !!entry[1]));

/** A form's values as comparable text (null and undefined alike: an empty input). */
export const snapshotOf = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, JSON.stringify(value ?? null)]));

/** The inputs whose value differs between two snapshots. */
export const changedInputs = (before: Record<string, string>, now: Record<string, string>): string[] =>
  Object.keys(now).filter((name) => now[name] !== before[name]);
