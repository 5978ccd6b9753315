import { toErrorInfo, type ErrorInfo } from './error-message';

/*
 * Spreadsheet exports without the browser (tested in test/client/export-file.test.ts): their
 * address, the file name the server gives and the error of a refused one. use-export.ts
 * fetches and saves the file.
 */

export type ExportTable = 'statistics' | 'implementation' | 'problem-reports';
export type ExportFormat = 'xlsx' | 'csv';

/** Query parameters of an export; empty ones are left out. */
export type ExportParams = Record<string, string | number | null | undefined>;

/** The name a server gives its file (`filename*=UTF-8''…` first, then `filename="…"`). */
export const fileNameOf = (disposition: string | null): string | null => {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Badly encoded: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || null;
};

export const exportUrl = (table: ExportTable, format: ExportFormat, params: ExportParams): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  return `/exports/${table}.${format}?${query.toString()}`;
};

/**
 * The error of a failed export from its status and JSON body `{ code, message }` (empty when
 * the body was not JSON, e.g. a proxy's error page), read like an API error.
 */
export const exportErrorOf = (status: number, body: { code?: unknown; message?: unknown }): ErrorInfo => {
  const code =
    typeof body.code === 'string'
      ? body.code
      : status === 401
        ? 'UNAUTHENTICATED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 404
            ? 'NOT_FOUND'
            : 'INTERNAL_SERVER_ERROR';
  return toErrorInfo({ graphQLErrors: [{ message: body.message, extensions: { code } }] });
};
