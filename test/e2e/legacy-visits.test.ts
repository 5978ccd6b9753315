import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { visitsSteps } from './legacy/visits.steps';
import { prepareLao } from './prepare';

// The current fiscal year (1 October starts the next): its 6-month round is open from October to April.
const now = new Date();
const year = now.getUTCFullYear() + 543 + (now.getUTCMonth() >= 9 ? 1 : 0);

describe('site visits and problems in the browser (issue 23)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let lao: Awaited<ReturnType<typeof prepareLao>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    lao = await prepareLao(server.url);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('the LAO files problems; the provincial office plans and records a visit with a PDF; the LAO downloads it', async () => {
    await visitsSteps({
      page,
      h: pageHelpers(page, server.url, 'legacy-visits'),
      url: server.url,
      year,
      lao: { code: lao.code, password: lao.password },
      province: { username: 'nacc.phitsanulok', password: 'Demo-Province-2565' },
    });
  }, 240_000);
});
