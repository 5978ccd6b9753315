import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { formsSteps } from './legacy/forms.steps';
import { prepareLao, preparePlan } from './prepare';

const year = 2570;

describe('legacy forms and fields in the browser (issue 23)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let laoAccount: Awaited<ReturnType<typeof prepareLao>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    laoAccount = await prepareLao(server.url);
    const nacc = graphqlClient(server.url);
    nacc.token = (
      await nacc(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      )
    ).data?.login.token;
    // A passed plan of the year, so the project recorded in the browser can be reported.
    await preparePlan(laoAccount.client, nacc, laoAccount.laoId, year, ['โครงการอบรมคุณธรรมจริยธรรม']);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('records a project without budget (required fields enforced), reports it without amounts and with a remark', async () => {
    await formsSteps({
      page,
      h: pageHelpers(page, server.url, 'legacy-forms'),
      url: server.url,
      lao: { code: laoAccount.code, password: laoAccount.password },
      year,
    });
  }, 180_000);
});
