import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { lockoutSteps } from './staff/lockout.steps';

/** Issue 24: an attacker hammering an LAO code does not keep the LAO's own computer out. */
describe('sign-in throttling in the browser (issue 24)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let office: BrowserContext;
  let stranger: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      // The refusal must outlast the browser steps that show it.
      SIGN_IN_THROTTLE_LOGIN_ACCOUNT: '10/60/900/86400',
    });
    office = await launchChromium();
    stranger = await launchChromium();
    page = office.pages()[0] ?? (await office.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 60_000);

  afterAll(async () => {
    await office?.close();
    await stranger?.close();
    await server?.stop();
    await database?.drop();
  });

  it('a known device signs in at once while untrusted clients are slowed down', async () => {
    const strangerPage = stranger.pages()[0] ?? (await stranger.newPage());
    await lockoutSteps({
      page,
      h: pageHelpers(page, server.url, 'staff-lockout'),
      stranger,
      strangerH: pageHelpers(strangerPage, server.url, 'staff-lockout-stranger'),
      url: server.url,
      // The demo's activated LAO (README, demo sign-ins).
      lao: { code: '5650802', password: 'Demo-Dintong-2565' },
    });
  }, 180_000);
});
