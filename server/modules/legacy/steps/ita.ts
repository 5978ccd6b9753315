import { ITA_MAX_SCORE } from '../../ita/ita-score.entity';
import type { ImportContext } from '../import-context';
import { beYear, text, type Row } from '../legacy-source';
import { laoByLegacyCode } from './laos';

/** `scoreita_m` (text up to 5 characters) as a score with two decimals, or null (LEGACY.md §1.8). */
export const parseItaScore = (value: unknown): string | null => {
  const t = text(value).replace(',', '.');
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return null;
  const score = Number(t);
  return score >= 0 && score <= ITA_MAX_SCORE ? score.toFixed(2) : null;
};

/**
 * Step 10, ITA (LEGACY.md §1.8, §3.11): `scoreita` is insert-only, one row per LAO on every save;
 * the latest per (code, year) is the score. `scoreita_m` is parsed as a decimal (0–100); one that
 * is not a number is reported. `scoreita_p` is always empty and not read. A score NACC central
 * already entered in the new system is kept.
 */
export const importIta = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('ita');
  const rows = await ctx.source.rows(
    'SELECT scoreita_id, local_office_code, scoreita_m, scoreita_year FROM scoreita ORDER BY scoreita_id',
  );
  const latest = new Map<string, Row>();
  let older = 0;
  for (const row of rows) {
    const key = `${text(row.local_office_code)}/${text(row.scoreita_year)}`;
    if (latest.has(key)) older += 1;
    latest.set(key, row);
  }
  ctx.log.skipMany('scoreita', older, 'older ITA rows: the latest per (code, year) wins');
  const laoByCode = await laoByLegacyCode(ctx);
  const done = await ctx.mapped('ita');
  const ours: { lao_id: number; fiscal_year: number }[] = await ctx.manager.query(
    'SELECT lao_id, fiscal_year FROM ita_score',
  );
  const taken = new Set(ours.map((s) => `${s.lao_id}/${s.fiscal_year}`));
  const importer = await ctx.importAccountId();
  const fresh: [string, number][] = [];
  for (const row of latest.values()) {
    counts.read += 1;
    const id = text(row.scoreita_id);
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const lao = laoByCode.get(text(row.local_office_code));
    const year = beYear(row.scoreita_year);
    const score = parseItaScore(row.scoreita_m);
    if (text(row.scoreita_m) === '') {
      ctx.log.skip('scoreita', id, 'empty score');
      continue;
    }
    const problems = [
      !lao && `code ${text(row.local_office_code)} is not a mapped LAO`,
      year === null && `year "${text(row.scoreita_year)}" is not a fiscal year`,
      score === null && `scoreita_m "${text(row.scoreita_m)}" is not a score 0–${ITA_MAX_SCORE}`,
    ].filter(Boolean);
    if (problems.length > 0 || !lao || year === null) {
      ctx.log.cannotMap('scoreita', id, problems.join('; '));
      continue;
    }
    if (taken.has(`${lao.id}/${year}`)) {
      ctx.log.skip(
        'scoreita',
        id,
        `LAO ${lao.code} already has an ITA score of ${year} in the new system: ours kept`,
      );
      continue;
    }
    const [created]: { id: number }[] = await ctx.manager.query(
      'INSERT INTO ita_score (lao_id, fiscal_year, score, recorded_by_account_id, version) VALUES ($1, $2, $3, $4, 1) RETURNING id',
      [lao.id, year, score, importer],
    );
    taken.add(`${lao.id}/${year}`);
    fresh.push([id, created.id]);
    counts.created += 1;
  }
  await ctx.addMappings('ita', fresh);
};
