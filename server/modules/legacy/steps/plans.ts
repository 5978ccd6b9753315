import { PlanStatus } from '../../plan/plan.enums';
import { ensureDefaultRounds } from '../../report/round-defaults';
import { insertMany, type ImportContext } from '../import-context';
import { beYear, text, type Row } from '../legacy-source';

export const projectColumns = [
  'project_id',
  'local_goverment_id',
  'name',
  'year1',
  'year2',
  'year3',
  'year4',
  'quarter',
  'type',
  'dimention',
  'budget_year',
  'non_budget',
  'budget',
  'target_group',
  'object',
  ...Array.from({ length: 9 }, (_, i) => `target_group${i + 1}`),
  'remark_project',
  'status_use',
  'status_pass',
];

/** The columns that place a project (LAO, years, flags); the other columns are read page by page. */
const placementColumns =
  'project_id, local_goverment_id, year1, year2, year3, year4, status_use, status_pass';

/** The four-year periods of the legacy pickers (2561–64, 2565–68, 2569–72, LEGACY.md §1.5). */
export const legacyPeriodOf = (year: number): { start: number; end: number } => {
  const start = 2561 + Math.floor((year - 2561) / 4) * 4;
  return { start, end: start + 3 };
};

/** The fiscal years a project runs in: the values of year1..4, whatever their slots (§4.6). */
export const projectYears = (row: Row): number[] =>
  [
    ...new Set(
      ['year1', 'year2', 'year3', 'year4'].map((c) => beYear(row[c])).filter((y): y is number => y !== null),
    ),
  ].sort();

export type Placement =
  | { ok: true; legacyOfficeId: number; laoId: number; years: number[]; cycleId: number; rejected: boolean }
  | { ok: false; reason: string; deleted?: boolean };

type Cycle = { id: number; start_year: number; end_year: number };

/**
 * Where each legacy project goes (LAO, fiscal years, plan cycle), worked out once per run. A
 * project's years must lie in one of our plan cycles. When no cycle of ours overlaps a legacy period
 * at all (e.g. a fresh database), the plans step creates that period as a cycle; a project whose
 * years straddle two of our cycles is reported, not split.
 */
export const placements = (ctx: ImportContext): Promise<Map<number, Placement>> =>
  ctx.once('placements', async () => {
    const projects: Row[] = [];
    await ctx.source.each(`SELECT ${placementColumns} FROM project ORDER BY project_id`, [], (row) =>
      projects.push(row),
    );
    const laoMap = await ctx.mapped('lao');
    let cycles: Cycle[] = await ctx.manager.query('SELECT id, start_year, end_year FROM plan_cycle');
    const result = new Map<number, Placement>();
    for (const row of projects) {
      const id = Number(row.project_id);
      if (text(row.status_use).toUpperCase() === 'N') {
        result.set(id, {
          ok: false,
          deleted: true,
          reason: 'deleted in the legacy (status_use = N): not imported',
        });
        continue;
      }
      const legacyOfficeId = Number(row.local_goverment_id);
      const laoId = Number(laoMap.get(String(legacyOfficeId)));
      if (!laoId) {
        result.set(id, {
          ok: false,
          reason: `local_goverment_id ${text(row.local_goverment_id)} is not a mapped LAO`,
        });
        continue;
      }
      const years = projectYears(row);
      if (years.length === 0) {
        result.set(id, { ok: false, reason: 'no fiscal year in year1..year4' });
        continue;
      }
      const inCycle = (c: Cycle) => c.start_year <= years[0] && years[years.length - 1] <= c.end_year;
      let cycle = cycles.find(inCycle);
      if (!cycle) {
        const period = legacyPeriodOf(years[0]);
        const overlaps = cycles.some((c) => c.start_year <= period.end && period.start <= c.end_year);
        if (!overlaps && years[years.length - 1] <= period.end) {
          const [created]: Cycle[] = await ctx.manager.query(
            `INSERT INTO plan_cycle (name_th, start_year, end_year, version) VALUES ($1, $2, $3, 1)
             RETURNING id, start_year, end_year`,
            [
              `แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ${period.start}–${period.end} (จากระบบ e-PlanNACC)`,
              period.start,
              period.end,
            ],
          );
          ctx.log.finding(
            'project',
            id,
            `plan cycle ${period.start}–${period.end} created (no cycle of ours covered it)`,
          );
          cycles = [...cycles, created];
          cycle = created;
        }
      }
      if (!cycle) {
        const spans = cycles.map((c) => `${c.start_year}–${c.end_year}`).join(', ') || 'none';
        result.set(id, {
          ok: false,
          reason: `years ${years.join(', ')} are not within one plan cycle of ours (${spans})`,
        });
        continue;
      }
      const rejected = text(row.status_pass).toUpperCase() === 'N';
      result.set(id, { ok: true, legacyOfficeId, laoId, years, cycleId: cycle.id, rejected });
    }
    return result;
  });

/**
 * Step 5, plans (LEGACY.md §5 "distinct (LAO, plan period)"): the legacy has no plan row; ours has
 * one per LAO and fiscal year, in a cycle. Every (LAO, year) of an imported project gets a plan,
 * SUBMITTED (the legacy had no draft: NACC saw and reviewed every project, §3.4); the assessment
 * step then sets PASSED or INCOMPLETE from the legacy scores. A plan our LAO already has is matched.
 */
export const importPlans = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('plans');
  const placed = await placements(ctx);
  const wanted = new Map<string, { laoId: number; year: number; cycleId: number }>();
  for (const p of placed.values())
    if (p.ok)
      for (const year of p.years)
        wanted.set(`${p.legacyOfficeId}/${year}`, { laoId: p.laoId, year, cycleId: p.cycleId });
  await ensureDefaultRounds(ctx.manager, [...new Set([...wanted.values()].map((w) => w.year))]);
  await ensurePlans(ctx, wanted, counts);
};

/** Plans for (legacy LAO/year) keys: mapped ones left alone, ours matched, the rest created. */
export const ensurePlans = async (
  ctx: ImportContext,
  wanted: Map<string, { laoId: number; year: number; cycleId: number }>,
  counts: { read: number; created: number; unchanged: number },
): Promise<Map<string, number>> => {
  const done = await ctx.mapped('plan');
  const existing: { id: number; lao_id: number; fiscal_year: number }[] = await ctx.manager.query(
    'SELECT id, lao_id, fiscal_year FROM plan',
  );
  const byLaoYear = new Map(existing.map((p) => [`${p.lao_id}/${p.fiscal_year}`, p.id]));
  const result = new Map<string, number>();
  const toCreate: [string, { laoId: number; year: number; cycleId: number }][] = [];
  const fresh: [string, number][] = [];
  const twins: [string, string][] = [];
  const pending = new Set<string>();
  for (const [key, plan] of wanted) {
    counts.read += 1;
    const mapped = done.get(key);
    if (mapped) {
      counts.unchanged += 1;
      result.set(key, Number(mapped));
      continue;
    }
    const ours = byLaoYear.get(`${plan.laoId}/${plan.year}`);
    if (ours) {
      counts.unchanged += 1;
      result.set(key, ours);
      fresh.push([key, ours]);
      continue;
    }
    const laoYear = `${plan.laoId}/${plan.year}`;
    if (pending.has(laoYear)) {
      // Two legacy offices with one code (reported by the LAO step) share the plan.
      twins.push([key, laoYear]);
      counts.unchanged += 1;
      continue;
    }
    pending.add(laoYear);
    toCreate.push([key, plan]);
  }
  const ids = await insertMany(
    ctx.manager,
    'plan',
    ['lao_id', 'fiscal_year', 'cycle_id', 'status', 'version'],
    toCreate.map(([, p]) => [p.laoId, p.year, p.cycleId, PlanStatus.SUBMITTED, 1]),
    'id',
  );
  toCreate.forEach(([key, p], i) => {
    result.set(key, Number(ids[i]));
    byLaoYear.set(`${p.laoId}/${p.year}`, Number(ids[i]));
    fresh.push([key, Number(ids[i])]);
  });
  counts.created += toCreate.length;
  for (const [key, laoYear] of twins) {
    const id = byLaoYear.get(laoYear) as number;
    result.set(key, id);
    fresh.push([key, id]);
  }
  await ctx.addMappings('plan', fresh);
  return result;
};
