import { createHash } from 'node:crypto';
import { hashPassword } from '../../../server/auth/password';
import { LaoType } from '../../../server/modules/lao/lao.enums';
import {
  generateNational,
  nationalLaoCounts,
  nationalPasswords,
  type NationalDataset,
  type PasswordKind,
} from '../../../server/seed/national/generate';
import {
  expectedDistricts,
  expectedProvinces,
  type Geography,
  loadGeography,
} from '../../../server/seed/national/geography';
import { loadNational, NationalSeedRefused } from '../../../server/seed/national/load';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, testHashCost, type TestServer } from '../../helpers/test-server';

/** Half a percent of the country: 43 LAOs, at least one of each type, ~3k projects, ~10k reports. */
const scale = 0.005;

const digest = (dataset: NationalDataset, only?: string[]): string => {
  const hash = createHash('sha256');
  for (const table of dataset.tables.filter((t) => !only || only.includes(t.table))) {
    hash.update(`${table.table}\n`);
    for (const row of table.rows()) hash.update(row);
  }
  return hash.digest('hex');
};

describe('national dataset generator (small scale)', () => {
  let server: TestServer;
  let geography: Geography;
  let dataset: NationalDataset;
  const one = async <T>(sql: string): Promise<T> => ((await server.dataSource.query(sql)) as T[])[0];

  beforeAll(async () => {
    server = await startTestServer();
    geography = await loadGeography();
    const kinds = Object.keys(nationalPasswords) as PasswordKind[];
    const passwordHashes = Object.fromEntries(
      await Promise.all(kinds.map(async (k) => [k, await hashPassword(nationalPasswords[k], testHashCost)])),
    ) as Record<PasswordKind, string>;
    dataset = generateNational(geography, { scale, passwordHashes });
    await loadNational(server.dataSource, dataset);
  });
  afterAll(() => server?.stop());

  it('gives the same rows for the same seed, other rows for another', () => {
    const first = digest(generateNational(geography, { scale }));
    expect(digest(generateNational(geography, { scale }))).toBe(first);
    const some = ['lao', 'plan', 'project'];
    expect(digest(generateNational(geography, { scale, seed: 'another seed' }), some)).not.toBe(
      digest(generateNational(geography, { scale }), some),
    );
  });

  it('loads the real provinces and districts', async () => {
    expect(geography.provinces).toHaveLength(expectedProvinces);
    expect(geography.districts).toHaveLength(expectedDistricts);
    const counts = await one<{ provinces: number; districts: number }>(
      `SELECT (SELECT count(*) FROM province)::int AS provinces, (SELECT count(*) FROM district)::int AS districts`,
    );
    expect(counts).toEqual({ provinces: 77, districts: 928 });
  });

  it('scales every LAO type, each at least once, with unique 7-digit codes', async () => {
    const rows = (await server.dataSource.query(
      `SELECT type, count(*)::int AS n FROM lao GROUP BY type`,
    )) as { type: LaoType; n: number }[];
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
    for (const [type, national] of Object.entries(nationalLaoCounts)) {
      const expected =
        type === LaoType.BANGKOK || type === LaoType.PATTAYA ? 1 : Math.max(1, Math.round(national * scale));
      expect([type, byType[type]]).toEqual([type, expected]);
    }
    const total = rows.reduce((s, r) => s + r.n, 0);
    expect(byType.SAO / total).toBeCloseTo(5302 / 7852, 1);
    const codes = await one<{ n: number; distinct: number; wellFormed: boolean; inDistrict: boolean }>(
      `SELECT count(*)::int AS n, count(DISTINCT code)::int AS "distinct",
              bool_and(code ~ '^[0-9]{7}$') AS "wellFormed",
              bool_and(substr(code, 2, 2)::int = province_id AND district_id / 100 = province_id) AS "inDistrict"
         FROM lao`,
    );
    expect(codes).toEqual({ n: total, distinct: total, wellFormed: true, inDistrict: true });
  });

  it('keeps plans, projects and reports consistent with the rules of the app', async () => {
    const violations = await one<Record<string, number>>(
      `SELECT
         (SELECT count(*) FROM report r JOIN project p ON p.id = r.project_id
           WHERE p.review_status = 'REJECTED' OR NOT p.fiscal_years @> ARRAY[r.fiscal_year]
              OR p.lao_id <> r.lao_id)::int AS "reportOfIneligibleProject",
         (SELECT count(*) FROM report r JOIN plan pl ON pl.lao_id = r.lao_id AND pl.fiscal_year = r.fiscal_year
           WHERE pl.status <> 'PASSED')::int AS "reportOfUnpassedPlan",
         (SELECT count(*) FROM report r WHERE NOT EXISTS
           (SELECT 1 FROM report_revision v WHERE v.report_id = r.id AND v.version = r.version))::int
           AS "reportWithoutRevision",
         (SELECT count(*) FROM plan pl WHERE pl.status = 'PASSED'
           AND NOT EXISTS (SELECT 1 FROM assessment a WHERE a.plan_id = pl.id))::int AS "passedWithoutAssessment",
         (SELECT count(*) FROM assessment a WHERE a.total_score <>
           a.score_society + a.score_administration + a.score_participation + a.score_oversight)::int
           AS "totalNotSum",
         (SELECT count(*) FROM report r JOIN reporting_round rr ON rr.fiscal_year = r.fiscal_year AND rr.kind = r.round
           WHERE r.updated_at >= rr.closes_at AND NOT EXISTS (SELECT 1 FROM round_extension e
             WHERE e.round_id = rr.id AND e.lao_id = r.lao_id AND e.status = 'GRANTED' AND r.updated_at < e.until))::int
           AS "lateWithoutExtension",
         (SELECT count(*) FROM report WHERE updated_at > '2026-11-22T10:00:00+07:00')::int AS "reportInFuture"`,
    );
    expect(violations).toEqual({
      reportOfIneligibleProject: 0,
      reportOfUnpassedPlan: 0,
      reportWithoutRevision: 0,
      passedWithoutAssessment: 0,
      totalNotSum: 0,
      lateWithoutExtension: 0,
      reportInFuture: 0,
    });
    const mix = await one<Record<string, number>>(
      `SELECT (SELECT count(*) FROM project WHERE review_status = 'REJECTED')::int AS rejected,
              (SELECT count(*) FROM plan WHERE status = 'INCOMPLETE')::int AS incomplete,
              (SELECT count(*) FROM report WHERE status = 'UNABLE')::int AS unable,
              (SELECT count(*) FROM report WHERE fiscal_year = 2570)::int AS "currentYear",
              (SELECT count(*) FROM report)::int AS reports`,
    );
    expect(mix.rejected).toBeGreaterThan(0);
    expect(mix.incomplete).toBeGreaterThan(0);
    expect(mix.unable).toBeGreaterThan(0);
    expect(mix.reports).toBeGreaterThan(5000);
  });

  it('answers statistics of a past year over GraphQL to NACC central, and LAOs can sign in', async () => {
    const central = await signIn(server, 'nacc.admin', nationalPasswords.central);
    const response = await central<{
      statistics: { laoCount: number; plansPassed: number; fullyReported: number; levelHigh: number }[];
    }>(
      `query { statistics(fiscalYear: 2568, round: TWELVE_MONTH) {
         laoCount plansPassed fullyReported partlyReported notReported levelHigh levelMedium levelLow } }`,
    );
    expect(response.errors).toBeUndefined();
    const rows = response.data?.statistics ?? [];
    const sum = (key: 'laoCount' | 'plansPassed' | 'fullyReported' | 'levelHigh') =>
      rows.reduce((s, r) => s + r[key], 0);
    expect(sum('laoCount')).toBe(dataset.laos.length);
    expect(sum('plansPassed')).toBeGreaterThan(0);
    expect(sum('fullyReported')).toBeGreaterThan(0);
    expect(sum('levelHigh')).toBeGreaterThan(0);

    await signIn(server, dataset.laos[1].code, nationalPasswords.lao);
    await signIn(server, 'nacc.65', nationalPasswords.province);
  });

  it('refuses to load over existing data unless asked to reset', async () => {
    await expect(loadNational(server.dataSource, dataset)).rejects.toBeInstanceOf(NationalSeedRefused);
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM report`);
    await loadNational(server.dataSource, dataset, { reset: true });
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM report`)).toEqual(before);
  });
});
