import type { BrowserContext, Page, Route } from 'playwright-core';
import { graphqlClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';

const laoCode = '5650802';
const laoPassword = 'Demo-Dintong-2565';
const laoName = 'องค์การบริหารส่วนตำบลดินทอง';

// Run in the page (the test's own types know no DOM).
type InBrowser = { localStorage: { getItem(key: string): string | null; clear(): void } };
const readToken = () => (globalThis as unknown as InBrowser).localStorage.getItem('lpm.token');
const clearStorage = () => (globalThis as unknown as InBrowser).localStorage.clear();

/** Answers every GraphQL request as a failing server would (the body of server/errors, in-flight.ts). */
const failWith =
  (status: number, extensions: Record<string, unknown>, headers: Record<string, string> = {}) =>
  (route: Route) =>
    route.fulfill({
      status,
      contentType: 'application/json',
      headers,
      body: JSON.stringify({ errors: [{ message: 'failure', extensions }] }),
    });
const internalError = failWith(500, { code: 'INTERNAL_SERVER_ERROR' });

/**
 * Deadline day: the API fails (500, 503 RATE_LIMITED, no network) under a signed-in LAO. The LAO
 * stays where it was, sees what happened with a retry, and goes on without signing in again once
 * the API is back. Only the server saying UNAUTHENTICATED (here: a revoked session) signs out.
 */
describe('a signed-in user when the API fails', () => {
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
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'api-failure');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const heading = () => page.getByRole('heading', { level: 1, name: laoName });
  const alert = (text: string) => page.getByRole('alert').filter({ hasText: text }).first();
  const signIn = async () => {
    await h.login(laoCode, laoPassword);
    await page.waitForURL(/\/lao$/);
    await heading().waitFor();
  };

  it('keeps the session through 500, 503 and network failures; retry works once the API is back', async () => {
    await signIn();

    // A page opened while the API answers 500: the same page, the message and a retry.
    await page.route('**/graphql', internalError);
    await page.goto(`${server.url}/lao/records`);
    await alert('ระบบขัดข้อง').waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao/records');
    await expect(page.getByRole('button', { name: 'ลองใหม่' }).first().isVisible()).resolves.toBe(true);
    await h.snap('500');

    // Overloaded (the load shedding's 503): says when to try again, still signed in.
    await page.unroute('**/graphql');
    await page.route(
      '**/graphql',
      failWith(503, { code: 'RATE_LIMITED', retryAfterSeconds: 1 }, { 'Retry-After': '1' }),
    );
    await page.reload();
    await alert('ถี่เกินไป').waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao/records');

    // No network at all.
    await page.unroute('**/graphql');
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await alert('ไม่สามารถติดต่อระบบได้').waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao/records');
    const retry = page.getByRole('button', { name: 'ลองใหม่' }).first();
    await retry.click();
    await alert('ไม่สามารถติดต่อระบบได้').waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao/records');

    // The API is back: the retry opens the page, no sign-in asked.
    await page.unroute('**/graphql');
    await retry.click();
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao/records');
    await expect(page.getByTestId('viewer-name').textContent()).resolves.toContain(laoName);
    await h.snap('back');

    // A failure under a page already open (the viewer known) shows there too, and no sign-out.
    await page.route('**/graphql', internalError);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'หน้าแรก' }).click();
    await alert('ระบบขัดข้อง').waitFor();
    expect(new URL(page.url()).pathname).toBe('/lao');
    await page.unroute('**/graphql');
    // The home page shows the failure of each of its parts, each with its retry.
    const retries = page.getByRole('button', { name: 'ลองใหม่' });
    for (let i = 0; i < 5 && (await retries.count()) > 0; i += 1) {
      await retries.first().click();
      await page.waitForTimeout(500);
    }
    await alert('ระบบขัดข้อง').waitFor({ state: 'detached' });
    await heading().waitFor();
    await page.getByTestId('viewer-name').waitFor();
  }, 120_000);

  it('still signs out when the server says UNAUTHENTICATED', async () => {
    const revokeSession = async () => {
      const token = await page.evaluate(readToken);
      const client = graphqlClient(server.url, token);
      const response = await client('mutation { logout }');
      expect(response.errors).toBeUndefined();
    };

    // Under an open page: the next request is refused and the sign-in page says why.
    await page.unrouteAll();
    await page.evaluate(clearStorage);
    await signIn();
    await revokeSession();
    // A request of the home page still loading may be the first one refused: the app is then on
    // its way to the sign-in page already, and the menu link it would have clicked is gone.
    await page
      .getByRole('navigation', { name: 'เมนูหลัก' })
      .getByRole('link', { name: 'การบันทึก/รายงาน' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await page.waitForURL(/\/login/);
    await page.getByText('หมดเวลาการใช้งาน').waitFor();
    expect(await page.evaluate(readToken)).toBeNull();

    // On opening the app with a session the server no longer knows.
    await signIn();
    await revokeSession();
    await page.goto(`${server.url}/lao/records`);
    await page.waitForURL(/\/login/);
    await page.getByText('หมดเวลาการใช้งาน').waitFor();
    expect(await page.evaluate(readToken)).toBeNull();
  }, 60_000);
});
