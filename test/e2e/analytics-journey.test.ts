import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, screenshotDir, startBuiltServer } from './helpers';

/**
 * Dashboards and tables on the demo data: the LAO opens its summary and prints
 * its plan table (to PDF, with the Thai font embedded); NACC opens the national
 * table, drills into a province and downloads the XLSX, whose cells are checked.
 */
describe('dashboards, tables and exports in the browser', () => {
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
    h = pageHelpers(page, server.url, 'analytics');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('LAO summary and printed plan table; NACC national table, drill-down and XLSX', async () => {
    // ดินทอง's demo plan of 2566: twelve projects, assessed as passed.
    await h.login('5650802', 'Demo-Dintong-2565');
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao?year=2566`);
    await page.getByTestId('summary-project-count').filter({ hasText: '12' }).waitFor();
    await page.locator('canvas').first().waitFor();
    await h.snap('lao-summary');

    await page.goto(`${server.url}/lao/exports/plan-table?year=2566`);
    const table = page.getByTestId('plan-table');
    await table.waitFor();
    await page.getByTestId('plan-table-totals').filter({ hasText: '41,000.00' }).waitFor();
    await h.snap('plan-table');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: path.join(screenshotDir, 'analytics-plan-table-print.png'),
      fullPage: true,
    });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    const pdfPath = path.join(screenshotDir, 'analytics-plan-table.pdf');
    writeFileSync(pdfPath, pdf);
    // The bundled Thai font is embedded: Thai prints as text, not boxes.
    expect(pdf.toString('latin1')).toMatch(/Sarabun/);
    await page.emulateMedia({ media: 'screen' });

    // Performance summary of a round and the project status report.
    await page.goto(`${server.url}/lao/exports/performance?year=2566&round=SIX_MONTH`);
    await page.getByTestId('performance-total').filter({ hasText: '41,000.00' }).waitFor();
    expect(await page.locator('[data-testid="performance-table"] tr[data-project-id]').count()).toBe(12);
    await h.snap('performance');
    await page.goto(`${server.url}/lao/exports/status?year=2566`);
    await page.getByTestId('status-summary').waitFor();
    expect(await page.locator('[data-testid="status-table"] tr[data-project-id]').count()).toBe(12);
    await h.snap('status');
    await h.logout();

    // NACC: national table, drill into Phitsanulok, download the XLSX.
    await h.login('nacc.admin', 'Demo-NACC-2565');
    await page.waitForURL(/\/nacc/);
    await page.goto(`${server.url}/nacc/statistics?year=2566&round=SIX_MONTH`);
    const phitsanulok = page.locator('tr[data-province-id="65"]');
    await phitsanulok.waitFor();
    await h.snap('national');
    await phitsanulok
      .getByRole('link', { name: 'พิษณุโลก' })
      .or(phitsanulok.getByRole('button', { name: 'พิษณุโลก' }))
      .first()
      .click();
    await page.locator('tr[data-district-id="6508"]').waitFor();
    await h.snap('province');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    const file = path.join(screenshotDir, 'analytics-statistics-65.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A2').value).toBe('อำเภอ');
    const wangThong = sheet.getRows(3, sheet.rowCount - 2)?.find((row) => row.getCell(1).value === 'วังทอง');
    expect(wangThong?.getCell(2).value).toBe(5); // five demo LAOs in วังทอง

    // NACC reads one LAO's reports from the province table.
    await page.goto(`${server.url}/reports/province?year=2566&round=SIX_MONTH&provinceId=65`);
    const dintong = page.locator('tr[data-lao-code="5650802"]');
    await dintong.waitFor();
    await dintong.getByTestId('lao-report-menu').click();
    await dintong.getByTestId('lao-report-link-performance').click();
    await page.getByTestId('performance-total').filter({ hasText: '41,000.00' }).waitFor();
    await h.snap('nacc-lao-performance');
  }, 180_000);
});
