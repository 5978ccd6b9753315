import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf } from '../../server/modules/report/round-defaults';
import { openRoundOf } from '../../server/seed/demo-current-year';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';

/**
 * What a new user does with the README alone on a fresh demo database (issue 21): the public
 * sees this year's table, ดินทอง reports in the open round, NACC central sees its waiting work
 * on its home page, reviews a project and assesses a waiting plan on the 25-point scale, and a
 * provincial office's worklist agrees with its district table.
 */
describe('the demo, as a new user meets it', () => {
  const now = new Date();
  const year = fiscalYearOf(now);
  const round = openRoundOf(now);
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
    h = pageHelpers(page, server.url, 'demo');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('the public sees a non-empty table of the current year', async () => {
    await page.goto(`${server.url}/public/national?year=${year}&round=${round}`);
    const table = page.getByTestId('public-national-table');
    await table.waitFor();
    await table.locator('tbody tr').first().waitFor();
    await h.snap('public-national');
  });

  it('ดินทอง lands on the year that has data and reports a project in the open round', async () => {
    await h.login('5650802', 'Demo-Dintong-2565');
    await page.waitForURL(/\/lao$/);
    await page.getByTestId('summary-project-count').filter({ hasText: '12' }).waitFor();
    await page.goto(`${server.url}/lao/reports?year=${year}&round=${round}`);
    await page.locator('[data-testid="round-banner"][data-phase="open"]').waitFor();
    const open = page.locator('tr[data-project-name]').filter({
      has: page.getByRole('button', { name: /^รายงานผล/ }),
    });
    // The banner can show before the table: count once the first row to report is there.
    await open.first().waitFor();
    const before = await open.count();
    expect(before).toBeGreaterThan(0);
    await open
      .first()
      .getByRole('button', { name: /^รายงานผล/ })
      .click();
    await page.getByTestId('report-form').waitFor();
    await page.locator('[name="inOrdinance"][value="true"]').check();
    // Most of ดินทอง's demo projects are done without budget: their form asks for no amount.
    if (await h.field('ordinanceBudget').isVisible()) {
      await h.field('ordinanceBudget').fill('0');
      await h.field('disbursed').fill('0');
    }
    await page.locator('[name="status"][value="COMPLETED"]').check();
    await page.getByTestId('report-form').getByRole('button', { name: 'บันทึกรายงาน' }).click();
    await page
      .getByTestId('report-form')
      .getByRole('status')
      .filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' })
      .waitFor();
    await h.snap('dintong-reported');
    await page.getByTestId('report-form').getByRole('button', { name: 'ปิด' }).click();
    await page
      .getByTestId('report-progress')
      .filter({ hasText: `รายงานแล้ว ${13 - before} จาก 12` })
      .waitFor();
    expect(await open.count()).toBe(before - 1);
    await h.logout();
  });

  it('NACC central sees its waiting work, reviews a project and assesses a waiting plan', async () => {
    await h.login('nacc.admin', 'Demo-NACC-2565');
    await page.waitForURL(/\/nacc/);
    // Six of this year in Chon Buri and Phrae, and one of ดินทอง's 2566 plan.
    await page.getByTestId('waiting-review').filter({ hasText: 'รอตรวจสอบ 7 โครงการ' }).waitFor();
    await page.getByTestId('waiting-assessment').filter({ hasText: 'รอประเมิน 1 แผน' }).waitFor();
    await page.getByTestId('waiting-extensions').filter({ hasText: 'รอพิจารณา 1 คำขอ' }).waitFor();
    await h.snap('nacc-home');

    await page.goto(`${server.url}/nacc/review`);
    await h.field('fiscalYear').selectOption(String(year));
    await page.getByLabel('เลือกทั้งหมด').check();
    await page.getByRole('button', { name: /^รับรองรายการที่เลือก \(6\)/ }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการตรวจสอบแล้ว 6 รายการ' }).waitFor();

    await page.goto(`${server.url}/nacc/assessments`);
    await page
      .locator(`tr[data-lao-code="5200402"][data-fiscal-year="${year}"]`)
      .getByRole('link', { name: 'ประเมิน' })
      .click();
    // The scale says itself: 25 points per dimension, 100 in all.
    await page.getByText('(คะแนน 0–25)').first().waitFor();
    await page.getByText('คะแนนรวม (เต็ม 100 คะแนน)').waitFor();
    await h.field('scoreSociety').fill('26');
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await page.getByText('กรุณากรอกคะแนนเป็นตัวเลข 0–25 ทศนิยมไม่เกิน 2 ตำแหน่ง').waitFor();
    await h.field('scoreSociety').fill('22.5');
    await h.field('scoreAdministration').fill('24');
    await h.field('scoreParticipation').fill('20');
    await h.field('scoreOversight').fill('21');
    await page.locator('[name="verdict"][value="PASSED"]').check();
    await page.getByTestId('assessment-form-total').filter({ hasText: '87.5' }).waitFor();
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
    await page.goto(`${server.url}/nacc`);
    await page.getByTestId('waiting-assessment').filter({ hasText: 'ไม่มีงานค้าง' }).waitFor();
    await page.getByTestId('waiting-review').filter({ hasText: 'รอตรวจสอบ 1 โครงการ' }).waitFor();
    await h.logout();
  });

  it('a provincial office: its menu names its province; the worklist agrees with the district table', async () => {
    await h.login('nacc.phitsanulok', 'Demo-Province-2565');
    await page.waitForURL(/\/nacc/);
    await page.getByRole('link', { name: 'สถิติระดับจังหวัด' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'สถิติระดับประเทศ' }).count()).toBe(0);

    await page.goto(`${server.url}/nacc/not-reported?year=${year}&round=${round}`);
    const coverage = page.getByTestId('coverage-table');
    await coverage.waitFor();
    const total = coverage.locator('tfoot tr');
    const cells = (await total.locator('td').allTextContents()).map((text) => Number(text.replace(/,/g, '')));
    const [laoCount, noPlan, fully, partly, none] = cells;
    expect(noPlan + fully + partly + none).toBe(laoCount);
    expect([noPlan, partly, none].every((count) => count > 0)).toBe(true);
    const list = page.getByTestId('lao-list').locator('tbody tr');
    await list.first().waitFor();
    expect(await list.count()).toBe(laoCount - fully);
    expect(
      await list.locator('[data-testid="lao-state"]').filter({ hasText: 'ยังไม่มีแผน/แผนยังไม่ผ่าน' }).count(),
    ).toBe(noPlan);
    await h.snap('not-reported');
  });
});
