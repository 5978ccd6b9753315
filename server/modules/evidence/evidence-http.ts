import { Router } from 'express';
import type { Services } from '../../services';
import { answerError, auditedUpload } from '../follow-up/follow-up-http';

/**
 * Evidence of progress reports over plain HTTP with the session's bearer token, as site-visit
 * files (follow-up-http.ts):
 *
 * - POST /files/reports/:reportId/evidence — the body is the file's bytes, `X-File-Name` its
 *   percent-encoded name. The LAO of the report only; 201 with the stored file's description.
 * - GET /files/evidence/:id and /files/evidence/:id/thumbnail — the bytes (the thumbnail: a
 *   JPEG), `nosniff`, never cached by others. The LAO and NACC in reach; anyone a published
 *   photo; anyone else 404.
 *
 * Removing a file and publishing a photo are GraphQL mutations (deleteReportEvidence,
 * setReportEvidencePublic).
 */
export const evidenceRouter = (services: Services, maxFileBytes: number) => {
  const router = Router();

  router.post('/files/reports/:reportId/evidence', (req, res) =>
    auditedUpload(services, req, res, {
      operation: 'uploadReportEvidence',
      param: 'reportId',
      maxFileBytes,
      requireTarget: (viewer, reportId) => services.reportEvidence.requireUploadTarget(viewer, reportId),
      store: (viewer, reportId, fileName, body) =>
        services.reportEvidence.add(viewer, reportId, fileName, body, maxFileBytes),
      describe: (evidence) => ({
        id: evidence.id,
        fileName: evidence.fileName,
        contentType: evidence.contentType,
        sizeBytes: evidence.sizeBytes,
        sha256: evidence.sha256,
        isPublic: evidence.isPublic,
        downloadUrl: `/files/evidence/${evidence.id}`,
        thumbnailUrl: evidence.hasThumbnail ? `/files/evidence/${evidence.id}/thumbnail` : null,
      }),
    }),
  );

  const serve =
    (part: 'file' | 'thumbnail') =>
    async (req: import('express').Request, res: import('express').Response) => {
      try {
        const viewer = await services.sessions.resolveViewer(req.headers.authorization);
        const { evidence, content } = await services.reportEvidence.download(
          viewer,
          String(req.params.id),
          part,
        );
        const type = part === 'file' ? evidence.contentType : 'image/jpeg';
        res.status(200).set({
          'Content-Type': type,
          'Content-Length': String(content.length),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'private, no-store',
        });
        // Images show in the page; documents download.
        if (part === 'file' && !type.startsWith('image/')) res.attachment(evidence.fileName);
        res.type(type).end(content);
      } catch (error) {
        answerError(res, error);
      }
    };
  router.get('/files/evidence/:id', serve('file'));
  router.get('/files/evidence/:id/thumbnail', serve('thumbnail'));

  return router;
};
