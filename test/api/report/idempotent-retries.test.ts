import { randomUUID } from 'node:crypto';
import { createCycle, createLaoAccount, createWorld, projectFields, type World } from '../../factories';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id version status disbursed } }`;
const RETRIES = 8;

type Submitted = { id: string; version: number; status: string; disbursed: string };

/**
 * A client that times out retries with the same idempotency key; on a slow deadline day the
 * retries arrive while the first is still running. Each must get the stored result, none CONFLICT.
 */
describe('concurrent retries of one report submission (same idempotency key)', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;

  const input = (projectId: string, overrides: Record<string, unknown> = {}) => ({
    projectId,
    fiscalYear: 2566,
    round: 'SIX_MONTH',
    inOrdinance: true,
    ordinanceBudget: '20000',
    disbursed: '1000',
    status: 'IN_PROGRESS',
    idempotencyKey: randomUUID(),
    ...overrides,
  });
  const createProject = async (name: string): Promise<string> =>
    (
      await lao<{ createProject: { id: string } }>(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
        { input: projectFields({ name }) },
      )
    ).data!.createProject.id;
  const revisions = async (reportId: string): Promise<number> =>
    (
      await server.dataSource.query(`SELECT count(*)::int AS n FROM report_revision WHERE report_id = $1`, [
        reportId,
      ])
    )[0].n;
  /** Fires the same submission RETRIES times at once over HTTP. */
  const burst = (payload: Record<string, unknown>) =>
    Promise.all(
      Array.from({ length: RETRIES }, () => lao<{ submitReport: Submitted }>(SUBMIT, { input: payload })),
    );

  beforeAll(async () => {
    const now = new Date('2023-04-20T03:00:00.000Z');
    server = await startTestServer({ now: () => now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    await createProject('โครงการแรก');
    const central = await signIn(server, world.central.username, world.central.password);
    await passPlan(lao, central, world.dintong.id);
  });
  afterAll(() => server.stop());

  it('a first report: every retry answers the one report, one revision written', async () => {
    const projectId = await createProject('โครงการรายงานครั้งแรก');
    const responses = await burst(input(projectId));
    expect(responses.map((response) => response.errors)).toEqual(responses.map(() => undefined));
    const [first] = responses.map((response) => response.data!.submitReport);
    expect(first).toMatchObject({ version: 1, status: 'IN_PROGRESS', disbursed: '1000.00' });
    for (const response of responses) expect(response.data!.submitReport).toEqual(first);
    expect(await revisions(first.id)).toBe(1);
  });

  it('a correction: every retry answers the corrected report, one revision written', async () => {
    const projectId = await createProject('โครงการแก้ไขรายงาน');
    const created = await lao<{ submitReport: Submitted }>(SUBMIT, { input: input(projectId) });
    expect(created.errors).toBeUndefined();
    const responses = await burst(
      input(projectId, { expectedVersion: 1, status: 'COMPLETED', disbursed: '18000' }),
    );
    expect(responses.map((response) => response.errors)).toEqual(responses.map(() => undefined));
    const [first] = responses.map((response) => response.data!.submitReport);
    expect(first).toMatchObject({ id: created.data!.submitReport.id, version: 2, status: 'COMPLETED' });
    for (const response of responses) expect(response.data!.submitReport).toEqual(first);
    expect(await revisions(first.id)).toBe(2);
  });

  it('a real conflict stays one: another key editing the same version is refused', async () => {
    const projectId = await createProject('โครงการสองผู้แก้ไข');
    await lao(SUBMIT, { input: input(projectId) });
    const [a, b] = await Promise.all([
      lao(SUBMIT, { input: input(projectId, { expectedVersion: 1, disbursed: '10' }) }),
      lao(SUBMIT, { input: input(projectId, { expectedVersion: 1, disbursed: '20' }) }),
    ]);
    const codes = [a, b].map((response) => response.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });
});
