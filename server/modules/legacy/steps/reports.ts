import { ReportStatus, RoundKind, UnableReason } from '../../report/report.enums';
import { importAccountName, insertMany, type ImportContext, withSummaryTriggerOff } from '../import-context';
import type { StepCounts } from '../import-log';
import { baht, beYear, int, text, type Row } from '../legacy-source';
import { type Placement, placements } from './plans';
import { mappedAmong } from './projects';

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

const reportColumns =
  'report_id, project_id, round_report, budget_true, paid, input_plan, status_process_year, status_process, radio_reason, txt_reason, remark_report, local_goverment_id';

/** Completed reports per `legacyOfficeId/year/round` of counted projects, for the level comparison. */
export type ReportTallies = Map<string, number>;
export const reportTallies = (ctx: ImportContext): Promise<ReportTallies> =>
  ctx.once('reportTallies', async () => new Map<string, number>());

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
  // The highest report_id of each (project, round, year), as a bitmap over report ids (§4.5).
  const [{ top }] = await ctx.source.rows('SELECT COALESCE(MAX(report_id), 0) AS top FROM report');
  const winners = new Uint8Array(Math.floor(Number(top) / 8) + 1);
  await ctx.source.each(
    'SELECT MAX(report_id) AS m FROM report GROUP BY project_id, round_report, status_process_year',
    [],
    (row) => {
      const id = Number(row.m);
      winners[id >> 3] |= 1 << (id & 7);
    },
  );
  await ctx.source.each(
    `SELECT r.report_id, x.m FROM report r
       JOIN (SELECT project_id, round_report, status_process_year, MAX(report_id) AS m FROM report
              GROUP BY project_id, round_report, status_process_year HAVING count(*) > 1) x
         ON r.project_id = x.project_id AND r.round_report = x.round_report
        AND r.status_process_year = x.status_process_year AND r.report_id <> x.m
      ORDER BY r.report_id`,
    [],
    (d) =>
      ctx.log.skip(
        'report',
        text(d.report_id),
        `duplicate of report ${text(d.m)} (the highest report_id wins, §4.5)`,
      ),
  );
  const state: PageState = {
    placed: await placements(ctx),
    importer: await ctx.importAccountId(),
    tallies: await reportTallies(ctx),
    zeroLao: 0,
  };
  await withSummaryTriggerOff(ctx.manager, 'report', async (touched) => {
    state.touched = touched;
    for await (const page of ctx.source.pages('report', reportColumns, 'report_id', 20_000)) {
      const rows = page.filter((row) => {
        const id = Number(row.report_id);
        return (winners[id >> 3] & (1 << (id & 7))) !== 0;
      });
      if (rows.length > 0) await importPage(ctx, counts, state, rows);
    }
  });
  if (state.zeroLao > 0)
    ctx.log.finding(
      'report',
      '*',
      `${state.zeroLao} reports hold local_goverment_id 0 (before commit 15df1ad): their project's LAO is used`,
    );
};

type PageState = {
  placed: Map<number, Placement>;
  importer: string;
  tallies: ReportTallies;
  zeroLao: number;
  /** The (LAO, year) pairs written, whose summaries are refreshed at the end of the step. */
  touched?: Set<string>;
};

const importPage = async (
  ctx: ImportContext,
  counts: StepCounts,
  state: PageState,
  rows: Row[],
): Promise<void> => {
  const { placed, importer, tallies } = state;
  const projectIds = [...new Set(rows.map((r) => text(r.project_id)))];
  const projects: {
    legacy_id: string;
    id: number;
    lao_id: number;
    fiscal_years: number[];
    uses_budget: boolean;
  }[] = await ctx.manager.query(
    `SELECT m.legacy_id, p.id, p.lao_id, p.fiscal_years, p.uses_budget
         FROM legacy_mapping m JOIN project p ON p.id = m.new_id::integer
        WHERE m.kind = 'project' AND m.legacy_id = ANY($1::text[])`,
    [projectIds],
  );
  const projectByLegacyId = new Map(projects.map((p) => [p.legacy_id, p]));
  const done = await mappedAmong(
    ctx,
    'report',
    rows.map((r) => text(r.report_id)),
  );
  const toCreate: { legacyId: string; values: unknown[] }[] = [];
  for (const row of rows) {
    counts.read += 1;
    const id = text(row.report_id);
    const legacyProject = int(row.project_id) ?? -1;
    const placement = placed.get(legacyProject);
    const year = beYear(row.status_process_year);
    const round = rounds[int(row.round_report) ?? 0];
    const status = statuses[int(row.status_process) ?? 0];
    // Tallied whatever happens below: the levels compare the legacy data, not what we write.
    if (placement?.ok && !placement.rejected && year !== null && round && placement.years.includes(year)) {
      const key = `${placement.legacyOfficeId}/${year}/${round}`;
      tallies.set(key, (tallies.get(key) ?? 0) + (status === ReportStatus.COMPLETED ? 1 : 0));
    }
    const project = projectByLegacyId.get(String(legacyProject));
    if (!project) {
      if (placement && !placement.ok && placement.deleted)
        ctx.log.skip('report', id, `its project ${legacyProject} was deleted in the legacy`);
      else ctx.log.cannotMap('report', id, `its project ${legacyProject} was not imported`);
      continue;
    }
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const legacyLao = int(row.local_goverment_id);
    if (legacyLao === 0) state.zeroLao += 1;
    else if (placement?.ok && legacyLao !== null && legacyLao !== placement.legacyOfficeId)
      ctx.log.finding(
        'report',
        id,
        `local_goverment_id ${legacyLao} differs from its project's ${placement.legacyOfficeId}: the project's LAO is used`,
      );
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
  for (const r of toCreate) state.touched?.add(`${r.values[1]}/${r.values[2]}`);
  await ctx.addMappings(
    'report',
    toCreate.map((r, i) => [r.legacyId, Number(ids[i])]),
  );
};
