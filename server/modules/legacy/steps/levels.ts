import { ImplementationLevel, RoundKind } from '../../report/report.enums';
import { levelThresholds } from '../../report/reporting-rules';
import type { ImportContext } from '../import-context';
import { laoByLegacyId } from './laos';
import { placements } from './plans';
import { reportTallies } from './reports';

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
  const placed = await placements(ctx);
  const laos = await laoByLegacyId(ctx);
  const completed = await reportTallies(ctx);
  const counted = new Map<string, number>();
  for (const p of placed.values()) {
    if (!p.ok || p.rejected) continue;
    for (const year of p.years)
      counted.set(`${p.legacyOfficeId}/${year}`, (counted.get(`${p.legacyOfficeId}/${year}`) ?? 0) + 1);
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
