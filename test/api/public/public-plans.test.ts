import { createCycle, createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { Plan } from '../../../server/modules/plan/plan.entity';
import { PlanStatus } from '../../../server/modules/plan/plan.enums';

// publicPlans: the LAO page picks its default fiscal year from these (it once asked one aliased
// publicPlan per year of every cycle, in a query built at run time).
const PUBLIC_PLANS = `query($laoId: ID!) { publicPlans(laoId: $laoId) { id fiscalYear status } }`;

describe('publicPlans', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    const cycle = await createCycle(server.dataSource);
    const plans = server.dataSource.getRepository(Plan);
    await plans.save([
      { laoId: world.dintong.id, cycleId: cycle.id, fiscalYear: 2566, status: PlanStatus.PASSED },
      { laoId: world.dintong.id, cycleId: cycle.id, fiscalYear: 2568, status: PlanStatus.DRAFT },
      { laoId: world.dintong.id, cycleId: cycle.id, fiscalYear: 2567, status: PlanStatus.INCOMPLETE },
      { laoId: world.paMaet.id, cycleId: cycle.id, fiscalYear: 2566, status: PlanStatus.SUBMITTED },
    ]);
  });
  afterAll(() => server.stop());

  it('lists an LAO’s plans of every fiscal year, newest first, to anonymous callers', async () => {
    const response = await server.anonymous(PUBLIC_PLANS, { laoId: String(world.dintong.id) });
    expect(response.errors).toBeUndefined();
    expect(
      response.data?.publicPlans.map((plan: { fiscalYear: number; status: string }) => [
        plan.fiscalYear,
        plan.status,
      ]),
    ).toEqual([
      [2568, 'DRAFT'],
      [2567, 'INCOMPLETE'],
      [2566, 'PASSED'],
    ]);
  });

  it('answers an empty list for an LAO without plans', async () => {
    const response = await server.anonymous(PUBLIC_PLANS, { laoId: String(world.wangPikul.id) });
    expect(response.errors).toBeUndefined();
    expect(response.data?.publicPlans).toEqual([]);
  });

  it('answers NOT_FOUND for an LAO that does not exist', async () => {
    expect(errorCode(await server.anonymous(PUBLIC_PLANS, { laoId: '999999' }))).toBe('NOT_FOUND');
  });

  it('refuses private plan fields to anonymous callers', async () => {
    const response = await server.anonymous(
      `query($laoId: ID!) { publicPlans(laoId: $laoId) { fiscalYear viewerCan { submit } } }`,
      { laoId: String(world.dintong.id) },
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
  });
});
