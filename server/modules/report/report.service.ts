import { createHash } from 'node:crypto';
import { updateVersioned } from '../../db/optimistic';
import type { DataSource, EntityManager } from 'typeorm';
import { requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Connection } from '../../graphql/connection';
import { keysetPage, syncOrder } from '../../graphql/keyset';
import type { SignedInViewer, Viewer } from '../../auth/viewer';
import { AppError, badInput, conflict, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { Lao } from '../lao/lao.entity';
import { PlanStatus } from '../plan/plan.enums';
import { ReviewStatus } from '../project/project.enums';
import { IdempotencyKey, Report, ReportRevision } from './report.entity';
import { ReportStatus, roundLabels, UnableReason } from './report.enums';
import type { ReportsArgs, SubmitReportInput } from './report.inputs';
import { formatDeadline } from './round-defaults';
import { requireMayReportOnPlan } from '../plan/plan-rules';
import { requireMayReportOnProject } from '../project/project-rules';
import {
  effectiveDeadline,
  grantedUntilSql,
  requireAmountsMatchBudgetUse,
  roundStateAt,
} from './reporting-rules';

/** The fields a report version carries, normalized (no amounts without budget: stored as 0). */
const reportValues = (input: SubmitReportInput, usesBudget: boolean) => ({
  inOrdinance: input.inOrdinance,
  ordinanceBudget: usesBudget ? (input.ordinanceBudget as string) : '0',
  disbursed: usesBudget ? (input.disbursed as string) : '0',
  remark: input.remark?.trim() || null,
  status: input.status,
  unableReason: input.status === ReportStatus.UNABLE ? (input.unableReason ?? null) : null,
  unableReasonText:
    input.status === ReportStatus.UNABLE && input.unableReason === UnableReason.OTHER
      ? input.unableReasonText?.trim() || null
      : null,
});

const payloadHash = (input: SubmitReportInput): string => {
  const { idempotencyKey: _key, ...payload } = input;
  const canonical = JSON.stringify(payload, Object.keys(payload).sort());
  return createHash('sha256').update(canonical).digest('hex');
};

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505';

type SubmissionContext = {
  id: number;
  lao_id: number;
  province_id: number;
  fiscal_years: number[];
  review_status: ReviewStatus;
  withdrawn_at: Date | null;
  uses_budget: boolean;
  /** The idempotency key was used before by this account. */
  seen: boolean;
  plan_status: PlanStatus | null;
  round_id: number | null;
  opens_at: Date | null;
  closes_at: Date | null;
  /** The latest granted extension of the round for this LAO. */
  extended_until: Date | null;
  existing: { id: number; version: number } | null;
};

/**
 * $1 project, $2 account, $3 idempotency key, $4 fiscal year (compared as int: any Int is a year
 * without a plan or round, not an error), $5 round kind. No row: no such project.
 */
const submissionContextSql = `
  SELECT p.id, p.lao_id, l.province_id, p.fiscal_years, p.review_status, p.withdrawn_at, p.uses_budget,
         EXISTS (SELECT 1 FROM idempotency_key k WHERE k.account_id = $2 AND k.key = $3) AS seen,
         (SELECT pl.status FROM plan pl WHERE pl.lao_id = p.lao_id AND pl.fiscal_year = $4::int) AS plan_status,
         rr.id AS round_id, rr.opens_at, rr.closes_at,
         ${grantedUntilSql('rr.id', 'p.lao_id')} AS extended_until,
         (SELECT jsonb_build_object('id', r.id, 'version', r.version) FROM report r
           WHERE r.project_id = p.id AND r.fiscal_year = $4::int AND r.round = $5::round_kind) AS existing
    FROM project p
    JOIN lao l ON l.id = p.lao_id
    LEFT JOIN reporting_round rr ON rr.fiscal_year = $4::int AND rr.kind = $5::round_kind
   WHERE p.id = $1`;

/**
 * Progress reports: the server enforces who, which project, which plan, and
 * when (the round's window or an extension); corrections keep every version.
 */
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async submit(viewer: Viewer, input: SubmitReportInput): Promise<Report> {
    const actor = requireSignedIn(viewer);
    const projectId = Number(input.projectId);
    try {
      return await this.dataSource.transaction((manager) =>
        this.submitIn(manager, viewer, actor, projectId, input),
      );
    } catch (error) {
      // Retries of one submission raced (a client timed out and sent it again while the first was
      // still running): the losers read the report before the winner committed, so they fail on the
      // report's unique index (a first report) or its version (a correction). If the winner stored
      // this key with this payload, each of them is a replay and gets the stored result.
      const raced =
        isUniqueViolation(error) ||
        (error instanceof AppError && error.extensions.code === ErrorCode.CONFLICT);
      if (raced) {
        const replay = await this.replay(actor, input);
        if (replay) return replay;
        throw isUniqueViolation(error) ? conflict() : error;
      }
      // The project was deleted (with its reports) while this report was being written.
      if ((error as { code?: string })?.code === '23503') throw notFound('โครงการ');
      throw error;
    }
  }

  private async submitIn(
    manager: EntityManager,
    viewer: Viewer,
    actor: SignedInViewer,
    projectId: number,
    input: SubmitReportInput,
  ): Promise<Report> {
    const { fiscalYear, round: kind } = input;
    // Everything the rules below look at, in one statement (deadline day: thousands of these).
    const [found]: SubmissionContext[] = Number.isSafeInteger(projectId)
      ? await manager.query(submissionContextSql, [
          projectId,
          actor.accountId,
          input.idempotencyKey,
          fiscalYear,
          kind,
        ])
      : [];
    // Only the owning LAO reports; anyone else is told the project does not exist.
    const lao = found ? { id: found.lao_id, provinceId: found.province_id } : null;
    requireCan(viewer, 'report.submit', found, lao, 'โครงการ');
    if (found.seen) {
      const replay = await this.replay(actor, input, manager);
      if (replay) return replay;
    }
    const owned = { id: found.id, laoId: found.lao_id, fiscalYears: found.fiscal_years };

    requireMayReportOnProject(
      { fiscalYears: owned.fiscalYears, reviewStatus: found.review_status, withdrawnAt: found.withdrawn_at },
      fiscalYear,
    );
    requireMayReportOnPlan(found.plan_status, fiscalYear);
    const now = this.now();
    if (found.round_id === null) {
      throw new AppError(ErrorCode.ROUND_CLOSED, `ยังไม่ได้กำหนด${roundLabels[kind]} ปีงบประมาณ ${fiscalYear}`);
    }
    const opensAt = found.opens_at as Date;
    const closesAt = found.closes_at as Date;
    const state = roundStateAt({ opensAt, closesAt }, found.extended_until, now);
    if (state === 'NOT_OPEN') {
      throw new AppError(
        ErrorCode.ROUND_NOT_OPEN,
        `${roundLabels[kind]} ปีงบประมาณ ${fiscalYear} ยังไม่เปิดรับรายงาน (เปิดรับตั้งแต่ ${formatDeadline(new Date(opensAt.getTime() + 1))})`,
        { opensAt: opensAt.toISOString() },
      );
    }
    const deadline = effectiveDeadline(closesAt, found.extended_until);
    if (state === 'CLOSED') {
      throw new AppError(
        ErrorCode.ROUND_CLOSED,
        `ปิดรับรายงาน${roundLabels[kind]} ปีงบประมาณ ${fiscalYear} แล้ว (กำหนดส่งภายใน ${formatDeadline(deadline)}) หากจำเป็นต้องรายงาน กรุณาขอขยายเวลาจากสำนักงาน ป.ป.ช.`,
        { deadline: deadline.toISOString() },
      );
    }
    if (input.status === ReportStatus.UNABLE && !input.unableReason) {
      throw badInput([
        { field: 'unableReason', constraints: ['required'], message: 'กรุณาเลือกเหตุที่ไม่สามารถดำเนินการได้' },
      ]);
    }
    if (
      input.status === ReportStatus.UNABLE &&
      input.unableReason === UnableReason.OTHER &&
      !input.unableReasonText?.trim()
    ) {
      throw badInput([{ field: 'unableReasonText', constraints: ['required'], message: 'กรุณาระบุเหตุอื่น ๆ' }]);
    }

    requireAmountsMatchBudgetUse(found.uses_budget, input);
    const values = reportValues(input, found.uses_budget);
    const repo = manager.getRepository(Report);
    const existing = found.existing;
    let report: Report;
    if (existing) {
      if (input.expectedVersion !== existing.version) throw conflict();
      await updateVersioned(manager, Report, existing.id, existing.version, values);
      report = await repo.findOneByOrFail({ id: existing.id });
    } else {
      if (input.expectedVersion !== undefined && input.expectedVersion !== null) throw conflict();
      const inserted = await repo.insert({
        ...values,
        projectId: owned.id,
        laoId: owned.laoId,
        fiscalYear,
        round: kind,
      });
      report = await repo.findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
    }
    await manager.getRepository(ReportRevision).insert({
      ...values,
      reportId: report.id,
      version: report.version,
      submittedByName: actor.displayName,
      submittedByAccountId: actor.accountId,
      submittedAt: now,
    });
    await manager.getRepository(IdempotencyKey).insert({
      accountId: actor.accountId,
      key: input.idempotencyKey,
      payloadHash: payloadHash(input),
      reportId: report.id,
    });
    return report;
  }

  /** A key seen before: the same payload gets the report back; another payload is refused. */
  private async replay(
    actor: SignedInViewer,
    input: SubmitReportInput,
    manager = this.dataSource.manager,
  ): Promise<Report | null> {
    const seen = await manager
      .getRepository(IdempotencyKey)
      .findOneBy({ accountId: actor.accountId, key: input.idempotencyKey });
    if (!seen) return null;
    if (seen.payloadHash !== payloadHash(input)) {
      throw new AppError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'รหัสการส่ง (idempotencyKey) นี้ถูกใช้กับข้อมูลชุดอื่นแล้ว กรุณาส่งใหม่ด้วยรหัสใหม่',
      );
    }
    return manager.getRepository(Report).findOneByOrFail({ id: seen.reportId });
  }

  /** Every submitted version of a report, newest first. */
  async revisions(viewer: Viewer, reportId: number): Promise<ReportRevision[]> {
    const report = await this.dataSource.getRepository(Report).findOneBy({ id: reportId });
    const lao = report ? await this.dataSource.getRepository(Lao).findOneBy({ id: report.laoId }) : null;
    requireCan(viewer, 'lao.read', report, lao, 'รายงาน');
    return this.dataSource
      .getRepository(ReportRevision)
      .find({ where: { reportId }, order: { version: 'DESC' } });
  }

  /** Reports within the viewer's reach (an LAO its own), by id or, for a sync, by change. */
  async list(
    viewer: Viewer,
    args: Omit<ReportsArgs, 'laoId' | 'provinceId'> & { laoId?: number; provinceId?: number },
  ): Promise<Connection<Report>> {
    const query = this.dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .innerJoin(Lao, 'lao', 'lao.id = r.lao_id');
    restrictToScope(query, viewer, { province: 'lao.province_id', lao: 'r.lao_id' });
    if (args.fiscalYear != null) query.andWhere('r.fiscal_year = :year', { year: args.fiscalYear });
    if (args.round != null) query.andWhere('r.round = :round', { round: args.round });
    if (args.laoId != null) query.andWhere('r.lao_id = :laoId', { laoId: args.laoId });
    if (args.provinceId != null)
      query.andWhere('lao.province_id = :provinceId', { provinceId: args.provinceId });
    return keysetPage(
      query,
      syncOrder(query, 'r', args.updatedSince, [{ sql: 'r.id', type: 'integer' }]),
      args,
    );
  }
}
