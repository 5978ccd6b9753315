import { DIMENSION_MAX_SCORE, TOTAL_MAX_SCORE } from '../../plan/assessment-scale';
import { AssessmentVerdict, PlanStatus, ScoreLevel } from '../../plan/plan.enums';
import { insertMany, type ImportContext } from '../import-context';
import { beYear, int, text, type Row } from '../legacy-source';
import { laoByLegacyCode, legacyOffices } from './laos';
import { ensurePlans } from './plans';

/**
 * Step 8, pass marks (LEGACY.md §1.8, §3.10): `criterionscore` is insert-only; the latest row of a
 * year (highest id) is that year's pass mark. A year whose mark NACC central already set in the
 * new system keeps ours (reported).
 */
export const importPassMarks = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('passMarks');
  const rows = await ctx.source.rows(
    'SELECT criterionscore_id, criterionscore_year, criterionscore_score FROM criterionscore ORDER BY criterionscore_id',
  );
  const latest = new Map<number, Row>();
  for (const row of rows) {
    const year = beYear(row.criterionscore_year);
    if (year === null) {
      counts.read += 1;
      ctx.log.cannotMap(
        'criterionscore',
        text(row.criterionscore_id),
        `year "${text(row.criterionscore_year)}" is not a fiscal year`,
      );
      continue;
    }
    const previous = latest.get(year);
    if (previous)
      ctx.log.skip(
        'criterionscore',
        text(previous.criterionscore_id),
        `older pass mark of ${year}: the latest row wins`,
      );
    latest.set(year, row);
  }
  const done = await ctx.mapped('pass-mark');
  const ours: { fiscal_year: number }[] = await ctx.manager.query(
    'SELECT fiscal_year FROM assessment_pass_mark',
  );
  const set = new Set(ours.map((m) => m.fiscal_year));
  const importer = await ctx.importAccountId();
  const fresh: [string, number][] = [];
  for (const [year, row] of latest) {
    counts.read += 1;
    const id = text(row.criterionscore_id);
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const score = int(row.criterionscore_score);
    if (score === null || score < 0 || score > TOTAL_MAX_SCORE) {
      ctx.log.cannotMap(
        'criterionscore',
        id,
        `score "${text(row.criterionscore_score)}" is not 0–${TOTAL_MAX_SCORE}`,
      );
      continue;
    }
    if (set.has(year)) {
      ctx.log.skip(
        'criterionscore',
        id,
        `the pass mark of ${year} is already set in the new system: ours kept`,
      );
      continue;
    }
    await ctx.manager.query(
      'INSERT INTO assessment_pass_mark (fiscal_year, score, set_by_account_id, version) VALUES ($1, $2, $3, 1)',
      [year, score, importer],
    );
    fresh.push([id, year]);
    counts.created += 1;
  }
  await ctx.addMappings('pass-mark', fresh);
};

const dims = [1, 2, 3, 4];
const sarColumns = [
  'scoresar_id',
  'local_office_code',
  'scoresar_year',
  ...dims.map((d) => `sar_score_l${d}`),
  'suml',
  ...dims.map((d) => `sar_score_p${d}`),
  'sump',
  ...dims.map((d) => `sar_score_m${d}`),
  'summ',
];

type ScoreRow = { scores: string[]; total: string };

/** One of the l/p/m rows: null when empty, else its scores (or the reason it cannot be used). */
const scoreRow = (row: Row, letter: 'l' | 'p' | 'm', sum: string): ScoreRow | string | null => {
  const values = dims.map((d) => text(row[`sar_score_${letter}${d}`]));
  const total = text(row[sum]);
  const nonZero = (v: string) => v !== '' && Number(v) !== 0;
  if (
    letter === 'l' ? !values.some((v) => v !== '') && total === '' : !values.some(nonZero) && !nonZero(total)
  )
    return null;
  const scores = values.map((v) => (v === '' ? '0' : v));
  const bad = scores.find((v) => !/^\d{1,3}(\.\d{1,2})?$/.test(v) || Number(v) > DIMENSION_MAX_SCORE);
  if (bad !== undefined) return `${letter}-row score "${bad}" is not 0–${DIMENSION_MAX_SCORE}`;
  const sumValue = scores.reduce((s, v) => s + Number(v), 0);
  return { scores, total: sumValue.toFixed(2) };
};

/**
 * Step 9, assessment scores (LEGACY.md §1.8, §3.9, §4.5, §5): `scoresar` is append-only; the
 * latest row per (code, year) is imported: its l-row as the LAO's self-assessment, its p-row as a
 * provincial (P) assessment, its m-row as a central (M) one, each with the four dimension scores;
 * totals are recomputed (the legacy summed in the browser). The verdict is the year's pass mark's
 * (total ≥ mark); with no mark, PASSED (the legacy blocked nobody without one, §2.4). The plan of
 * that LAO and year (created if it has none) then takes the verdict of M, else P. Older rows are
 * skipped; an older non-zero summ/sump that the latest row lacks (a level 1–2 save blanked it,
 * §4.5) is flagged for review, not imported.
 */
export const importAssessments = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('assessments');
  const rows = await ctx.source.rows(`SELECT ${sarColumns.join(', ')} FROM scoresar ORDER BY scoresar_id`);
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${text(row.local_office_code)}/${text(row.scoresar_year)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const laoByCode = await laoByLegacyCode(ctx);
  const offices = await legacyOffices(ctx);
  const officeIdByCode = new Map(offices.map((o) => [text(o.local_office_code), text(o.local_office_id)]));
  const cycles: { id: number; start_year: number; end_year: number }[] = await ctx.manager.query(
    'SELECT id, start_year, end_year FROM plan_cycle',
  );
  const marks: { fiscal_year: number; score: string }[] = await ctx.manager.query(
    'SELECT fiscal_year, score FROM assessment_pass_mark',
  );
  const markOf = new Map(marks.map((m) => [m.fiscal_year, m.score]));
  const done = new Set([
    ...(await ctx.mapped('self-assessment')).keys(),
    ...(await ctx.mapped('assessment-p')).keys(),
    ...(await ctx.mapped('assessment-m')).keys(),
  ]);
  type Item = {
    id: string;
    planKey: string;
    l: ScoreRow | null;
    p: ScoreRow | null;
    m: ScoreRow | null;
    year: number;
  };
  const items: Item[] = [];
  const wanted = new Map<string, { laoId: number; year: number; cycleId: number }>();
  for (const group of byKey.values()) {
    const row = group[group.length - 1];
    const id = text(row.scoresar_id);
    counts.read += 1;
    ctx.log.skipMany(
      'scoresar',
      group.length - 1,
      `older rows of ${text(row.local_office_code)}/${text(row.scoresar_year)}: the latest (#${id}) wins`,
    );
    for (const [sum, letter] of [
      ['summ', 'M'],
      ['sump', 'P'],
    ] as const) {
      const blank = text(row[sum]) === '' || Number(text(row[sum])) === 0;
      const older = group
        .slice(0, -1)
        .reverse()
        .find((o) => text(o[sum]) !== '' && Number(text(o[sum])) !== 0);
      if (blank && older)
        ctx.log.finding(
          'scoresar',
          id,
          `REVIEW: latest row has no ${sum} but older row #${text(older.scoresar_id)} had ${text(older[sum])} (${letter} score blanked by a later save, §4.5); not imported`,
        );
    }
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    const code = text(row.local_office_code);
    const lao = laoByCode.get(code);
    const year = beYear(row.scoresar_year);
    if (!lao) {
      ctx.log.cannotMap('scoresar', id, `code ${code} is not a mapped LAO`);
      continue;
    }
    if (year === null) {
      ctx.log.cannotMap('scoresar', id, `year "${text(row.scoresar_year)}" is not a fiscal year`);
      continue;
    }
    const l = scoreRow(row, 'l', 'suml');
    const p = scoreRow(row, 'p', 'sump');
    const m = scoreRow(row, 'm', 'summ');
    const bad = [l, p, m].filter((x): x is string => typeof x === 'string');
    if (bad.length > 0) {
      ctx.log.cannotMap('scoresar', id, bad.join('; '));
      continue;
    }
    if (!l && !p && !m) {
      ctx.log.skip('scoresar', id, 'no score in the latest row');
      continue;
    }
    const cycle = cycles.find((c) => c.start_year <= year && year <= c.end_year);
    if (!cycle) {
      ctx.log.cannotMap('scoresar', id, `no plan cycle of ours holds ${year}`);
      continue;
    }
    const planKey = `${officeIdByCode.get(code)}/${year}`;
    wanted.set(planKey, { laoId: lao.id, year, cycleId: cycle.id });
    items.push({
      id,
      planKey,
      year,
      l: l as ScoreRow | null,
      p: p as ScoreRow | null,
      m: m as ScoreRow | null,
    });
  }
  const planCounts = { read: 0, created: 0, unchanged: 0 };
  const plans = await ensurePlans(ctx, wanted, planCounts);
  if (planCounts.created > 0)
    ctx.log.finding('plan', '*', `${planCounts.created} plans created for scores of years without projects`);
  const importer = await ctx.importAccountId();
  const verdictOf = (total: string, year: number) => {
    const mark = markOf.get(year);
    if (mark === undefined) return { verdict: AssessmentVerdict.PASSED, passMark: null, computed: null };
    const verdict = Number(total) >= Number(mark) ? AssessmentVerdict.PASSED : AssessmentVerdict.INCOMPLETE;
    return { verdict, passMark: mark, computed: verdict };
  };
  const selfRows = items.filter((i) => i.l);
  await insertMany(
    ctx.manager,
    'self_assessment',
    [
      'plan_id',
      'score_society',
      'score_administration',
      'score_participation',
      'score_oversight',
      'total_score',
      'account_id',
    ],
    selfRows.map((i) => [
      plans.get(i.planKey),
      ...(i.l as ScoreRow).scores,
      (i.l as ScoreRow).total,
      importer,
    ]),
  );
  const naccRows = items.flatMap((i) =>
    (
      [
        ['p', ScoreLevel.PROVINCIAL],
        ['m', ScoreLevel.CENTRAL],
      ] as const
    )
      .filter(([letter]) => i[letter])
      .map(([letter, level]) => ({ item: i, level, letter, score: i[letter] as ScoreRow })),
  );
  await insertMany(
    ctx.manager,
    'assessment',
    [
      'plan_id',
      'verdict',
      'level',
      'pass_mark',
      'computed_verdict',
      'score_society',
      'score_administration',
      'score_participation',
      'score_oversight',
      'total_score',
      'assessor_account_id',
      'comments',
    ],
    naccRows.map(({ item, level, score }) => {
      const v = verdictOf(score.total, item.year);
      return [
        plans.get(item.planKey),
        v.verdict,
        level,
        v.passMark,
        v.computed,
        ...score.scores,
        score.total,
        importer,
        'นำเข้าจากระบบ e-PlanNACC',
      ];
    }),
  );
  // The plan's state: the verdict of the central (M) assessment, else the provincial (P) one.
  for (const item of items) {
    const decisive = item.m ?? item.p;
    if (!decisive) continue;
    await ctx.manager.query(
      `UPDATE plan SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 AND status = $3`,
      [plans.get(item.planKey), verdictOf(decisive.total, item.year).verdict, PlanStatus.SUBMITTED],
    );
  }
  counts.created += selfRows.length + naccRows.length;
  await ctx.addMappings(
    'self-assessment',
    selfRows.map((i) => [i.id, plans.get(i.planKey) as number]),
  );
  await ctx.addMappings(
    'assessment-p',
    items.filter((i) => i.p).map((i) => [i.id, plans.get(i.planKey) as number]),
  );
  await ctx.addMappings(
    'assessment-m',
    items.filter((i) => i.m).map((i) => [i.id, plans.get(i.planKey) as number]),
  );
  // A row with only an l-row is mapped as self-assessment; one with nothing importable is not mapped.
};
