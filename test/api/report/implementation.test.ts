import type { DataSource } from 'typeorm';
import { type GraphQLClient, type GraphQLResponse } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { createAccount, createCycle, createDistrict, createLao, createProvince } from '../../factories';
import { Role } from '../../../server/auth/role';
import { summaryDriftSql } from '../../../server/modules/report/implementation.service';

type Case = {
  completed: number;
  inProgress?: number;
  unable?: number;
  unreported?: number;
  rejected?: number;
  rejectedReported?: number;
};

/** An LAO with a passed plan, projects of 2566 and reports in one round, written straight into the tables. */
const seedCase = async (ds: DataSource, laoId: number, cycleId: number, round: string, c: Case) => {
  // Only a year whose plan passed can be reported (manual FAQ 5).
  await ds.query(
    `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, version) VALUES ($1, 2566, $2, 'PASSED', 1)`,
    [laoId, cycleId],
  );
  const make = async (count: number, review: string) =>
    count === 0
      ? []
      : ((await ds.query(
          `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                                anti_corruption_budget, local_development_budget, review_status, version)
           SELECT $1, $2, 'โครงการ ' || g, 'PROJECT', '{2566}', '{1}', 'SOCIETY', 0, 0, $4, 1 FROM generate_series(1, $3) g
           RETURNING id`,
          [laoId, cycleId, count, review],
        )) as { id: number }[]);
  const report = async (ids: { id: number }[], status: string) => {
    for (const { id } of ids) {
      await ds.query(
        `INSERT INTO report (project_id, lao_id, fiscal_year, round, in_ordinance, ordinance_budget, disbursed, status, unable_reason, version)
         VALUES ($1, $2, 2566, $3, true, 0, 0, $4, $5, 1)`,
        [id, laoId, round, status, status === 'UNABLE' ? 'NO_BUDGET' : null],
      );
    }
  };
  await report(await make(c.completed, 'APPROVED'), 'COMPLETED');
  await report(await make(c.inProgress ?? 0, 'PENDING'), 'IN_PROGRESS');
  await report(await make(c.unable ?? 0, 'APPROVED'), 'UNABLE');
  await make(c.unreported ?? 0, 'APPROVED');
  await make(c.rejected ?? 0, 'REJECTED');
  await report(await make(c.rejectedReported ?? 0, 'REJECTED'), 'COMPLETED');
};

/** [round, case, expected percentage, expected level] — DOMAIN.md's thresholds and the manual's example ratios. */
const cases: [string, Case, string | null, string][] = [
  ['SIX_MONTH', { completed: 1, inProgress: 1 }, '50.00', 'HIGH'],
  ['SIX_MONTH', { completed: 49, inProgress: 51 }, '49.00', 'MEDIUM'],
  ['SIX_MONTH', { completed: 1, unreported: 4 }, '20.00', 'MEDIUM'],
  ['SIX_MONTH', { completed: 19, inProgress: 81 }, '19.00', 'LOW'],
  ['SIX_MONTH', { completed: 0, inProgress: 3 }, '0.00', 'LOW'],
  ['SIX_MONTH', { completed: 0, unreported: 3 }, null, 'NOT_REPORTED'],
  ['SIX_MONTH', { completed: 1, rejected: 3, rejectedReported: 2 }, '100.00', 'HIGH'],
  ['TWELVE_MONTH', { completed: 4, unable: 1 }, '80.00', 'HIGH'],
  ['TWELVE_MONTH', { completed: 79, inProgress: 21 }, '79.00', 'MEDIUM'],
  ['TWELVE_MONTH', { completed: 1, inProgress: 1 }, '50.00', 'MEDIUM'],
  ['TWELVE_MONTH', { completed: 49, unreported: 51 }, '49.00', 'LOW'],
  ['TWELVE_MONTH', { completed: 36, inProgress: 5 }, '87.80', 'HIGH'],
  ['TWELVE_MONTH', { completed: 49, inProgress: 12 }, '80.33', 'HIGH'],
  ['TWELVE_MONTH', { completed: 21, inProgress: 65 }, '24.42', 'LOW'],
  ['TWELVE_MONTH', { completed: 0 }, null, 'NOT_REPORTED'],
];

const QUERY = `query($round: RoundKind!, $provinceId: ID, $onlyIncomplete: Boolean, $first: Int, $after: String) {
  implementation(fiscalYear: 2566, round: $round, provinceId: $provinceId, onlyIncomplete: $onlyIncomplete,
                 first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      lao { code } eligibleCount reportedCount completedCount inProgressCount unableCount percentage level
    } }
  }
}`;

type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read freely, as in the other tests
  edges: { cursor: string; node: any }[];
};
const nodes = (connection: Connection | undefined) => (connection?.edges ?? []).map((edge) => edge.node);

describe('implementation percentage and level (computed in SQL)', () => {
  let server: TestServer;
  let central: GraphQLClient;
  const codes: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const ds = server.dataSource;
    const province = await createProvince(ds, { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' });
    const districts = [
      await createDistrict(ds, province, { id: 6501 }),
      await createDistrict(ds, province, { id: 6508 }),
    ];
    const cycle = await createCycle(ds);
    for (const [index, [round, c]] of cases.entries()) {
      const lao = await createLao(ds, districts[index % 2], { code: String(6500000 + index) });
      codes.push(lao.code);
      await seedCase(ds, lao.id, cycle.id, round, c);
    }
    const account = await createAccount(ds, { username: 'analyst', role: Role.NACC_CENTRAL });
    central = await signIn(server, account.username, account.password);
  });
  afterAll(() => server.stop());

  it.each(cases.map((c, i) => [i, ...c] as const))(
    'case %i: %s %j → %s %s',
    async (index, round, _case, percentage, level) => {
      const rows = nodes((await central(QUERY, { round, provinceId: '65' })).data?.implementation) as {
        lao: { code: string };
        percentage: string | null;
        level: string;
      }[];
      const row = rows.find((r) => r.lao.code === codes[index]);
      expect({ percentage: row?.percentage, level: row?.level }).toEqual({ percentage, level });
    },
  );

  it('counts statuses and orders the province highest first, not-reported last, in one statement', async () => {
    server.queries.count = 0;
    const response = await central(QUERY, { round: 'TWELVE_MONTH', provinceId: '65' });
    const rows = nodes(response.data?.implementation) as {
      percentage: string | null;
      unableCount: number;
      lao: { code: string };
    }[];
    expect(rows).toHaveLength(cases.length);
    const percentages = rows.map((r) => (r.percentage === null ? -1 : Number(r.percentage)));
    expect(percentages).toEqual([...percentages].sort((a, b) => b - a));
    expect(rows.find((r) => r.lao.code === codes[7])?.unableCount).toBe(1);
    // session lookup + the implementation statement + one batched LAO load
    expect(server.queries.count).toBeLessThanOrEqual(3);
  });

  it('filters by LAO type (explicit nulls mean all)', async () => {
    const TYPED = `query($type: LaoType) { implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65", type: $type) { totalCount edges { node { lao { code } } } } }`;
    expect((await central(TYPED, { type: null })).data?.implementation.edges).toHaveLength(cases.length);
    expect((await central(TYPED, { type: 'PAO' })).data?.implementation).toEqual({
      totalCount: 0,
      edges: [],
    });
    expect((await central(TYPED, { type: 'SAO' })).data?.implementation.totalCount).toBe(cases.length);
  });

  it('pages through the table with cursors, in the same order as one page, and refuses a bad cursor', async () => {
    const whole = (await central(QUERY, { round: 'TWELVE_MONTH', provinceId: '65' })).data?.implementation;
    expect(whole.totalCount).toBe(cases.length);
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const paged: unknown[] = [];
    let after: string | null = null;
    for (let request = 0; request < cases.length; request += 1) {
      const response: GraphQLResponse<{ implementation: Connection }> = await central(QUERY, {
        round: 'TWELVE_MONTH',
        provinceId: '65',
        first: 3,
        after,
      });
      expect(response.errors).toBeUndefined();
      const page = response.data!.implementation;
      expect(page.totalCount).toBe(cases.length);
      expect(page.edges.length).toBeLessThanOrEqual(3);
      paged.push(...nodes(page));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(paged).toEqual(nodes(whole));
    // A cursor names a place in the order, not a position: past the last row there is nothing.
    const last = whole.edges[whole.edges.length - 1].cursor;
    const end = await central(QUERY, { round: 'TWELVE_MONTH', provinceId: '65', after: last });
    expect(end.data?.implementation.edges).toEqual([]);
    const bad = await central(QUERY, { round: 'TWELVE_MONTH', provinceId: '65', after: 'bm90IGpzb24' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists LAOs that have not reported everything, and district coverage', async () => {
    const incomplete = await central(QUERY, { round: 'SIX_MONTH', provinceId: '65', onlyIncomplete: true });
    const incompleteCodes = (nodes(incomplete.data?.implementation) as { lao: { code: string } }[]).map(
      (r) => r.lao.code,
    );
    expect(incompleteCodes).toContain(codes[2]); // 1 of 5 reported
    expect(incompleteCodes).not.toContain(codes[0]); // all reported
    const coverage = await central(
      `{ reportingCoverage(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { district { id } laoCount fullyReported partlyReported notReported } }`,
    );
    const total = (coverage.data?.reportingCoverage as { laoCount: number }[]).reduce(
      (sum, row) => sum + row.laoCount,
      0,
    );
    expect(total).toBe(cases.length);
    const sums = (
      coverage.data?.reportingCoverage as {
        fullyReported: number;
        partlyReported: number;
        notReported: number;
        laoCount: number;
      }[]
    ).map((row) => row.fullyReported + row.partlyReported + row.notReported - row.laoCount);
    expect(sums.every((difference) => difference === 0)).toBe(true);
  });

  it('keeps the per-LAO summaries exact for rows written straight into the tables', async () => {
    expect(await server.dataSource.query(summaryDriftSql)).toEqual([]);
    const [{ count }] = await server.dataSource.query(`SELECT count(*)::int AS count FROM lao_round_summary`);
    expect(count).toBeGreaterThan(0);
  });
});
