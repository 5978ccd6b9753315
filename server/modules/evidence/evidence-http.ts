import { Router } from 'express';
import type { Viewer } from '../../auth/viewer';
import { unauthenticated } from '../../errors/app-error';
import type { Services } from '../../services';
import { answerError, fileNameOf, readBody } from '../follow-up/follow-up-http';
import { fileTooLarge } from '../follow-up/site-visit.service';

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

  router.post('/files/reports/:reportId/evidence', async (req, res) => {
    const fileName = fileNameOf(req.headers['x-file-name']);
    let viewer: Viewer = { kind: 'anonymous' };
    let viewerError: unknown = null;
    try {
      viewer = await services.sessions.resolveViewer(req.headers.authorization);
    } catch (error) {
      viewerError = error;
    }
    try {
      const evidence = await services.audit.audited(
        {
          operation: 'uploadReportEvidence',
          accountId: viewer.kind === 'account' ? viewer.accountId : null,
          actor: viewer.kind === 'account' ? viewer.displayName : null,
          role: viewer.kind === 'account' ? viewer.role : null,
          clientAddress: (req.ip ?? 'unknown').slice(0, 64),
          userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
          arguments: { reportId: req.params.reportId.slice(0, 20), fileName: fileName.slice(0, 200) },
        },
        async () => {
          if (viewerError) throw viewerError;
          if (viewer.kind === 'anonymous') throw unauthenticated();
          const reportId = /^\d{1,9}$/.test(req.params.reportId) ? Number(req.params.reportId) : NaN;
          // Reach is checked before the body is read.
          await services.reportEvidence.requireUploadTarget(viewer, reportId);
          const body = await readBody(req, maxFileBytes);
          if (body === 'too large') throw fileTooLarge(maxFileBytes);
          return services.reportEvidence.add(viewer, reportId, fileName, body, maxFileBytes);
        },
      );
      res.status(201).json({
        id: evidence.id,
        fileName: evidence.fileName,
        contentType: evidence.contentType,
        sizeBytes: evidence.sizeBytes,
        sha256: evidence.sha256,
        isPublic: evidence.isPublic,
        downloadUrl: `/files/evidence/${evidence.id}`,
        thumbnailUrl: evidence.hasThumbnail ? `/files/evidence/${evidence.id}/thumbnail` : null,
      });
    } catch (error) {
      if (!req.readableEnded) req.resume();
      answerError(res, error);
    }
  });

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
