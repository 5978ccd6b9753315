import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import sharp from 'sharp';
import { can, type LaoScope, requireCan, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Lao } from '../lao/lao.entity';
import { Report } from '../report/report.entity';
import { requireAcceptedFile, uuidPattern } from '../follow-up/site-visit.service';
import { log } from '../../request-scope';
import { ReportEvidence, ReportEvidenceContent } from './report-evidence.entity';

/** Longest side of a thumbnail, in pixels. */
export const thumbnailSize = 320;

/**
 * A JPEG thumbnail of an image (at most 320 × 320, EXIF orientation applied, metadata such as
 * GPS position dropped), or null when the image cannot be decoded: the file itself is kept.
 * Decoding is capped at 40 megapixels so a small "decompression bomb" cannot eat the memory.
 */
export const makeThumbnail = async (content: Buffer): Promise<Buffer | null> => {
  try {
    return await sharp(content, { limitInputPixels: 40_000_000, failOn: 'error' })
      .rotate()
      .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
  } catch (error) {
    log().warn({ err: error }, 'No thumbnail: the image could not be decoded');
    return null;
  }
};

type Evidence = ReportEvidence & { report: Report & { lao: Lao } };

/**
 * Evidence of progress reports: photos and documents the LAO attaches to its report. The LAO
 * and NACC in reach read them; a photo the LAO published is public (policy.ts:
 * report.attachEvidence, report.viewEvidence, report.publishEvidence).
 */
export class ReportEvidenceService {
  constructor(private readonly dataSource: DataSource) {}

  /** The report evidence may be added to (the LAO's own), or NOT_FOUND, before the body is read. */
  async requireUploadTarget(viewer: Viewer, reportId: number): Promise<Report & { lao: Lao }> {
    const report = Number.isSafeInteger(reportId)
      ? await this.dataSource.getRepository(Report).findOne({ where: { id: reportId } })
      : null;
    const lao = report ? await this.dataSource.getRepository(Lao).findOneBy({ id: report.laoId }) : null;
    requireCan(viewer, 'report.attachEvidence', report, lao, 'รายงานผล');
    return Object.assign(report as Report, { lao: lao as Lao });
  }

  /** Keeps a file of a report, after checking its size and its type by content; thumbnails an image. */
  async add(
    viewer: Viewer,
    reportId: number,
    rawName: string,
    content: Buffer,
    maxBytes: number,
  ): Promise<ReportEvidence> {
    const actor = requireSignedIn(viewer);
    const report = await this.requireUploadTarget(viewer, reportId);
    const { fileName, type } = requireAcceptedFile(rawName, content, maxBytes);
    const thumbnail = type.mime.startsWith('image/') ? await makeThumbnail(content) : null;
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ReportEvidence);
      const evidence = await repo.save(
        repo.create({
          reportId: report.id,
          fileName,
          contentType: type.mime,
          sizeBytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          hasThumbnail: thumbnail !== null,
          isPublic: false,
          uploadedByAccountId: actor.accountId,
        }),
      );
      await manager
        .getRepository(ReportEvidenceContent)
        .insert({ evidenceId: evidence.id, content, thumbnail });
      return evidence;
    });
  }

  private async find(id: string): Promise<Evidence | null> {
    if (!uuidPattern.test(id)) return null;
    return (await this.dataSource
      .getRepository(ReportEvidence)
      .findOne({ where: { id }, relations: { report: true } })
      .then(async (evidence) => {
        if (!evidence?.report) return null;
        const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: evidence.report.laoId });
        return lao ? Object.assign(evidence, { report: Object.assign(evidence.report, { lao }) }) : null;
      })) as Evidence | null;
  }

  /** May the viewer read this evidence: the LAO and NACC in reach; anyone a published photo. */
  private mayRead(viewer: Viewer, evidence: ReportEvidence, lao: LaoScope): boolean {
    return evidence.isPublic || can(viewer, 'report.viewEvidence', lao);
  }

  /**
   * The bytes of a file (or of its thumbnail) for whoever may read it; anyone else NOT_FOUND,
   * as for a missing file.
   */
  async download(
    viewer: Viewer,
    id: string,
    part: 'file' | 'thumbnail',
  ): Promise<{ evidence: ReportEvidence; content: Buffer }> {
    const evidence = await this.find(id);
    if (!evidence || !this.mayRead(viewer, evidence, evidence.report.lao)) throw notFound('ไฟล์');
    const stored = await this.dataSource.getRepository(ReportEvidenceContent).findOneBy({ evidenceId: id });
    const content = part === 'file' ? stored?.content : stored?.thumbnail;
    if (!content) throw notFound('ไฟล์');
    return { evidence, content };
  }

  /** The evidence of a report for the LAO and NACC in reach; null for anyone else. */
  async listFor(viewer: Viewer, report: Report, load: (id: number) => Promise<ReportEvidence[]>) {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: report.laoId });
    if (!lao || !can(viewer, 'report.viewEvidence', lao)) return null;
    return load(report.id);
  }

  /** The LAO removes a file of its report (its bytes go with it). */
  async delete(viewer: Viewer, id: string): Promise<boolean> {
    const evidence = await this.find(id);
    requireCan(viewer, 'report.attachEvidence', evidence, evidence?.report.lao, 'ไฟล์');
    await this.dataSource.getRepository(ReportEvidence).delete({ id });
    return true;
  }

  /** The LAO publishes a photo of its report on its public page, or takes it back. */
  async setPublic(viewer: Viewer, id: string, isPublic: boolean): Promise<ReportEvidence> {
    const evidence = await this.find(id);
    requireCan(viewer, 'report.publishEvidence', evidence, evidence?.report.lao, 'ไฟล์');
    const found = evidence as Evidence;
    if (isPublic && !found.contentType.startsWith('image/'))
      throw new AppError(
        ErrorCode.EVIDENCE_NOT_PUBLISHABLE,
        `“${found.fileName}” ไม่ใช่ภาพถ่าย เผยแพร่ต่อสาธารณะได้เฉพาะภาพถ่าย (JPEG, PNG)`,
      );
    await this.dataSource.getRepository(ReportEvidence).update({ id }, { isPublic });
    return this.dataSource.getRepository(ReportEvidence).findOneByOrFail({ id });
  }
}
