import { ReviewStatus } from '../../../server/modules/project/project.enums';
import { countsTowardPercentage } from '../../../server/modules/report/reporting-rules';
import { createCycle, createWorld } from '../../factories';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/** `Project.counted` is the reporting rulebook's answer, so the client need not know the rule. */
describe('Project.counted', () => {
  let server: TestServer;
  afterAll(() => server.stop());

  it('says, per review status, whether the project counts and must be reported', async () => {
    server = await startTestServer();
    const world = await createWorld(server.dataSource);
    const cycle = await createCycle(server.dataSource);
    for (const status of Object.values(ReviewStatus))
      await server.dataSource.query(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                              anti_corruption_budget, local_development_budget, review_status, version)
         VALUES ($1, $2, $3::text, 'PROJECT', '{2566}', '{1}', 'SOCIETY', 0, 0, $3::review_status, 1)`,
        [world.dintong.id, cycle.id, status],
      );
    const central = await signIn(server, world.central.username, world.central.password);
    const response = await central<{
      projects: { edges: { node: { reviewStatus: ReviewStatus; counted: boolean } }[] };
    }>(
      `query($laoId: ID!) { projects(laoId: $laoId, first: 10) { edges { node { reviewStatus counted } } } }`,
      { laoId: String(world.dintong.id) },
    );
    expect(response.errors).toBeUndefined();
    const counted = Object.fromEntries(
      response.data!.projects.edges.map(({ node }) => [node.reviewStatus, node.counted]),
    );
    expect(counted).toEqual(
      Object.fromEntries(
        Object.values(ReviewStatus).map((status) => [
          status,
          countsTowardPercentage({ reviewStatus: status, withdrawnAt: null }),
        ]),
      ),
    );
    expect(counted).toEqual({ PENDING: true, APPROVED: true, REJECTED: false });
  });
});
