import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { scoresJourney } from './legacy/scores.steps';
import { prepareLao } from './prepare';

describe('legacy: assessment scores (L, P, M, pass mark) and ITA in the browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let nacc: GraphQLClient;
  let lao: Awaited<ReturnType<typeof prepareLao>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    lao = await prepareLao(server.url);
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

  it('self-assessment, pass mark, P then M with an override, a fail, ITA entry and import', async () => {
    const h = pageHelpers(page, server.url, 'legacy-scores');
    // 2568 has no pass mark in the demo (central sets one); 2569 has the demo's 60.
    await scoresJourney({ page, h, url: server.url, lao, nacc, passYear: 2568, failYear: 2569 });
  }, 180_000);
});
