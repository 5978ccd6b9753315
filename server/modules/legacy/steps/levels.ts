import { ImplementationLevel, RoundKind } from '../../report/report.enums';
import { levelThresholds } from '../../report/reporting-rules';
import type { ImportContext } from '../import-context';
import { beYear, int, text } from '../legacy-source';
import { laoByLegacyId } from './laos';
import { legacyProjects, placements } from './plans';
import { latestReports } from './reports';

/** Our level of a percentage (reporting-rules.ts: ≥ high, ≥ medium, on the number). */
export const ourLevel = (percentage: number, round: RoundKind): ImplementationLevel => {
  const { high, medium } = levelThresholds[round];
  if (percentage >= high) return ImplementationLevel.HIGH;
  if (percentage >= medium) return ImplementationLevel.MEDIUM;
  return ImplementationLevel.LOW;
};

/**
 * The legacy band test (LEGACY.md §4.7): the percentage formatted with 2 decimals, then `>= 50`,
 * else `<= 49 && >= 20` (12-month: 80 / 79 / 50), else red: 49.01–49.99 and 79.01–79.99 fall to low.
 */
export const legacyLevel = (percentage: number, round: RoundKind): ImplementationLevel => {
  const shown = Number(percentage.toFixed(2));
  const [high, mediumTop, medium] = round === RoundKind.SIX_MONTH ? [50, 49, 20] : [80, 79, 50];
  if (shown >= high) return ImplementationLevel.HIGH;
  if (shown <= mediumTop && shown >= medium) return ImplementationLevel.MEDIUM;
  return ImplementationLevel.LOW;
};

/**
 * "Levels that will change": per LAO, fiscal year and round with reports, our percentage
 * (completed ÷ counted projects, rejected and deleted excluded, deduplicated reports) under our
 * bands and under the legacy band test; every pair that differs is reported. Nothing is written:
 * percentages and levels are always recomputed by our rules, never imported.
 */
export const compareLevels = async (ctx: ImportContext): Promise<void> => {
  const projects = await legacyProjects(ctx);
  const placed = await placements(ctx);
  const laos = await laoByLegacyId(ctx);
  const counted = new Map<string, number>();
  const projectYears = new Map<number, { office: number; years: number[] }>();
  for (const row of projects) {
    const id = Number(row.project_id);
    const p = placed.get(id);
    if (!p?.ok || text(row.status_pass).toUpperCase() === 'N') continue;
    projectYears.set(id, { office: p.legacyOfficeId, years: p.years });
    for (const year of p.years)
      counted.set(`${p.legacyOfficeId}/${year}`, (counted.get(`${p.legacyOfficeId}/${year}`) ?? 0) + 1);
  }
  const completed = new Map<string, number>();
  for (const row of await latestReports(ctx)) {
    const project = projectYears.get(Number(row.project_id));
    const year = beYear(row.status_process_year);
    const round =
      int(row.round_report) === 1
        ? RoundKind.SIX_MONTH
        : int(row.round_report) === 2
          ? RoundKind.TWELVE_MONTH
          : null;
    if (!project || year === null || !round || !project.years.includes(year)) continue;
    const key = `${project.office}/${year}/${round}`;
    completed.set(key, (completed.get(key) ?? 0) + (int(row.status_process) === 3 ? 1 : 0));
  }
  for (const [key, done] of [...completed].sort()) {
    const [office, year, round] = key.split('/');
    const eligible = counted.get(`${office}/${year}`) ?? 0;
    if (eligible === 0) continue;
    const percentage = Math.round((10000 * done) / eligible) / 100;
    const ours = ourLevel(percentage, round as RoundKind);
    const legacy = legacyLevel(percentage, round as RoundKind);
    if (ours !== legacy)
      ctx.log.levelChanges.push({
        laoCode: laos.get(Number(office))?.code ?? `local_office_id ${office}`,
        fiscalYear: Number(year),
        round: round as RoundKind,
        percentage,
        legacyLevel: legacy,
        newLevel: ours,
      });
  }
};
