import type { IncomingMessage } from 'node:http';
import { type Request, type Response, Router } from 'express';
import type { Viewer } from '../../auth/viewer';
import { AppError, unauthenticated } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { sendTable } from '../../spreadsheet/table-file';
import type { Services } from '../../services';
import { RoundKind, roundLabels } from '../report/report.enums';
import { fileTooLarge } from './site-visit.service';
import { log } from '../../request-scope';

const statusOf: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.FILE_TOO_LARGE]: 413,
  [ErrorCode.FILE_TYPE_NOT_ALLOWED]: 415,
};

/** An expected refusal as `{ code, message, … }` JSON with its HTTP status; anything else is logged and a 500. */
export const answerError = (res: Response, error: unknown): void => {
  if (error instanceof AppError) {
    const { code, ...details } = error.extensions as { code: string } & Record<string, unknown>;
    res.status(statusOf[code] ?? 409).json({ code, message: error.message, ...details });
    return;
  }
  log().error({ err: error }, 'File request failed');
  res.status(500).json({ code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' });
};

/**
 * Reads a request body of at most `maxBytes`. A larger one (by its Content-Length, or as it
 * arrives) is read on up to twice the limit and dropped, so the client gets the 413 answer
 * rather than a reset connection in the middle of its upload; beyond that the socket is closed.
 */
const readBody = (req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > 2 * maxBytes) {
        resolve('too large');
        req.destroy();
      }
    });
    req.on('end', () => resolve(tooLarge ? 'too large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The file's name from the `X-File-Name` header, percent-encoded UTF-8 (Thai names travel intact). */
const fileNameOf = (header: string | string[] | undefined): string => {
  if (typeof header !== 'string') return '';
  try {
    return decodeURIComponent(header);
  } catch {
    return '';
  }
};

/**
 * An audited upload: the body is one file's bytes, `X-File-Name` its percent-encoded name, `:param`
 * of the path the record it is attached to. Uploads are writes: audited like every mutation,
 * whatever their outcome (not the bytes); the row commits with the stored file
 * (AuditService.audited), and an upload whose row cannot be written fails. The viewer is resolved
 * before the call (the row names who uploaded); reach (`requireTarget`) is checked before the body
 * is read. Answers 201 with `describe(stored)`.
 */
export const auditedUpload = async <T>(
  services: Services,
  req: Request,
  res: Response,
  upload: {
    operation: string;
    /** The path parameter naming the record the file is attached to (`visitId`, `reportId`). */
    param: string;
    maxFileBytes: number;
    requireTarget: (viewer: Exclude<Viewer, { kind: 'anonymous' }>, id: number) => Promise<unknown>;
    store: (
      viewer: Exclude<Viewer, { kind: 'anonymous' }>,
      id: number,
      fileName: string,
      body: Buffer,
    ) => Promise<T>;
    describe: (stored: T) => Record<string, unknown>;
  },
): Promise<void> => {
  const fileName = fileNameOf(req.headers['x-file-name']);
  const raw = String(req.params[upload.param] ?? '');
  let viewer: Viewer = { kind: 'anonymous' };
  let viewerError: unknown = null;
  try {
    viewer = await services.sessions.resolveViewer(req.headers.authorization);
  } catch (error) {
    viewerError = error; // audited as anonymous, answered below
  }
  try {
    const stored = await services.audit.audited(
      {
        operation: upload.operation,
        accountId: viewer.kind === 'account' ? viewer.accountId : null,
        actor: viewer.kind === 'account' ? viewer.displayName : null,
        role: viewer.kind === 'account' ? viewer.role : null,
        clientAddress: (req.ip ?? 'unknown').slice(0, 64),
        userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
        arguments: { [upload.param]: raw.slice(0, 20), fileName: fileName.slice(0, 200) },
      },
      async () => {
        if (viewerError) throw viewerError;
        if (viewer.kind === 'anonymous') throw unauthenticated();
        const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
        await upload.requireTarget(viewer, id);
        const body = await readBody(req, upload.maxFileBytes);
        if (body === 'too large') throw fileTooLarge(upload.maxFileBytes);
        return upload.store(viewer, id, fileName, body);
      },
    );
    res.status(201).json(upload.describe(stored));
  } catch (error) {
    // Whatever is left of a refused upload is read and dropped, so the answer reaches the client.
    if (!req.readableEnded) req.resume();
    answerError(res, error);
  }
};

/**
 * Site-visit files and the problems export, over plain HTTP with the session's bearer token:
 *
 * - POST /files/site-visits/:visitId — the body is the file's bytes, `X-File-Name` its
 *   percent-encoded name. NACC in reach only; 201 with the stored file's description.
 * - GET /files/:fileId — the bytes, under the sniffed type, as an attachment (RFC 5987 name),
 *   `nosniff`, never cached by others. The LAO itself and NACC in reach; anyone else 404.
 * - GET /exports/problem-reports.xlsx|csv?fiscalYear=&round=&provinceId= — what the LAOs in
 *   reach filed with a round (NACC; not public, unlike the other exports).
 */
export const followUpRouter = (services: Services, maxFileBytes: number) => {
  const router = Router();

  router.post('/files/site-visits/:visitId', (req, res) =>
    auditedUpload(services, req, res, {
      operation: 'uploadSiteVisitFile',
      param: 'visitId',
      maxFileBytes,
      requireTarget: (viewer, visitId) => services.siteVisits.requireUploadTarget(viewer, visitId),
      store: (viewer, visitId, fileName, body) =>
        services.siteVisits.addFile(viewer, visitId, fileName, body, maxFileBytes),
      describe: (file) => ({
        id: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        downloadUrl: `/files/${file.id}`,
      }),
    }),
  );

  router.get('/files/:fileId', async (req, res) => {
    try {
      const viewer = await services.sessions.resolveViewer(req.headers.authorization);
      const { file, content } = await services.siteVisits.download(viewer, req.params.fileId);
      res
        .status(200)
        .set({
          'Content-Type': file.contentType,
          'Content-Length': String(content.length),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-store',
        })
        .attachment(file.fileName)
        // attachment() sets the type from the name: the sniffed type wins.
        .type(file.contentType)
        .end(content);
    } catch (error) {
      answerError(res, error);
    }
  });

  router.get('/exports/problem-reports.:format', async (req, res) => {
    try {
      const format = req.params.format;
      const fiscalYear = typeof req.query.fiscalYear === 'string' ? Number(req.query.fiscalYear) : NaN;
      const round = Object.values(RoundKind).find((kind) => kind === req.query.round);
      const provinceId = typeof req.query.provinceId === 'string' ? Number(req.query.provinceId) : undefined;
      if (format !== 'xlsx' && format !== 'csv') {
        res.status(404).json({ code: ErrorCode.NOT_FOUND, message: 'ไม่พบรายงานที่ต้องการ' });
        return;
      }
      if (!Number.isInteger(fiscalYear) || fiscalYear < 2500 || fiscalYear > 2700 || !round) {
        res.status(400).json({
          code: ErrorCode.BAD_USER_INPUT,
          message: 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)',
        });
        return;
      }
      if (
        provinceId !== undefined &&
        !(Number.isInteger(provinceId) && provinceId > 0 && provinceId < 32768)
      ) {
        res.status(400).json({ code: ErrorCode.BAD_USER_INPUT, message: 'รหัสจังหวัด (provinceId) ไม่ถูกต้อง' });
        return;
      }
      const viewer = await services.sessions.resolveViewer(req.headers.authorization);
      if (viewer.kind === 'anonymous') throw unauthenticated();
      if (viewer.kind !== 'account' || viewer.role === 'LAO')
        throw new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');
      const rows = await services.problemReports.exportRows(viewer, { fiscalYear, round, provinceId });
      res.set('Cache-Control', 'private, no-store');
      await sendTable(
        res,
        format,
        `problem-reports-${fiscalYear}-${round}${provinceId ? `-${provinceId}` : ''}`,
        {
          title: `ปัญหา อุปสรรคและข้อเสนอแนะ ปีงบประมาณ ${fiscalYear} ${roundLabels[round]}`,
          columns: [
            { header: 'อำเภอ', width: 18 },
            { header: 'รหัส อปท.', width: 11 },
            { header: 'ชื่อ อปท.', width: 36 },
            { header: 'ปัญหา อุปสรรค', width: 60 },
            { header: 'ข้อเสนอแนะ', width: 60 },
            { header: 'บันทึกล่าสุด', width: 20 },
          ],
          rows: rows.map((row) => [
            row.district,
            row.code,
            row.name,
            row.problems,
            row.suggestions,
            row.updatedAt.toISOString(),
          ]),
        },
      );
    } catch (error) {
      answerError(res, error);
    }
  });

  return router;
};
