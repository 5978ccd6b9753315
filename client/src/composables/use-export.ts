import { ref, shallowRef } from 'vue';
import { readToken } from '../apollo/token';
import { toErrorInfo, type ErrorInfo } from './error-message';
import {
  exportErrorOf,
  exportUrl,
  fileNameOf,
  type ExportFormat,
  type ExportParams,
  type ExportTable,
} from './export-file';

export * from './export-file';

/** The error of a failed export: its JSON body `{ code, message }`, read like an API error. */
export const errorOfResponse = async (response: Response): Promise<ErrorInfo> => {
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status decides.
  }
  return exportErrorOf(response.status, body);
};

/** Hands a downloaded file to the browser under its name. */
export const saveBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/**
 * Spreadsheet exports (`/exports/<table>.<xlsx|csv>`): fetched with the session's bearer
 * token, then saved under the server's file name (else the Thai fallback name).
 */
export const useExportDownload = () => {
  const busy = ref<ExportFormat | null>(null);
  const error = shallowRef<ErrorInfo | null>(null);
  const savedName = ref('');

  const download = async (
    table: ExportTable,
    format: ExportFormat,
    params: ExportParams,
    fallbackName: string,
  ): Promise<boolean> => {
    if (busy.value) return false;
    busy.value = format;
    error.value = null;
    savedName.value = '';
    try {
      const token = readToken();
      const response = await fetch(exportUrl(table, format, params), {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) {
        error.value = await errorOfResponse(response);
        return false;
      }
      const blob = await response.blob();
      const name = fileNameOf(response.headers.get('Content-Disposition')) ?? `${fallbackName}.${format}`;
      saveBlob(blob, name);
      savedName.value = name;
      return true;
    } catch {
      error.value = toErrorInfo({ networkError: {} });
      return false;
    } finally {
      busy.value = null;
    }
  };

  return { busy, error, savedName, download };
};
