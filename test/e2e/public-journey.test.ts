import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, screenshotDir, startBuiltServer } from './helpers';

/**
 * A citizen, without an account: finds ดินทอง by a Thai fragment, opens its page,
 * switches fiscal year, opens its province table, downloads the CSV and finds
 * the LAO's row in it. Also at a phone's width.
 */
describe('public pages for citizens', () => {
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
    h = pageHelpers(page, server.url, 'public');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('search, LAO page, fiscal year switch, province table and its CSV', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'ติดตามแผนสำหรับประชาชน' }).click();
    await page.waitForURL(/\/public/);
    await h.field('q').fill('ดินทอง');
    const result = page.locator('li[data-lao-code="5650802"]');
    await result.waitFor();
    await h.snap('search');
    await result.getByRole('link').first().click();
    await page.waitForURL(/\/public\/lao\/5650802/);
    await page.getByTestId('public-lao-name').filter({ hasText: 'องค์การบริหารส่วนตำบลดินทอง' }).waitFor();

    // Switch to another year and back: the URL carries the year, so links share well.
    await h.field('fiscalYear').selectOption('2567');
    await page.waitForURL(/year=2567/);
    await page.getByTestId('public-plan-status').filter({ hasText: 'ร่าง' }).waitFor();
    await h.field('fiscalYear').selectOption('2566');
    await page.waitForURL(/year=2566/);
    await page.getByTestId('public-plan-status').filter({ hasText: 'ผ่านเกณฑ์' }).waitFor();
    await page.getByTestId('public-projects').locator('tr[data-project-name]').first().waitFor();
    await page.getByTestId('public-chart-dimensions').waitFor();
    expect(await page.getByTestId('public-projects').locator('tr[data-project-name]').count()).toBe(12);
    // Private contacts never reach the public page.
    expect(await page.content()).not.toContain('dintong@example.go.th');
    expect(await page.content()).not.toContain('081-234-5678');
    await h.snap('lao-2566');

    await page.getByTestId('public-province-link').click();
    await page.waitForURL(/\/public\/province\/65/);
    await page.locator('tr[data-lao-code="5650802"]').waitFor();
    await page.getByTestId('public-chart-levels').waitFor();
    await h.snap('province');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('public-export-csv').click(),
    ]);
    const file = path.join(screenshotDir, 'public-implementation-65.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const row = csv.split('\r\n').find((line) => line.includes(',5650802,'));
    expect(row?.split(',').slice(0, 3)).toEqual(['วังทอง', '5650802', 'องค์การบริหารส่วนตำบลดินทอง']);

    // The same LAO page on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/public/lao/5650802?year=2566`);
    await page.getByTestId('public-plan-status').waitFor();
    await h.snap('lao-phone');
  }, 120_000);
});
