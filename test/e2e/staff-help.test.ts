import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { helpSteps } from './staff/help.steps';

/** Issue 24, help: contact channels set by an administrator, context help, the FAQ filter, the complaint link. */
describe('help centre, contact channels and context help (issue 24)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      // Anonymous reads cached as in production, but briefly: the sign-in page shows a change within seconds.
      PUBLIC_CACHE_SECONDS: '5',
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('an administrator sets the contacts; sign-in, help and public pages show them; an LAO finds help from its form', async () => {
    await helpSteps({
      page,
      h: pageHelpers(page, server.url, 'staff-help'),
      url: server.url,
      prefix: 'staff-help-tab',
      admin: { username: 'nacc.admin', password: 'Demo-NACC-2565' },
      lao: { code: '5650802', password: 'Demo-Dintong-2565' },
    });
  }, 240_000);
});
