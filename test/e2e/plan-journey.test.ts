import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { importColumns } from '../../server/modules/project/project-import.service';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { laoCode, laoPassword, prepareLao } from './prepare';

const year = 2570;

/** A plan book of twenty rows in the import template. */
const planBook = async (dir: string): Promise<string> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('โครงการ');
  sheet.addRow(importColumns.map((c) => c.header));
  for (let i = 1; i <= 20; i += 1) {
    sheet.addRow([
      i,
      `กิจกรรมนำเข้าที่ ${i}`,
      'กิจกรรม',
      (i % 4) + 1,
      '',
      String(year),
      '',
      '✓',
      '',
      '',
      i === 1 ? 5000 : 0,
      0,
      'ประชาชน/ภาคประชาสังคม',
      'กิจกรรมตามแผนปฏิบัติการ',
      'เพื่อป้องกันการทุจริต',
      '',
    ]);
  }
  const file = path.join(dir, 'แผนปฏิบัติการ.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
};

describe('plan journey in the browser', () => {
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
    await prepareLao(server.url);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'plan');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('records, imports, is reviewed, deletes a rejection, submits and sees its assessment', async () => {
    const { field, snap } = h;
    const count = page.getByTestId('project-count');

    // The LAO records three projects with "save and record the next".
    await h.login(laoCode, laoPassword);
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao/records?year=${year}`);
    await page.getByText('ยังไม่มีโครงการในปีงบประมาณนี้').waitFor();
    await snap('records-empty');
    await page.getByRole('link', { name: 'บันทึกโครงการ', exact: true }).click();
    await page.waitForURL(/\/lao\/records\/new/);
    const names = [
      'โครงการอบรมคุณธรรมจริยธรรมของคณะผู้บริหารและพนักงาน',
      'มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียน',
      'กิจกรรมติดตามประเมินผลการควบคุมภายใน',
    ];
    for (const [i, name] of names.entries()) {
      await field('name').fill(name);
      await page.locator(`[name="fiscalYears"][value="${year}"]`).check();
      await page.locator(`[name="quarters"][value="${i + 1}"]`).check();
      await page
        .locator('[name="workType"]')
        .nth(i % 3)
        .check();
      await field('primaryDimension').selectOption({ index: i + 1 });
      await field('essence').fill(`สาระสำคัญของ${name}`);
      if (i === 0) {
        await page.locator('[name="budgetUse"][value="USES"]').check();
        await field('antiCorruptionBudget').fill('25,000.00');
      } else {
        await page.locator('[name="budgetUse"][value="NONE"]').check();
      }
      await page.locator('[name="targetGroups"]').first().check();
      await field('objectives').fill('เพื่อป้องกันการทุจริต');
      if (i === 0) await snap('project-form');
      await page.getByRole('button', { name: 'บันทึกและบันทึกโครงการถัดไป' }).click();
      await page.getByRole('status').filter({ hasText: 'บันทึกโครงการเรียบร้อยแล้ว' }).waitFor();
      await page.waitForFunction(`document.querySelector('[name="name"]').value === ''`);
    }
    await page.goto(`${server.url}/lao/records?year=${year}`);
    await count.filter({ hasText: '3' }).waitFor();
    await snap('records-three');

    // …and imports twenty more from a spreadsheet.
    await page.getByRole('link', { name: 'นำเข้าจากไฟล์' }).click();
    await page.waitForURL(/\/lao\/records\/import/);
    await field('file').setInputFiles(await planBook(mkdtempSync(path.join(os.tmpdir(), 'lao-import-'))));
    await page.getByTestId('import-count').filter({ hasText: '20' }).waitFor();
    await snap('import-preview');
    await page.getByRole('button', { name: 'ยืนยันนำเข้า 20 รายการ' }).click();
    await page.getByRole('status').filter({ hasText: 'นำเข้าโครงการเรียบร้อยแล้ว 20 รายการ' }).waitFor();
    await page.goto(`${server.url}/lao/records?year=${year}`);
    await count.filter({ hasText: '23' }).waitFor();
    await h.logout();

    // NACC (the province's office) rejects one with a reason and approves the rest.
    const rejected = 'กิจกรรมนำเข้าที่ 7';
    await h.login('nacc.phitsanulok', 'Demo-Province-2565');
    await page.waitForURL(/\/nacc/);
    await page.goto(`${server.url}/nacc/review`);
    await field('fiscalYear').selectOption(String(year));
    const row = page.locator(`tr[data-project-name="${rejected}"]`);
    await row.waitFor();
    await snap('review-queue');
    await row.getByRole('button', { name: /^ปฏิเสธ/ }).click();
    await field('reason').fill('ไม่สอดคล้องกับมิติที่กำหนด');
    await page.getByRole('button', { name: 'ยืนยันการปฏิเสธ' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการตรวจสอบแล้ว 1 รายการ' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('เลือกทั้งหมด').check();
    await page.getByRole('button', { name: /^รับรองรายการที่เลือก \(22\)/ }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการตรวจสอบแล้ว 22 รายการ' }).waitFor();
    await snap('review-done');
    await h.logout();

    // The LAO sees the rejection mark and reason, deletes the project, and submits its plan.
    await h.login(laoCode, laoPassword);
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao/records?year=${year}`);
    const mine = page.locator(`tr[data-project-name="${rejected}"]`);
    await mine.getByTestId('review-status').filter({ hasText: 'ปฏิเสธ' }).waitFor();
    await mine.getByTestId('review-reason').filter({ hasText: 'ไม่สอดคล้องกับมิติที่กำหนด' }).waitFor();
    await snap('records-rejected');
    await mine.getByRole('button', { name: /^ลบ/ }).click();
    await page.getByRole('button', { name: 'ยืนยันการลบ' }).click();
    await mine.waitFor({ state: 'detached' });
    await count.filter({ hasText: '22' }).waitFor();
    await page.getByRole('button', { name: 'ส่งแผน', exact: true }).click();
    await page.getByRole('button', { name: 'ยืนยันส่งแผน' }).click();
    await page.getByTestId('plan-status').filter({ hasText: 'ส่งแผนแล้ว' }).waitFor();
    await snap('plan-submitted');
    await h.logout();

    // NACC assesses the plan as passed, with scores.
    await h.login('nacc.phitsanulok', 'Demo-Province-2565');
    await page.waitForURL(/\/nacc/);
    await page.goto(`${server.url}/nacc/assessments`);
    await page
      .locator(`tr[data-lao-code="${laoCode}"][data-fiscal-year="${year}"]`)
      .getByRole('link', { name: 'ประเมิน' })
      .click();
    await field('scoreSociety').fill('22.5');
    await field('scoreAdministration').fill('24');
    await field('scoreParticipation').fill('20');
    await field('scoreOversight').fill('21');
    await page.locator('[name="verdict"][value="PASSED"]').check();
    await field('comments').fill('แผนครบทั้ง 4 มิติ');
    await page.getByTestId('assessment-form-total').filter({ hasText: '87.5' }).waitFor();
    await snap('assessment-form');
    await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
    await h.logout();

    // The LAO sees its scores.
    await h.login(laoCode, laoPassword);
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao/assessment?year=${year}`);
    await page.getByTestId('assessment-verdict').filter({ hasText: 'ผ่านเกณฑ์' }).waitFor();
    await page.getByTestId('assessment-total').filter({ hasText: '87.5' }).waitFor();
    await snap('assessment-result');
    await page.goto(`${server.url}/lao/history`);
    await page.getByTestId('history-event').first().waitFor();
    await snap('history');
  }, 180_000);
});
