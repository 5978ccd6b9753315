import { createHash } from 'node:crypto';
import { type DataSource, In } from 'typeorm';
import { requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { updateVersioned } from '../../db/optimistic';
import { AppError, badInput, conflict, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Connection } from '../../graphql/connection';
import { keysetPage } from '../../graphql/keyset';
import { Lao } from '../lao/lao.entity';
import { SiteVisitFilter } from './follow-up.enums';
import type { SaveSiteVisitInput } from './follow-up.inputs';
import { requireMayChangeVisit, siteVisitFieldErrors } from './follow-up-rules';
import { acceptedTypes, extensionOf, type SniffedType, sniffFileType } from './file-sniff';
import { ProblemReport } from './problem-report.entity';
import { SiteVisit, SiteVisitFile, SiteVisitFileContent } from './site-visit.entity';

/** One LAO of the planner: its visit of the year (if any) and the problems it filed that year. */
export type SiteVisitPlanRowData = { lao: Lao; visit: SiteVisit | null; problemReports: ProblemReport[] };

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505';
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const acceptedList = acceptedTypes.map((type) => type.label).join(', ');

/** The name a file is kept under: its last path part, without control characters, at most 200 characters. */
export const cleanFileName = (name: string): string =>
  (name.split(/[/\\]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(-200);

/**
 * Site visits (นิเทศติดตาม) of the provincial offices: planned, then recorded as done with the
 * officers, findings, recommendations and files. NACC in reach writes; the LAO reads its own.
 */
export class SiteVisitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  /** An LAO's visit of a fiscal year (null: none yet), for the LAO itself and NACC in reach. */
  async get(viewer: Viewer, laoId: number, fiscalYear: number): Promise<SiteVisit | null> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'siteVisit.read', lao, lao, 'อปท.');
    return this.dataSource.getRepository(SiteVisit).findOneBy({ laoId, fiscalYear });
  }

  /** Plans a visit, or records it as done (an existing one needs the version read). */
  async save(
    viewer: Viewer,
    input: Omit<SaveSiteVisitInput, 'laoId'> & { laoId: number },
  ): Promise<SiteVisit> {
    const actor = requireSignedIn(viewer);
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: input.laoId });
    requireCan(viewer, 'siteVisit.record', lao, lao, 'อปท.');
    const errors = siteVisitFieldErrors(input, this.now());
    if (errors.length > 0) throw badInput(errors);
    const values = {
      status: input.status,
      plannedOn: input.plannedOn || null,
      visitedOn: input.visitedOn || null,
      officers: input.officers.trim(),
      findings: input.findings.trim(),
      recommendations: input.recommendations.trim(),
      updatedByAccountId: actor.accountId,
    };
    const repo = this.dataSource.getRepository(SiteVisit);
    const existing = await repo.findOneBy({ laoId: input.laoId, fiscalYear: input.fiscalYear });
    if (existing) {
      if (input.expectedVersion !== existing.version) throw conflict();
      requireMayChangeVisit(existing.status, input.status);
      await updateVersioned(this.dataSource.manager, SiteVisit, existing.id, existing.version, values);
      return repo.findOneByOrFail({ id: existing.id });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== null) throw conflict();
    try {
      const inserted = await repo.insert({ ...values, laoId: input.laoId, fiscalYear: input.fiscalYear });
      return repo.findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
    } catch (error) {
      // Two offices' tabs planned the same LAO at once: the second must reload.
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }

  /**
   * The planner: the LAOs in reach (a provincial office its province), by district and code, each
   * with its visit of the year and the problems it filed that year; filtered by visit state.
   */
  async planner(
    viewer: Viewer,
    args: {
      fiscalYear: number;
      provinceId?: number;
      districtId?: number;
      filter?: SiteVisitFilter | null;
      first: number;
      after?: string | null;
    },
  ): Promise<Connection<SiteVisitPlanRowData>> {
    const query = this.dataSource.getRepository(Lao).createQueryBuilder('l');
    restrictToScope(query, viewer, { province: 'l.province_id', lao: 'l.id' });
    if (args.provinceId !== undefined)
      query.andWhere('l.province_id = :provinceId', { provinceId: args.provinceId });
    if (args.districtId !== undefined)
      query.andWhere('l.district_id = :districtId', { districtId: args.districtId });
    const visit = `SELECT 1 FROM site_visit v WHERE v.lao_id = l.id AND v.fiscal_year = :visitYear`;
    query.setParameter('visitYear', args.fiscalYear);
    if (args.filter === SiteVisitFilter.NOT_PLANNED) query.andWhere(`NOT EXISTS (${visit})`);
    else if (args.filter)
      query.andWhere(`EXISTS (${visit} AND v.status = :visitStatus)`, { visitStatus: args.filter });
    const page = await keysetPage(
      query,
      [
        { sql: 'l.district_id', type: 'integer' },
        { sql: 'l.code', type: 'text' },
      ],
      args,
    );
    const ids = page.edges.map((edge) => edge.node.id);
    const [visits, problems] = ids.length
      ? await Promise.all([
          this.dataSource.getRepository(SiteVisit).findBy({ laoId: In(ids), fiscalYear: args.fiscalYear }),
          this.dataSource
            .getRepository(ProblemReport)
            .find({ where: { laoId: In(ids), fiscalYear: args.fiscalYear }, order: { round: 'ASC' } }),
        ])
      : [[], []];
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          lao: node,
          visit: visits.find((v) => v.laoId === node.id) ?? null,
          problemReports: problems.filter((p) => p.laoId === node.id),
        },
      })),
    };
  }

  /**
   * The visit a file may be added to, or NOT_FOUND: checked before the upload's body is read,
   * so nobody out of reach can make the server read a large body.
   */
  async requireUploadTarget(viewer: Viewer, visitId: number): Promise<SiteVisit> {
    const visit = Number.isSafeInteger(visitId)
      ? await this.dataSource
          .getRepository(SiteVisit)
          .findOne({ where: { id: visitId }, relations: { lao: true } })
      : null;
    return requireCan(viewer, 'siteVisit.record', visit, visit?.lao, 'การนิเทศติดตาม');
  }

  /** Keeps a file of a visit, after checking its size and its type by content. */
  async addFile(
    viewer: Viewer,
    visitId: number,
    rawName: string,
    content: Buffer,
    maxBytes: number,
  ): Promise<SiteVisitFile> {
    const actor = requireSignedIn(viewer);
    const visit = await this.requireUploadTarget(viewer, visitId);
    const { fileName, type } = requireAcceptedFile(rawName, content, maxBytes);
    return this.dataSource.transaction(async (manager) => {
      const file = await manager.getRepository(SiteVisitFile).save(
        manager.getRepository(SiteVisitFile).create({
          siteVisitId: visit.id,
          fileName,
          contentType: type.mime,
          sizeBytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          uploadedByAccountId: actor.accountId,
        }),
      );
      await manager.getRepository(SiteVisitFileContent).insert({ fileId: file.id, content });
      return file;
    });
  }

  /** A file and its bytes for a reader of its LAO's visits; anyone else: NOT_FOUND, as for a missing file. */
  async download(viewer: Viewer, fileId: string): Promise<{ file: SiteVisitFile; content: Buffer }> {
    const file = uuidPattern.test(fileId)
      ? await this.dataSource
          .getRepository(SiteVisitFile)
          .findOne({ where: { id: fileId }, relations: { siteVisit: { lao: true } } })
      : null;
    requireCan(viewer, 'siteVisit.read', file, file?.siteVisit?.lao, 'ไฟล์');
    const stored = await this.dataSource.getRepository(SiteVisitFileContent).findOneBy({ fileId });
    if (!file || !stored) throw notFound('ไฟล์');
    return { file, content: stored.content };
  }

  /** NACC in reach removes a file of a visit (its bytes go with it). */
  async deleteFile(viewer: Viewer, fileId: string): Promise<boolean> {
    const file = uuidPattern.test(fileId)
      ? await this.dataSource
          .getRepository(SiteVisitFile)
          .findOne({ where: { id: fileId }, relations: { siteVisit: { lao: true } } })
      : null;
    requireCan(viewer, 'siteVisit.record', file, file?.siteVisit?.lao, 'ไฟล์');
    await this.dataSource.getRepository(SiteVisitFile).delete({ id: fileId });
    return true;
  }
}

/**
 * The clean name and sniffed type of an uploaded file, or the refusal: no name, empty, larger
 * than `maxBytes`, a type not accepted (by content), or a name whose extension is not the
 * content's. Site-visit files and report evidence alike.
 */
export const requireAcceptedFile = (
  rawName: string,
  content: Buffer,
  maxBytes: number,
): { fileName: string; type: SniffedType } => {
  const fileName = cleanFileName(rawName);
  if (!fileName) throw badInput([{ field: 'fileName', constraints: ['required'], message: 'กรุณาระบุชื่อไฟล์' }]);
  if (content.length === 0)
    throw badInput([{ field: 'file', constraints: ['notEmpty'], message: 'ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่' }]);
  if (content.length > maxBytes) throw fileTooLarge(maxBytes);
  const type = sniffFileType(content);
  if (!type)
    throw new AppError(
      ErrorCode.FILE_TYPE_NOT_ALLOWED,
      `ไฟล์ “${fileName}” ไม่ใช่ชนิดที่รับ ระบบตรวจชนิดจากเนื้อไฟล์ ไม่ใช่จากนามสกุล รับเฉพาะ ${acceptedList}`,
      { accepted: acceptedTypes.map((t) => t.mime) },
    );
  const extension = extensionOf(fileName);
  if (!type.extensions.includes(extension))
    throw new AppError(
      ErrorCode.FILE_TYPE_NOT_ALLOWED,
      `เนื้อไฟล์ “${fileName}” เป็น ${type.label} แต่ชื่อไฟล์${extension ? `ลงท้ายด้วย .${extension}` : 'ไม่มีนามสกุล'} กรุณาตรวจสอบว่าเลือกไฟล์ถูกต้อง แล้วตั้งนามสกุลเป็น .${type.extensions[0]}`,
      { accepted: acceptedTypes.map((t) => t.mime) },
    );
  return { fileName, type };
};

/** FILE_TOO_LARGE with the limit in MB, for the service and the upload route alike. */
export const fileTooLarge = (maxBytes: number): AppError =>
  new AppError(
    ErrorCode.FILE_TOO_LARGE,
    `ไฟล์มีขนาดใหญ่เกิน ${(maxBytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์`,
    { limitBytes: maxBytes },
  );
