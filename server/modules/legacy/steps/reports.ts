import { ReportStatus, RoundKind, UnableReason } from '../../report/report.enums';
import { importAccountName, insertMany, type ImportContext } from '../import-context';
import { baht, beYear, int, text, type Row } from '../legacy-source';
import { placements } from './plans';

const rounds: Record<number, RoundKind> = { 1: RoundKind.SIX_MONTH, 2: RoundKind.TWELVE_MONTH };
const statuses: Record<number, ReportStatus> = {
  2: ReportStatus.IN_PROGRESS,
  3: ReportStatus.COMPLETED,
  4: ReportStatus.UNABLE,
};
const reasons: Record<number, UnableReason> = {
  1: UnableReason.NO_BUDGET,
  2: UnableReason.POLICY_CHANGED,
  3: UnableReason.INSUFFICIENT_PERSONNEL,
  4: UnableReason.OTHER,
};

export const reportColumns =
  'r.report_id, r.project_id, r.round_report, r.budget_true, r.paid, r.input_plan, r.status_process_year, r.status_process, r.radio_reason, r.txt_reason, r.remark_report, r.local_goverment_id';

/** Legacy reports without duplicates: the highest report_id per (project, round, year) (§4.5). */
export const latestReports = (ctx: ImportContext): Promise<Row[]> =>
  ctx.once('latestReports', () =>
    ctx.source.rows(
      `SELECT ${reportColumns}
         FROM report r
         JOIN (SELECT MAX(report_id) AS m FROM report GROUP BY project_id, round_report, status_process_year) x
           ON r.report_id = x.m
        ORDER BY r.report_id`,
    ),
  );

/**
 * Step 7, progress reports (LEGACY.md §1.6, §4.5, §5): duplicates of (project, round_report,
 * status_process_year) are dropped, the highest report_id kept. The fiscal year is
 * status_process_year, the round round_report (1 = 6-month, 2 = 12-month), the status 2/3/4 →
 * in progress / completed / unable with radio_reason 1–4 (+ txt_reason for "other"). The project's
 * LAO, budget and flags come from the project, never the report's stale copies; a
 * local_goverment_id of 0 (early rows) is therefore harmless. A project without budget reports no
 * amounts. remark_report → remark.
 */
export const importReports = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('reports');
  const duplicates = await ctx.source.rows(
    `SELECT r.report_id, x.m FROM report r
       JOIN (SELECT project_id, round_report, status_process_year, MAX(report_id) AS m FROM report
              GROUP BY project_id, round_report, status_process_year HAVING count(*) > 1) x
         ON r.project_id = x.project_id AND r.round_report = x.round_report
        AND r.status_process_year = x.status_process_year AND r.report_id <> x.m
      ORDER BY r.report_id`,
  );
  for (const d of duplicates)
    ctx.log.skip(
      'report',
      text(d.report_id),
      `duplicate of report ${text(d.m)} (the highest report_id wins, §4.5)`,
    );
  const rows = await latestReports(ctx);
  const placed = await placements(ctx);
  const projectMap = await ctx.mapped('project');
  const projects: { id: number; lao_id: number; fiscal_years: number[]; uses_budget: boolean }[] =
    await ctx.manager.query('SELECT id, lao_id, fiscal_years, uses_budget FROM project');
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const done = await ctx.mapped('report');
  const importer = await ctx.importAccountId();
  const toCreate: { legacyId: string; values: unknown[] }[] = [];
  let zeroLao = 0;
  for (const row of rows) {
    counts.read += 1;
    const id = text(row.report_id);
    const legacyProject = int(row.project_id) ?? -1;
    const projectId = Number(projectMap.get(String(legacyProject)));
    const project = projectById.get(projectId);
    if (!project) {
      const placement = placed.get(legacyProject);
      if (placement && !placement.ok && placement.deleted)
        ctx.log.skip('report', id, `its project ${legacyProject} was deleted in the legacy`);
      else ctx.log.cannotMap('report', id, `its project ${legacyProject} was not imported`);
      continue;
    }
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const placement = placed.get(legacyProject);
    const legacyLao = int(row.local_goverment_id);
    if (legacyLao === 0) zeroLao += 1;
    else if (placement?.ok && legacyLao !== null && legacyLao !== placement.legacyOfficeId)
      ctx.log.finding(
        'report',
        id,
        `local_goverment_id ${legacyLao} differs from its project's ${placement.legacyOfficeId}: the project's LAO is used`,
      );
    const year = beYear(row.status_process_year);
    const round = rounds[int(row.round_report) ?? 0];
    const status = statuses[int(row.status_process) ?? 0];
    const problems = [
      year === null && `status_process_year "${text(row.status_process_year)}" is not a fiscal year`,
      year !== null &&
        !project.fiscal_years.includes(year) &&
        `year ${year} is not one of its project's years (${project.fiscal_years.join(', ')})`,
      !round && `round_report "${text(row.round_report)}" is not 1 or 2`,
      !status && `status_process "${text(row.status_process)}" is not 2, 3 or 4`,
    ].filter(Boolean);
    if (problems.length > 0) {
      ctx.log.cannotMap('report', id, problems.join('; '));
      continue;
    }
    let reason: UnableReason | null = null;
    let reasonText: string | null = null;
    if (status === ReportStatus.UNABLE) {
      reason = reasons[int(row.radio_reason) ?? 0] ?? UnableReason.OTHER;
      if (reason === UnableReason.OTHER) {
        reasonText = ctx.log.text('report', id, 'txt_reason', text(row.txt_reason));
        if (!reasonText) {
          reasonText = 'ไม่ระบุเหตุผล (ข้อมูลจากระบบเดิม)';
          ctx.log.finding(
            'report',
            id,
            'unable without a reason in words: "ไม่ระบุเหตุผล (ข้อมูลจากระบบเดิม)" recorded',
          );
        }
      }
    }
    const amount = (column: string) => {
      if (!project.uses_budget) return '0';
      const value = baht(row[column]);
      if (value === null)
        ctx.log.finding('report', id, `${column} "${text(row[column])}" is not an amount: imported as 0`);
      return value ?? '0';
    };
    toCreate.push({
      legacyId: id,
      values: [
        project.id,
        project.lao_id,
        year,
        round,
        text(row.input_plan).toUpperCase() === 'Y',
        amount('budget_true'),
        amount('paid'),
        status,
        reason,
        reasonText,
        ctx.log.text('report', id, 'remark_report', text(row.remark_report)),
        1,
      ],
    });
  }
  if (zeroLao > 0)
    ctx.log.finding(
      'report',
      '*',
      `${zeroLao} reports hold local_goverment_id 0 (before commit 15df1ad): their project's LAO is used`,
    );
  const ids = await insertMany(
    ctx.manager,
    'report',
    [
      'project_id',
      'lao_id',
      'fiscal_year',
      'round',
      'in_ordinance',
      'ordinance_budget',
      'disbursed',
      'status',
      'unable_reason',
      'unable_reason_text',
      'remark',
      'version',
    ],
    toCreate.map((r) => r.values),
    'id',
  );
  await insertMany(
    ctx.manager,
    'report_revision',
    [
      'report_id',
      'version',
      'in_ordinance',
      'ordinance_budget',
      'disbursed',
      'status',
      'unable_reason',
      'unable_reason_text',
      'remark',
      'submitted_by_name',
      'submitted_by_account_id',
    ],
    toCreate.map((r, i) => [
      ids[i],
      1,
      ...r.values.slice(4, 11),
      `e-PlanNACC (${importAccountName})`,
      importer,
    ]),
  );
  counts.created += ids.length;
  await ctx.addMappings(
    'report',
    toCreate.map((r, i) => [r.legacyId, Number(ids[i])]),
  );
};
