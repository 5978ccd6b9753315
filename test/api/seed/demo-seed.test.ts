import { randomUUID } from 'node:crypto';
import { fiscalYearOf } from '../../../server/modules/report/round-defaults';
import { openRoundOf } from '../../../server/seed/demo-current-year';
import { demoAccounts } from '../../../server/seed/demo-data';
import { seedDemo } from '../../../server/seed/seed-demo';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * The demo database shows every core flow on the day it is made (issue 21): ดินทอง can report
 * in the open round of the current fiscal year, NACC has a plan to assess, projects to review
 * and an extension to decide, and Phitsanulok's LAOs are in every reporting state.
 */
const OPEN_WORK = `query($year: Int!) {
  plans(status: SUBMITTED, first: 10) { totalCount edges { node { fiscalYear lao { code } } } }
  projects(reviewStatus: PENDING, first: 50) { totalCount }
  roundExtensions(status: REQUESTED, first: 10) { totalCount edges { node { lao { code } } } }
  reportingCoverage(fiscalYear: $year, round: SIX_MONTH, provinceId: "65") {
    noPassedPlan fullyReported partlyReported notReported }
}`;

const seededAt = async (now: Date) => {
  const server = await startTestServer({ now: () => now });
  await seedDemo(server.dataSource, server.config);
  const central = await signIn(server, demoAccounts.naccCentral.username, demoAccounts.naccCentral.password);
  return { server, central };
};

describe('the demo data, made relative to the day it is loaded', () => {
  it.each([
    ['December 2026 (FY 2570, 6-month round open)', '2026-12-07T05:00:00Z', 2570, 'SIX_MONTH'],
    ['June 2027 (FY 2570, 12-month round open)', '2027-06-15T05:00:00Z', 2570, 'TWELVE_MONTH'],
    ['November 2027 (FY 2571: a cycle after the seeded ones)', '2027-11-02T05:00:00Z', 2571, 'SIX_MONTH'],
  ])('%s', async (_label, at, year, round) => {
    const now = new Date(at);
    expect([fiscalYearOf(now), openRoundOf(now)]).toEqual([year, round]);
    const { server, central } = await seededAt(now);
    try {
      const cycles = (
        await server.anonymous<{ planCycles: { startYear: number; endYear: number }[] }>(
          `{ planCycles { startYear endYear } }`,
        )
      ).data!.planCycles;
      expect(cycles.some((cycle) => cycle.startYear <= year && year <= cycle.endYear)).toBe(true);

      const work = await central<{
        plans: { totalCount: number; edges: { node: { fiscalYear: number; lao: { code: string } } }[] };
        projects: { totalCount: number };
        roundExtensions: { totalCount: number };
        reportingCoverage: Record<string, number>[];
      }>(OPEN_WORK, { year });
      expect(work.errors).toBeUndefined();
      expect(work.data!.plans.edges.map((edge) => edge.node.fiscalYear)).toContain(year);
      expect(work.data!.projects.totalCount).toBeGreaterThan(0);
      expect(work.data!.roundExtensions.totalCount).toBe(1);

      // ดินทอง: a passed plan of the year with projects still to report in the open round.
      const dintong = await signIn(server, demoAccounts.lao.username, demoAccounts.lao.password);
      const own = await dintong<{
        viewer: { lao: { id: string } };
      }>(`{ viewer { lao { id } } }`);
      const laoId = own.data!.viewer.lao.id;
      const rows = await dintong<{
        implementation: {
          edges: { node: { reportingState: string; eligibleCount: number; reportedCount: number } }[];
        };
      }>(
        `query($laoId: ID!, $year: Int!, $round: RoundKind!) {
           implementation(fiscalYear: $year, round: $round, laoId: $laoId) {
             edges { node { reportingState eligibleCount reportedCount } } } }`,
        { laoId, year, round },
      );
      const row = rows.data!.implementation.edges[0].node;
      expect(row.reportingState).toBe('PARTLY_REPORTED');
      expect(row.reportedCount).toBeLessThan(row.eligibleCount);
    } finally {
      await server.stop();
    }
  });

  describe('today', () => {
    let server: TestServer;
    let central: GraphQLClient;
    const now = new Date();
    const year = fiscalYearOf(now);
    const round = openRoundOf(now);

    beforeAll(async () => {
      ({ server, central } = await seededAt(now));
    });
    afterAll(() => server.stop());

    it('ดินทอง submits a report in the open round, and the province has every reporting state', async () => {
      const coverage = (
        await central<{ reportingCoverage: Record<string, number>[] }>(
          `query($year: Int!, $round: RoundKind!) { reportingCoverage(fiscalYear: $year, round: $round, provinceId: "65") {
             noPassedPlan fullyReported partlyReported notReported } }`,
          { year, round },
        )
      ).data!.reportingCoverage;
      const sum = (key: string) => coverage.reduce((total, row) => total + row[key], 0);
      for (const key of ['noPassedPlan', 'fullyReported', 'partlyReported', 'notReported'])
        expect([key, sum(key) > 0]).toEqual([key, true]);

      const dintong = await signIn(server, demoAccounts.lao.username, demoAccounts.lao.password);
      const laoId = (await dintong<{ viewer: { lao: { id: string } } }>(`{ viewer { lao { id } } }`)).data!
        .viewer.lao.id;
      const projects = await dintong<{
        projects: { edges: { node: { id: string; report: { id: string } | null } }[] };
      }>(
        `query($laoId: ID!, $year: Int!, $round: RoundKind!) {
           projects(laoId: $laoId, fiscalYear: $year, first: 100) {
             edges { node { id report(fiscalYear: $year, round: $round) { id } } } } }`,
        { laoId, year, round },
      );
      expect(projects.errors).toBeUndefined();
      const open = projects.data!.projects.edges.find((edge) => edge.node.report === null);
      expect(open).toBeDefined();
      const submitted = await dintong(
        `mutation($input: SubmitReportInput!) { submitReport(input: $input) { status } }`,
        {
          input: {
            projectId: open!.node.id,
            fiscalYear: year,
            round,
            inOrdinance: true,
            ordinanceBudget: '0',
            disbursed: '0',
            status: 'COMPLETED',
            idempotencyKey: randomUUID(),
          },
        },
      );
      expect(submitted.errors).toBeUndefined();
    });

    it('shows the public a non-empty table of the current year', async () => {
      const table = await server.anonymous<{
        publicStatistics: { laoCount: number; fullyReported: number }[];
      }>(
        `query($year: Int!, $round: RoundKind!) { publicStatistics(fiscalYear: $year, round: $round) { laoCount fullyReported } }`,
        { year, round },
      );
      expect(table.errors).toBeUndefined();
      expect(table.data!.publicStatistics.reduce((sum, row) => sum + row.fullyReported, 0)).toBeGreaterThan(
        0,
      );
    });
  });
});
