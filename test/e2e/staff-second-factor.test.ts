import type { BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, scrollsSideways, startBuiltServer } from './helpers';
import {
  administratorEnrolmentSteps,
  mustChangePasswordSteps,
  secondFactorSteps,
} from './staff/second-factor.steps';

/** Issue 24, the staff second factor in Chromium, on the demo data with administrators required. */
describe('staff second factor in the browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      STAFF_SECOND_FACTOR: 'administrators',
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
    h = pageHelpers(page, server.url, 'staff-second-factor');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('a provincial officer enrols an app, signs out, signs in with password + code, and with a recovery code', async () => {
    await secondFactorSteps({
      page,
      h,
      url: server.url,
      staff: { username: 'nacc.phitsanulok', password: 'Demo-Province-2565' },
    });
    await h.logout();
  }, 180_000);

  it('an administrator must enrol before getting a session (phone width)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const { secret } = await administratorEnrolmentSteps({
      page,
      h,
      url: server.url,
      staff: { username: 'nacc.admin', password: 'Demo-NACC-2565' },
    });
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    // Signed in: the header's links (password, two-step verification) fit a phone.
    expect(await scrollsSideways(page)).toBe(false);
    await h.snap('admin-home-phone');
    await h.logout();
    await h.login('nacc.admin', 'Demo-NACC-2565');
    await page.getByRole('heading', { name: 'ยืนยันตัวตนขั้นที่สอง' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await h.snap('code-step-phone');
  }, 180_000);

  it('an account whose password must change first can only change it', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    // As the legacy importer leaves a kept legacy password.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query(`UPDATE account SET must_change_password = true WHERE username = 'nacc.phitsanulok'`);
    await db.query(
      `UPDATE account SET totp_secret = NULL, totp_enabled_at = NULL WHERE username = 'nacc.phitsanulok'`,
    );
    await db.end();
    await mustChangePasswordSteps(
      { page, h, url: server.url, staff: { username: 'nacc.phitsanulok', password: 'Demo-Province-2565' } },
      'Phitsanulok-New-2569!',
    );
    await page.getByTestId('viewer-name').waitFor();
    await h.logout();
  }, 120_000);
});
