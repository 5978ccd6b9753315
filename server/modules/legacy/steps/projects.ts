import { Dimension, dimensionsInOrder } from '../../plan/plan.enums';
import { ReviewStatus, TargetGroup, WorkType } from '../../project/project.enums';
import { insertMany, type ImportContext, withSummaryTriggerOff } from '../import-context';
import type { StepCounts } from '../import-log';
import { baht, beYear, int, text, type Row } from '../legacy-source';
import type { Placement } from './plans';
import { placements, projectColumns } from './plans';

const workTypes: Record<number, WorkType> = {
  1: WorkType.PROJECT,
  2: WorkType.ACTIVITY,
  3: WorkType.MEASURE,
  4: WorkType.GUIDELINE,
};

/** target_group1..9 in the legacy form's order (LEGACY.md §1.5; project.enums.ts keeps that order). */
const legacyTargetGroups: TargetGroup[] = [
  TargetGroup.POLITICAL_EXECUTIVES,
  TargetGroup.LOCAL_COUNCIL_MEMBERS,
  TargetGroup.OFFICIALS,
  TargetGroup.CHILDREN_AND_YOUTH,
  TargetGroup.PUBLIC,
  TargetGroup.EDUCATIONAL_INSTITUTIONS,
  TargetGroup.GOVERNMENT_AGENCIES,
  TargetGroup.STATE_ENTERPRISES,
  TargetGroup.PRIVATE_SECTOR,
];

const columns = [
  'lao_id',
  'cycle_id',
  'name',
  'work_type',
  'fiscal_years',
  'quarters',
  'primary_dimension',
  'uses_budget',
  'anti_corruption_budget',
  'local_development_budget',
  'target_groups',
  'other_target_group',
  'objectives',
  'remarks',
  'review_status',
  'version',
];

/**
 * Step 6, projects (LEGACY.md §1.5, §4.4, §4.6, §5): one project per legacy `project` row.
 * status_use 'N' (deleted) → not imported (reported as skipped); status_pass 'N' → REJECTED, 'Y'
 * → APPROVED (the legacy default; it had no pending state); type 1–4 → work type; dimention 1–4 →
 * primary dimension; the single quarter → one quarter; non_budget 'Y' (= HAS a budget) → uses
 * budget with `budget` as the anti-corruption-plan budget, else no budget; target_group1..9 → the
 * set; the free-text target_group → "other target group"; object → objectives; remark_project →
 * remarks. budget_year is unreliable (§4.6) and not imported.
 */
export const importProjects = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('projects');
  const placed = await placements(ctx);
  let garbageBudgetYears = 0;
  await withSummaryTriggerOff(ctx.manager, 'project', async (touched) => {
    for await (const rows of ctx.source.pages('project', projectColumns.join(', '), 'project_id', pageSize))
      garbageBudgetYears += await importPage(ctx, counts, placed, rows, touched);
  });
  if (garbageBudgetYears > 0)
    ctx.log.finding(
      'project',
      '*',
      `${garbageBudgetYears} projects have a budget_year outside their years (2551/2558 form bugs, §4.6): ignored, years come from year1..4`,
    );
};

const pageSize = 10_000;

/** The legacy ids among `ids` already mapped as `kind`. */
export const mappedAmong = async (ctx: ImportContext, kind: string, ids: string[]): Promise<Set<string>> => {
  const rows: { legacy_id: string }[] = await ctx.manager.query(
    'SELECT legacy_id FROM legacy_mapping WHERE kind = $1 AND legacy_id = ANY($2::text[])',
    [kind, ids],
  );
  return new Set(rows.map((r) => r.legacy_id));
};

const importPage = async (
  ctx: ImportContext,
  counts: StepCounts,
  placed: Map<number, Placement>,
  rows: Row[],
  touched: Set<string>,
): Promise<number> => {
  const done = await mappedAmong(
    ctx,
    'project',
    rows.map((r) => text(r.project_id)),
  );
  const toCreate: { legacyId: string; values: unknown[] }[] = [];
  let garbageBudgetYears = 0;
  for (const row of rows) {
    counts.read += 1;
    const id = text(row.project_id);
    const placement = placed.get(Number(id));
    if (!placement || !placement.ok) {
      if (placement?.deleted) ctx.log.skip('project', id, placement.reason);
      else ctx.log.cannotMap('project', id, placement?.reason ?? 'not read');
      continue;
    }
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const budgetYear = beYear(row.budget_year);
    if (budgetYear === null || !placement.years.includes(budgetYear)) garbageBudgetYears += 1;
    const workType = workTypes[int(row.type) ?? 0];
    const dimension: Dimension | undefined = dimensionsInOrder[(int(row.dimention) ?? 0) - 1];
    const quarter = int(row.quarter);
    const name = ctx.log.fit('project', id, 'name', ctx.log.text('project', id, 'name', text(row.name)), 500);
    const problems = [
      !name && 'empty name',
      !workType && `type "${text(row.type)}" is not 1–4`,
      !dimension && `dimention "${text(row.dimention)}" is not 1–4`,
      (quarter === null || quarter < 1 || quarter > 4) && `quarter "${text(row.quarter)}" is not 1–4`,
    ].filter(Boolean);
    if (problems.length > 0) {
      ctx.log.cannotMap('project', id, problems.join('; '));
      continue;
    }
    const usesBudget = text(row.non_budget).toUpperCase() === 'Y';
    let budget = usesBudget ? baht(row.budget) : '0';
    if (budget === null) {
      ctx.log.finding('project', id, `budget "${text(row.budget)}" is not an amount: imported as 0`);
      budget = '0';
    }
    if (!usesBudget && text(row.budget) !== '' && text(row.budget) !== '0')
      ctx.log.finding(
        'project',
        id,
        `non_budget = 'N' (no budget) but budget "${text(row.budget)}": imported without budget`,
      );
    const targetGroups = legacyTargetGroups.filter(
      (_, i) => text(row[`target_group${i + 1}`]) !== '' && text(row[`target_group${i + 1}`]) !== '0',
    );
    toCreate.push({
      legacyId: id,
      values: [
        placement.laoId,
        placement.cycleId,
        name,
        workType,
        placement.years,
        [quarter],
        dimension,
        usesBudget,
        budget,
        '0',
        targetGroups,
        ctx.log.text('project', id, 'target_group', text(row.target_group)),
        ctx.log.text('project', id, 'object', text(row.object)),
        ctx.log.text('project', id, 'remark_project', text(row.remark_project)),
        text(row.status_pass).toUpperCase() === 'N' ? ReviewStatus.REJECTED : ReviewStatus.APPROVED,
        1,
      ],
    });
  }
  const ids = await insertMany(
    ctx.manager,
    'project',
    columns,
    toCreate.map((p) => p.values),
    'id',
  );
  counts.created += ids.length;
  for (const p of toCreate) for (const year of p.values[4] as number[]) touched.add(`${p.values[0]}/${year}`);
  await ctx.addMappings(
    'project',
    toCreate.map((p, i) => [p.legacyId, Number(ids[i])]),
  );
  return garbageBudgetYears;
};
