import { type DataSource, type EntityManager, In } from 'typeorm';
import { updateVersioned } from '../../db/optimistic';
import { can, type LaoScope, requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, conflict, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Connection } from '../../graphql/connection';
import { keysetPage, type SortKey, syncOrder } from '../../graphql/keyset';
import { parseId } from '../../graphql/ids';
import { ChangeEvent } from '../history/change-event.entity';
import type { HistoryService } from '../history/history.service';
import { Lao } from '../lao/lao.entity';
import type { PlanCycleService } from '../plan/plan-cycle.service';
import { Plan } from '../plan/plan.entity';
import { PlanStatus } from '../plan/plan.enums';
import { isPlanFrozen, requireNotFrozen } from '../plan/plan-rules';
import { fiscalYearOf } from '../report/round-defaults';
import { Project } from './project.entity';
import { Report, ReportRevision } from '../report/report.entity';
import type { RoundKind } from '../report/report.enums';
import { Dimension } from '../plan/plan.enums';
import { ReviewStatus, TargetGroup } from './project.enums';
import {
  editReturnsToReview,
  mayRestoreInCycle,
  requireBudgetMatchesUse,
  requireMayDeleteProject,
  requireMayRestoreInCycle,
  requireMayWithdrawProject,
  requireNotWithdrawn,
  requireReviewReason,
  requireWithdrawalReason,
} from './project-rules';
import {
  ProjectOrder,
  type ProjectFieldsInput,
  type ProjectsArgs,
  type UpdateProjectInput,
  type WithdrawProjectInput,
} from './project.inputs';

const blank = (text: string | null | undefined): string | null => text?.trim() || null;
const unique = <T>(values: T[]): T[] => [...new Set(values)];
/** The chosen values, once each, in the enum's own order. */
const inOrder = <T>(order: T[], chosen: T[]): T[] => order.filter((value) => chosen.includes(value));

/** A project's report of one fiscal year and round. */
export type ReportKey = { fiscalYear: number; round: RoundKind };

const prefetched = (i: number) => `prefetchedReport${i}`;

/** The report of `reports[i]` that `ProjectService.list` read on the project's row (null: none). */
export const reportOf = (project: Project, i: number): Report | null =>
  (project as unknown as Record<string, Report | undefined>)[prefetched(i)] ?? null;

/** What a project holds once normalized: arrays deduplicated and sorted, blanks as null. */
export const normalizeProject = (fields: ProjectFieldsInput) => ({
  name: fields.name.trim(),
  workType: fields.workType,
  fiscalYears: unique(fields.fiscalYears).sort((a, b) => a - b),
  quarters: unique(fields.quarters).sort((a, b) => a - b),
  primaryDimension: fields.primaryDimension,
  additionalDimensions: inOrder(Object.values(Dimension), fields.additionalDimensions ?? []).filter(
    (d) => d !== fields.primaryDimension,
  ),
  essence: blank(fields.essence),
  usesBudget: fields.usesBudget !== false,
  // Without budget there is no amount: stored as 0 (`requireBudgetMatchesUse` refused any other).
  antiCorruptionBudget: fields.usesBudget === false ? '0' : (fields.antiCorruptionBudget ?? '0'),
  localDevelopmentBudget: fields.usesBudget === false ? '0' : (fields.localDevelopmentBudget ?? '0'),
  targetGroups: inOrder(Object.values(TargetGroup), fields.targetGroups ?? []),
  otherTargetGroup: blank(fields.otherTargetGroup),
  objectives: blank(fields.objectives),
  remarks: blank(fields.remarks),
});

type ProjectValues = ReturnType<typeof normalizeProject>;

/** Fields whose change sends an approved project back to review (remarks alone do not). */
const reviewedFields: (keyof ProjectValues)[] = [
  'name',
  'workType',
  'fiscalYears',
  'quarters',
  'primaryDimension',
  'additionalDimensions',
  'essence',
  'usesBudget',
  'antiCorruptionBudget',
  'localDevelopmentBudget',
  'targetGroups',
  'otherTargetGroup',
  'objectives',
];

const sameMoney = (a: string, b: string) => Number(a) === Number(b);
const changed = (before: Project, after: ProjectValues): boolean =>
  reviewedFields.some((field) => {
    const a = before[field as keyof Project];
    const b = after[field];
    if (field === 'antiCorruptionBudget' || field === 'localDevelopmentBudget')
      return !sameMoney(String(a), String(b));
    return JSON.stringify(a) !== JSON.stringify(b);
  });

/**
 * The fiscal years among `years` whose plan of the LAO is under assessment (frozen), read with
 * the plan rows locked against a concurrent submission until the caller's transaction ends.
 */
export const frozenYears = async (
  manager: EntityManager,
  laoId: number,
  years: number[],
): Promise<number[]> => {
  if (years.length === 0) return [];
  const plans: { fiscal_year: number; status: PlanStatus }[] = await manager.query(
    `SELECT fiscal_year, status FROM plan WHERE lao_id = $1 AND fiscal_year = ANY($2::smallint[]) ORDER BY fiscal_year FOR SHARE`,
    [laoId, unique(years)],
  );
  return plans.filter((plan) => isPlanFrozen(plan)).map((plan) => Number(plan.fiscal_year));
};

/**
 * Inserts rows as history kept them (entity property names), ids included: `OVERRIDING SYSTEM
 * VALUE` lets an identity column take back the id it once handed out. Columns a row leaves out
 * take their defaults (e.g. `updated_at`: now).
 */
const insertKept = async (
  manager: EntityManager,
  target: typeof Project | typeof Report | typeof ReportRevision,
  rows: Record<string, unknown>[],
): Promise<void> => {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(target);
  const columns = meta.columns.filter((column) => rows[0][column.propertyName] !== undefined);
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${columns
        .map((column) => {
          params.push(row[column.propertyName] ?? null);
          return `$${params.length}`;
        })
        .join(', ')})`,
  );
  await manager.query(
    `INSERT INTO "${meta.tableName}" (${columns.map((column) => `"${column.databaseName}"`).join(', ')})
     OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
    params,
  );
};

/** A report as history keeps it with its deleted project (`ProjectService.delete`). */
type KeptReport = Record<string, unknown> & { id: number; revisions?: Record<string, unknown>[] };

const projectLaoScope = async (manager: EntityManager, project: Project): Promise<LaoScope> =>
  manager.getRepository(Lao).findOneByOrFail({ id: project.laoId });

export class ProjectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cycles: PlanCycleService,
    private readonly history: HistoryService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(viewer: Viewer, id: number): Promise<Project> {
    const project = await this.dataSource.getRepository(Project).findOneBy({ id });
    const lao = project ? await projectLaoScope(this.dataSource.manager, project) : null;
    return requireCan(viewer, 'lao.read', project, lao, 'โครงการ');
  }

  /**
   * A page of projects; with `reports`, each project's report of those (year, round)s comes on
   * the page's own rows (`reportOf`), so a report table is one statement, not two.
   */
  async list(
    viewer: Viewer,
    args: ProjectsArgs,
    reports: readonly ReportKey[] = [],
  ): Promise<Connection<Project>> {
    // The LAO comes on the page's own rows (a list always shows whose project it is): no second statement.
    const query = this.dataSource
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.lao', 'lao');
    restrictToScope(query, viewer, { province: 'lao.province_id', lao: 'p.lao_id' });
    if (args.laoId) query.andWhere('p.lao_id = :laoId', { laoId: parseId(args.laoId, 'laoId') });
    if (args.provinceId)
      query.andWhere('lao.province_id = :provinceId', { provinceId: parseId(args.provinceId, 'provinceId') });
    if (args.districtId)
      query.andWhere('lao.district_id = :districtId', { districtId: parseId(args.districtId, 'districtId') });
    if (args.fiscalYear)
      query.andWhere('p.fiscal_years @> ARRAY[:year]::smallint[]', { year: args.fiscalYear });
    if (args.dimension) query.andWhere('p.primary_dimension = :dimension', { dimension: args.dimension });
    if (args.workType) query.andWhere('p.work_type = :workType', { workType: args.workType });
    if (args.reviewStatus)
      query.andWhere('p.review_status = :reviewStatus', { reviewStatus: args.reviewStatus });
    if (args.search?.trim()) {
      query.andWhere('p.name ILIKE :like', { like: `%${args.search.trim().replace(/[\\%_]/g, '\\$&')}%` });
    }
    reports.forEach(({ fiscalYear, round }, i) =>
      query.leftJoinAndMapOne(
        `p.${prefetched(i)}`,
        Report,
        `r${i}`,
        `r${i}.project_id = p.id AND r${i}.fiscal_year = :ry${i} AND r${i}.round = :rr${i}`,
        { [`ry${i}`]: fiscalYear, [`rr${i}`]: round },
      ),
    );
    const id: SortKey = { sql: 'p.id', type: 'integer' };
    const order: Record<ProjectOrder, SortKey[]> = {
      [ProjectOrder.NAME]: [{ sql: 'p.name', type: 'text' }, id],
      [ProjectOrder.BUDGET_DESC]: [{ sql: 'p.anti_corruption_budget', type: 'numeric', desc: true }, id],
      [ProjectOrder.DIMENSION]: [{ sql: 'p.primary_dimension', type: 'dimension' }, id],
      [ProjectOrder.RECORDED]: [{ sql: 'p.lao_id', type: 'integer' }, id],
    };
    return keysetPage(query, syncOrder(query, 'p', args.updatedSince, order[args.orderBy]), args);
  }

  /** The LAO records a project of its own plan. */
  async create(viewer: Viewer, fields: ProjectFieldsInput): Promise<Project> {
    const actor = requireSignedIn(viewer);
    const lao = actor.laoId ? await this.dataSource.getRepository(Lao).findOneBy({ id: actor.laoId }) : null;
    requireCan(viewer, 'project.record', lao, lao, 'อปท.');
    requireBudgetMatchesUse(fields);
    const values = normalizeProject(fields);
    return this.dataSource.transaction(async (manager) => {
      requireNotFrozen(await frozenYears(manager, actor.laoId as number, values.fiscalYears));
      const [project] = await this.insertMany(manager, actor.laoId as number, [values]);
      await this.history.record(manager, actor, [
        {
          entityType: 'PROJECT',
          entityId: project.id,
          laoId: project.laoId,
          action: 'CREATE',
          after: project,
        },
      ]);
      return project;
    });
  }

  /** Inserts projects (one cycle check per distinct year set) and makes sure each year has its plan row. */
  async insertMany(manager: EntityManager, laoId: number, rows: ProjectValues[]): Promise<Project[]> {
    const repo = manager.getRepository(Project);
    const cycleIds = new Map<string, number>();
    for (const row of rows) {
      const key = row.fiscalYears.join(',');
      if (!cycleIds.has(key)) cycleIds.set(key, (await this.cycles.cycleFor(manager, row.fiscalYears)).id);
    }
    const entities = rows.map((row) =>
      repo.create({ ...row, laoId, cycleId: cycleIds.get(row.fiscalYears.join(',')) as number }),
    );
    const inserted = await repo.save(entities, { chunk: 200 });
    // Read back what Postgres stored (numeric scale, defaults), in insertion order.
    const saved = await repo.find({ where: { id: In(inserted.map((p) => p.id)) }, order: { id: 'ASC' } });
    const years = unique(rows.flatMap((row) => row.fiscalYears));
    await manager
      .createQueryBuilder()
      .insert()
      .into(Plan)
      .values(
        years.map((fiscalYear) => ({
          laoId,
          fiscalYear,
          cycleId: saved.find((p) => p.fiscalYears.includes(fiscalYear))?.cycleId as number,
        })),
      )
      .orIgnore()
      .execute();
    return saved;
  }

  async update(viewer: Viewer, input: UpdateProjectInput): Promise<Project> {
    const actor = requireSignedIn(viewer);
    const id = parseId(input.id);
    requireBudgetMatchesUse(input);
    const values = normalizeProject(input);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.ownProject(manager, viewer, id);
      requireNotWithdrawn(before);
      // Moving a project into or out of a year changes that year's plan too.
      requireNotFrozen(
        await frozenYears(manager, before.laoId, [...before.fiscalYears, ...values.fiscalYears]),
      );
      const cycle = await this.cycles.cycleFor(manager, values.fiscalYears);
      const backToReview = editReturnsToReview(before, changed(before, values));
      await updateVersioned(manager, Project, id, input.version, {
        ...values,
        cycleId: cycle.id,
        ...(backToReview ? { reviewStatus: ReviewStatus.PENDING, reviewReason: null } : {}),
      });
      const after = await manager.getRepository(Project).findOneByOrFail({ id });
      await manager
        .createQueryBuilder()
        .insert()
        .into(Plan)
        .values(
          values.fiscalYears.map((fiscalYear) => ({ laoId: after.laoId, fiscalYear, cycleId: cycle.id })),
        )
        .orIgnore()
        .execute();
      await this.history.record(manager, actor, [
        { entityType: 'PROJECT', entityId: id, laoId: after.laoId, action: 'UPDATE', before, after },
      ]);
      return after;
    });
  }

  /** Deletes a project the rules let go (`mayDeleteProject`), with its progress reports. */
  async delete(viewer: Viewer, idText: string, version: number): Promise<boolean> {
    const actor = requireSignedIn(viewer);
    const id = parseId(idText);
    return this.dataSource.transaction(async (manager) => {
      // Locked: a report submitted meanwhile waits for this transaction instead of slipping in
      // between the deletion of the reports and that of the project.
      const before = await this.ownProject(manager, viewer, id, true);
      requireMayDeleteProject(before);
      requireNotFrozen(await frozenYears(manager, before.laoId, before.fiscalYears));
      if (before.version !== version) throw conflict();
      const reports = await this.reportsWithRevisions(manager, id);
      // Each deleted report leaves a tombstone and the summaries are recounted (triggers); its
      // revisions go with it (ON DELETE CASCADE), so the history below keeps them.
      if (reports.length > 0) await manager.query(`DELETE FROM report WHERE project_id = $1`, [id]);
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(Project)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected !== 1) throw conflict();
      await this.history.record(manager, actor, [
        {
          entityType: 'PROJECT',
          entityId: id,
          laoId: before.laoId,
          action: 'DELETE',
          before: reports.length > 0 ? { ...before, reports } : before,
        },
      ]);
      return true;
    });
  }

  /**
   * The LAO withdraws an approved project from its plan with a reason (`mayWithdrawProject`):
   * the row and its reports stay; it counts nowhere from now on (the summary trigger recounts
   * its years at commit) and partner sync sees it changed (`withdrawnAt`, a fresh `updatedAt`).
   */
  async withdraw(viewer: Viewer, input: WithdrawProjectInput): Promise<Project> {
    const actor = requireSignedIn(viewer);
    const id = parseId(input.projectId, 'projectId');
    const reason = input.reason?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      const found = await manager
        .getRepository(Project)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const lao = found ? await projectLaoScope(manager, found) : null;
      const before = requireCan(viewer, 'project.withdraw', found, lao, 'โครงการ');
      requireMayWithdrawProject(before);
      requireWithdrawalReason(reason);
      requireNotFrozen(await frozenYears(manager, before.laoId, before.fiscalYears));
      await updateVersioned(manager, Project, id, input.version, {
        withdrawnAt: () => 'now()',
        withdrawalReason: reason,
        withdrawnByAccountId: actor.accountId,
      });
      const after = await manager.getRepository(Project).findOneByOrFail({ id });
      await this.history.record(manager, actor, [
        { entityType: 'PROJECT', entityId: id, laoId: after.laoId, action: 'WITHDRAW', before, after },
      ]);
      return after;
    });
  }

  /**
   * The latest deletion of a project that is not there now, as its history keeps it, when the
   * viewer may restore it: what `restore` would bring back (null: nothing to restore).
   */
  async restorableDeletion(
    manager: EntityManager,
    viewer: Viewer,
    projectId: number,
  ): Promise<{ event: ChangeEvent; lao: Lao } | null> {
    const event = await manager.getRepository(ChangeEvent).findOne({
      where: { entityType: 'PROJECT', entityId: String(projectId), action: 'DELETE' },
      order: { id: 'DESC' },
    });
    if (!event?.before || event.laoId === null) return null;
    const lao = await manager.getRepository(Lao).findOneBy({ id: event.laoId });
    if (!lao || !can(viewer, 'project.restore', lao)) return null;
    return { event, lao };
  }

  /**
   * `ChangeEvent.viewerCanRestore`: whether `restore` would bring this deletion back now (the
   * project's latest deletion, not restored since, in the viewer's reach, its cycle running, no
   * plan of its years under assessment).
   */
  async mayRestore(viewer: Viewer, event: ChangeEvent): Promise<boolean> {
    if (event.entityType !== 'PROJECT' || event.action !== 'DELETE' || !event.before) return false;
    const manager = this.dataSource.manager;
    const id = Number(event.entityId);
    const deletion = await this.restorableDeletion(manager, viewer, id);
    if (!deletion || deletion.event.id !== event.id) return false;
    if (await manager.getRepository(Project).existsBy({ id })) return false;
    const fiscalYears = ((event.before.fiscalYears as number[] | undefined) ?? []).map(Number);
    try {
      const cycle = await this.cycles.cycleFor(manager, fiscalYears);
      if (!mayRestoreInCycle(cycle, fiscalYearOf(this.now()))) return false;
    } catch {
      return false;
    }
    const years = await manager.query(
      `SELECT 1 FROM plan WHERE lao_id = $1 AND fiscal_year = ANY($2::smallint[]) AND status = $3 LIMIT 1`,
      [deletion.lao.id, fiscalYears, PlanStatus.SUBMITTED],
    );
    return years.length === 0;
  }

  /**
   * Restores a deleted project from its history, with the reports deleted with it and every
   * version of them, under the same ids (identity columns never hand an id out twice, so they
   * are free). Refused once the project's plan cycle has ended, and while a plan of its years
   * is under assessment. The summary triggers recount its years at commit; the tombstones the
   * deletion left are removed, so a partner that had not synced in between sees no deletion,
   * and one that had sees the rows again (fresh `updatedAt`).
   */
  async restore(viewer: Viewer, projectIdText: string): Promise<Project> {
    const actor = requireSignedIn(viewer);
    const id = parseId(projectIdText, 'projectId');
    return this.dataSource.transaction(async (manager) => {
      // One restore at a time per project: the second waits, then finds the project there.
      await manager.query(`SELECT pg_advisory_xact_lock(7853, $1)`, [id]);
      const deletion = await this.restorableDeletion(manager, viewer, id);
      if (!deletion) throw notFound('โครงการที่ลบไว้');
      if (await manager.getRepository(Project).existsBy({ id }))
        throw new AppError(ErrorCode.INVALID_STATE, 'โครงการนี้ไม่ได้ถูกลบ หรือกู้คืนไปแล้ว');
      const kept = deletion.event.before as Record<string, unknown> & { reports?: KeptReport[] };
      const { reports = [], ...snapshot } = kept;
      const fiscalYears = (snapshot.fiscalYears as number[]).map(Number);
      const cycle = await this.cycles.cycleFor(manager, fiscalYears);
      requireMayRestoreInCycle(cycle, fiscalYearOf(this.now()));
      requireNotFrozen(await frozenYears(manager, deletion.lao.id, fiscalYears));
      const {
        version,
        createdAt,
        updatedAt: _updatedAt,
        lao: _lao,
        ...fields
      } = snapshot as Record<string, unknown>;
      await insertKept(manager, Project, [
        {
          ...fields,
          id,
          laoId: deletion.lao.id,
          cycleId: cycle.id,
          fiscalYears,
          withdrawnAt: null,
          withdrawalReason: null,
          withdrawnByAccountId: null,
          // A new version, so an edit still holding the deleted one fails with CONFLICT.
          version: Number(version ?? 0) + 1,
          createdAt,
        },
      ]);
      await manager
        .createQueryBuilder()
        .insert()
        .into(Plan)
        .values(fiscalYears.map((fiscalYear) => ({ laoId: deletion.lao.id, fiscalYear, cycleId: cycle.id })))
        .orIgnore()
        .execute();
      // Reports come back as they were (their versions too); `updated_at` is now, for partner sync.
      await insertKept(
        manager,
        Report,
        reports.map(({ revisions: _revisions, updatedAt: _at, ...report }) => ({ ...report, projectId: id })),
      );
      await insertKept(
        manager,
        ReportRevision,
        reports.flatMap((report) => report.revisions ?? []),
      );
      await manager.query(
        `DELETE FROM deleted_record
          WHERE (entity = 'PROJECT' AND record_id = $1) OR (entity = 'REPORT' AND record_id = ANY($2::int[]))`,
        [id, reports.map((report) => Number(report.id))],
      );
      const after = await manager.getRepository(Project).findOneByOrFail({ id });
      await this.history.record(manager, actor, [
        {
          entityType: 'PROJECT',
          entityId: id,
          laoId: after.laoId,
          action: 'RESTORE',
          after: reports.length > 0 ? { ...after, reportIds: reports.map((report) => report.id) } : after,
        },
      ]);
      return after;
    });
  }

  /** A project's reports, oldest first, each with every version submitted, as history keeps them. */
  private async reportsWithRevisions(manager: EntityManager, projectId: number): Promise<object[]> {
    // Locked first, so a correction committing meanwhile is in the copy kept.
    const reports = await manager.getRepository(Report).find({
      where: { projectId },
      order: { fiscalYear: 'ASC', round: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (reports.length === 0) return [];
    const revisions = await manager
      .getRepository(ReportRevision)
      .find({ where: { reportId: In(reports.map((r) => r.id)) }, order: { version: 'DESC' } });
    return reports.map((report) => ({
      ...report,
      revisions: revisions.filter((revision) => revision.reportId === report.id),
    }));
  }

  /** Bulk review, all or nothing: each project must still have the version the reviewer saw. */
  async review(
    viewer: Viewer,
    input: { projects: { id: string; version: number }[]; decision: ReviewStatus; reason?: string | null },
  ): Promise<Project[]> {
    const actor = requireSignedIn(viewer);
    const reason = input.reason?.trim() || null;
    requireReviewReason(input.decision, reason);
    const ids = input.projects.map((p) => parseId(p.id));
    return this.dataSource.transaction(async (manager) => {
      const before = await manager
        .getRepository(Project)
        .createQueryBuilder('p')
        .innerJoinAndSelect('p.lao', 'lao')
        .where('p.id IN (:...ids)', { ids })
        .getMany();
      const byId = new Map(before.map((p) => [p.id, p]));
      for (const id of ids) {
        const project = byId.get(id);
        requireNotWithdrawn(requireCan(viewer, 'project.review', project, project?.lao, 'โครงการ'));
      }
      const now = new Date();
      for (const item of input.projects) {
        await updateVersioned(manager, Project, Number(item.id), item.version, {
          reviewStatus: input.decision,
          reviewReason: input.decision === ReviewStatus.REJECTED ? reason : null,
          reviewedByAccountId: actor.accountId,
          reviewedAt: now,
        });
      }
      const after = await manager
        .getRepository(Project)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids })
        .orderBy('p.id')
        .getMany();
      await this.history.record(
        manager,
        actor,
        after.map((project) => {
          const { lao: _lao, ...old } = byId.get(project.id) as Project;
          return {
            entityType: 'PROJECT',
            entityId: project.id,
            laoId: project.laoId,
            action: 'REVIEW',
            before: old,
            after: project,
          };
        }),
      );
      return after;
    });
  }

  /** The caller's own project (LAO), or "not found". */
  private async ownProject(
    manager: EntityManager,
    viewer: Viewer,
    id: number,
    lock = false,
  ): Promise<Project> {
    const project = await manager
      .getRepository(Project)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const lao = project ? await projectLaoScope(manager, project) : null;
    return requireCan(viewer, 'project.record', project, lao, 'โครงการ');
  }
}
