import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { prepareLao, submitPlan } from './prepare';
import { revisionSteps } from './legacy/revision.steps';

const year = 2570;
const names = ['โครงการเสริมสร้างคุณธรรมในองค์กร', 'มาตรการเผยแพร่ข้อมูลจัดซื้อจัดจ้าง'];

describe('plan revision in the browser (issue 23)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let nacc: GraphQLClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    nacc = graphqlClient(server.url);
    nacc.token = (
      await nacc(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      )
    ).data?.login.token;
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('locks a submitted plan, withdraws an approved project, restores a deleted one', async () => {
    const lao = await prepareLao(server.url);
    const plan = await submitPlan(lao.client, nacc, lao.laoId, year, names);
    await revisionSteps({
      page,
      h: pageHelpers(page, server.url, 'legacy-revision'),
      url: server.url,
      nacc,
      lao: lao.client,
      laoId: lao.laoId,
      code: lao.code,
      password: lao.password,
      year,
      plan,
      withdrawName: names[0],
    });
  }, 180_000);
});
