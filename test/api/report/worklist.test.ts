import type { DataSource } from 'typeorm';
import { Role } from '../../../server/auth/role';
import { createAccount, createCycle, createDistrict, createLao, createProvince } from '../../factories';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * "Who has not reported" (issue 21): the district coverage table and the worklist under it
 * must count the same LAOs. Each fixture LAO is one case of the rule in
 * `reportingStateSql`; the expected state is written beside it.
 */
type Fixture = {
  code: string;
  district: 0 | 1;
  plan: 'PASSED' | 'SUBMITTED' | 'DRAFT' | 'INCOMPLETE' | null;
  projects: number;
  reported: number;
  state: 'NO_PASSED_PLAN' | 'NOT_REPORTED' | 'PARTLY_REPORTED' | 'FULLY_REPORTED';
};

const fixtures: Fixture[] = [
  { code: '5650001', district: 0, plan: null, projects: 0, reported: 0, state: 'NO_PASSED_PLAN' },
  { code: '5650002', district: 0, plan: 'DRAFT', projects: 3, reported: 0, state: 'NO_PASSED_PLAN' },
  { code: '5650003', district: 0, plan: 'SUBMITTED', projects: 2, reported: 0, state: 'NO_PASSED_PLAN' },
  // Reports under a plan that was later assessed incomplete: still no passed plan.
  { code: '5650004', district: 0, plan: 'INCOMPLETE', projects: 2, reported: 2, state: 'NO_PASSED_PLAN' },
  // A passed plan with nothing recorded (0 of 0) has not reported: never "reported completely".
  { code: '5650005', district: 0, plan: 'PASSED', projects: 0, reported: 0, state: 'NOT_REPORTED' },
  { code: '5650006', district: 1, plan: 'PASSED', projects: 4, reported: 0, state: 'NOT_REPORTED' },
  { code: '5650007', district: 1, plan: 'PASSED', projects: 4, reported: 1, state: 'PARTLY_REPORTED' },
  { code: '5650008', district: 1, plan: 'PASSED', projects: 2, reported: 2, state: 'FULLY_REPORTED' },
  { code: '5650009', district: 1, plan: 'PASSED', projects: 1, reported: 1, state: 'FULLY_REPORTED' },
];

const seed = async (ds: DataSource) => {
  const province = await createProvince(ds, { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' });
  const districts = [
    await createDistrict(ds, province, { id: 6501, nameTh: 'เมืองพิษณุโลก' }),
    await createDistrict(ds, province, { id: 6508, nameTh: 'วังทอง' }),
  ];
  const cycle = await createCycle(ds);
  for (const f of fixtures) {
    const lao = await createLao(ds, districts[f.district], { code: f.code, nameTh: `อปท. ${f.code}` });
    if (f.plan)
      await ds.query(
        `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, version) VALUES ($1, 2566, $2, $3, 1)`,
        [lao.id, cycle.id, f.plan],
      );
    for (let i = 0; i < f.projects; i += 1) {
      const [{ id }] = await ds.query(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                              anti_corruption_budget, local_development_budget, review_status, version)
         VALUES ($1, $2, 'โครงการ', 'PROJECT', '{2566}', '{1}', 'SOCIETY', 0, 0, 'APPROVED', 1) RETURNING id`,
        [lao.id, cycle.id],
      );
      if (i < f.reported)
        await ds.query(
          `INSERT INTO report (project_id, lao_id, fiscal_year, round, in_ordinance, ordinance_budget, disbursed, status, version)
           VALUES ($1, $2, 2566, 'SIX_MONTH', true, 0, 0, 'COMPLETED', 1)`,
          [id, lao.id],
        );
    }
  }
};

type Coverage = {
  district: { id: string };
  laoCount: number;
  noPassedPlan: number;
  fullyReported: number;
  partlyReported: number;
  notReported: number;
};
type Row = { lao: { code: string; district: { id: string } }; reportingState: string; level: string };

const COVERAGE = `{ reportingCoverage(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") {
  district { id } laoCount noPassedPlan fullyReported partlyReported notReported } }`;
const LIST = `query($districtId: ID, $onlyIncomplete: Boolean) {
  implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65", districtId: $districtId,
                 onlyIncomplete: $onlyIncomplete, first: 1000) {
    totalCount edges { node { lao { code district { id } } reportingState level } } } }`;
const STATISTICS = `{ statistics(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") {
  district { id } laoCount plansPassed noPassedPlan fullyReported partlyReported notReported } }`;

describe('who has not reported: the coverage table and the worklist agree', () => {
  let server: TestServer;
  let central: GraphQLClient;

  beforeAll(async () => {
    server = await startTestServer();
    await seed(server.dataSource);
    const account = await createAccount(server.dataSource, { username: 'analyst', role: Role.NACC_CENTRAL });
    central = await signIn(server, account.username, account.password);
  });
  afterAll(() => server.stop());

  const list = async (variables: Record<string, unknown>): Promise<Row[]> => {
    const response = await central<{ implementation: { edges: { node: Row }[] } }>(LIST, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.implementation.edges.map((edge) => edge.node);
  };

  it('gives every LAO exactly one reporting state', async () => {
    const rows = await list({ onlyIncomplete: false });
    expect(Object.fromEntries(rows.map((row) => [row.lao.code, row.reportingState]))).toEqual(
      Object.fromEntries(fixtures.map((f) => [f.code, f.state])),
    );
  });

  it('lists, per district, exactly the LAOs the coverage table does not count as fully reported', async () => {
    const coverage = (await central<{ reportingCoverage: Coverage[] }>(COVERAGE)).data!.reportingCoverage;
    expect(coverage.map((row) => row.district.id)).toEqual(['6501', '6508']);
    for (const row of coverage) {
      expect(row.noPassedPlan + row.fullyReported + row.partlyReported + row.notReported).toBe(row.laoCount);
      const worklist = await list({ districtId: row.district.id, onlyIncomplete: true });
      expect(worklist).toHaveLength(row.laoCount - row.fullyReported);
      const count = (state: string) => worklist.filter((item) => item.reportingState === state).length;
      expect([count('NO_PASSED_PLAN'), count('PARTLY_REPORTED'), count('NOT_REPORTED')]).toEqual([
        row.noPassedPlan,
        row.partlyReported,
        row.notReported,
      ]);
      expect(count('FULLY_REPORTED')).toBe(0);
    }
    expect(coverage).toEqual([
      {
        district: { id: '6501' },
        laoCount: 5,
        noPassedPlan: 4,
        fullyReported: 0,
        partlyReported: 0,
        notReported: 1,
      },
      {
        district: { id: '6508' },
        laoCount: 4,
        noPassedPlan: 0,
        fullyReported: 2,
        partlyReported: 1,
        notReported: 1,
      },
    ]);
  });

  it('counts the same states in the statistics by district', async () => {
    const rows = (
      await central<{
        statistics: (Omit<Coverage, 'district'> & { district: { id: string }; plansPassed: number })[];
      }>(STATISTICS)
    ).data!.statistics;
    const coverage = (await central<{ reportingCoverage: Coverage[] }>(COVERAGE)).data!.reportingCoverage;
    expect(
      rows.map(({ plansPassed, ...rest }) => ({ ...rest, passedPlus: plansPassed + rest.noPassedPlan })),
    ).toEqual(coverage.map((row) => ({ ...row, passedPlus: row.laoCount })));
  });
});
