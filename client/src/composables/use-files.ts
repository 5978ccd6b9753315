import { ref, shallowRef } from 'vue';
import { readToken } from '../apollo/token';
import { errorOfResponse, fileNameOf, saveBlob } from './use-export';
import { toErrorInfo, type ErrorInfo } from './use-error-message';

const authorization = (): Record<string, string> => {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

/**
 * Site-visit files over plain HTTP with the session's token: `upload` posts the bytes to
 * /files/site-visits/:id (the name percent-encoded in X-File-Name, so Thai names travel intact);
 * `download` fetches /files/:id and saves it under the server's (RFC 5987) name.
 */
export const useSiteVisitFiles = () =>
  useFileTransfer((visitId) => `/files/site-visits/${encodeURIComponent(visitId)}`);

/** Evidence of a progress report: posted to /files/reports/:id/evidence, read from /files/evidence/:id. */
export const useReportEvidenceFiles = () => {
  const transfer = useFileTransfer((reportId) => `/files/reports/${encodeURIComponent(reportId)}/evidence`);
  /** An object URL of a thumbnail fetched with the session's token (an <img> cannot send it), or null. */
  const thumbnail = async (url: string): Promise<string | null> => {
    try {
      const response = await fetch(url, { headers: authorization() });
      return response.ok ? URL.createObjectURL(await response.blob()) : null;
    } catch {
      return null;
    }
  };
  return { ...transfer, thumbnail };
};

const useFileTransfer = (uploadUrl: (targetId: string) => string) => {
  const busy = ref(false);
  const error = shallowRef<ErrorInfo | null>(null);

  const upload = async (targetId: string, file: File): Promise<boolean> => {
    busy.value = true;
    error.value = null;
    try {
      const response = await fetch(uploadUrl(targetId), {
        method: 'POST',
        headers: {
          ...authorization(),
          'Content-Type': 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name),
        },
        body: file,
      });
      if (!response.ok) {
        error.value = await errorOfResponse(response);
        return false;
      }
      return true;
    } catch {
      error.value = toErrorInfo({ networkError: {} });
      return false;
    } finally {
      busy.value = false;
    }
  };

  const download = async (url: string, fallbackName: string): Promise<boolean> => {
    error.value = null;
    try {
      const response = await fetch(url, { headers: authorization() });
      if (!response.ok) {
        error.value = await errorOfResponse(response);
        return false;
      }
      saveBlob(
        await response.blob(),
        fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName,
      );
      return true;
    } catch {
      error.value = toErrorInfo({ networkError: {} });
      return false;
    }
  };

  return { busy, error, upload, download };
};
