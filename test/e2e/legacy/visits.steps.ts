import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { pageHelpers } from '../helpers';

/** A small real PDF (a single empty page), as an office would attach its report. */
export const visitReportPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);
export const visitReportName = 'รายงานผลการนิเทศติดตาม อบต.วังพิกุล.pdf';

const bangkokParts = (date: Date) => {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' })
    .format(date)
    .split('-')
    .map(Number);
  return { year, month, day };
};

const chooseDay = async (page: Page, name: string, date: Date) => {
  const { year, month, day } = bangkokParts(date);
  await page.locator(`[name="${name}-year"]`).selectOption(String(year));
  await page.locator(`[name="${name}-month"]`).selectOption(String(month));
  await page.locator(`[name="${name}-day"]`).selectOption(String(day));
};

/**
 * Issue 23, site visits and problems (LEGACY.md §1.8 scorevs, §3.11; seed 000 pp. 24–26), in the
 * browser: the LAO files its problems, obstacles and suggestions with the open 6-month round; the
 * provincial office plans a visit, records it as done with findings and a PDF; the province table
 * shows the visited mark; the LAO reads its visit report and downloads the file, byte for byte.
 * The LAO (`lao`) is signed out on entry and on return.
 */
export const visitsSteps = async (args: {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  year: number;
  lao: { code: string; password: string };
  province: { username: string; password: string };
}) => {
  const { page, h, url, year, lao, province } = args;
  const problems = 'งบประมาณโครงการฝึกอบรมไม่เพียงพอ และผู้รับผิดชอบมีภารกิจหลายด้าน';
  const suggestions = 'ขอให้สำนักงาน ป.ป.ช. จัดอบรมการจัดทำแผนปฏิบัติการป้องกันการทุจริตในระดับอำเภอ';
  const findings = 'นำแผนไปปฏิบัติตามกำหนด มีการเผยแพร่ผลการดำเนินงานต่อสาธารณะ';

  // 1. The LAO files its problems, obstacles and suggestions with the open 6-month round.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao$/);
  await page.getByRole('link', { name: 'ปัญหาและการนิเทศติดตาม' }).click();
  await page.waitForURL(/\/lao\/follow-up/);
  await page.goto(`${url}/lao/follow-up?year=${year}`);
  const form = page.getByTestId('problem-report-form');
  await form.waitFor();
  await page.getByTestId('site-visit-report').getByText('ยังไม่มีการนิเทศติดตาม').waitFor();
  await h.field('problems').fill(problems);
  await h.field('suggestions').fill(suggestions);
  await form.getByRole('button', { name: 'บันทึกปัญหา อุปสรรคและข้อเสนอแนะ' }).click();
  await form.getByRole('status').filter({ hasText: 'บันทึกปัญหา อุปสรรคและข้อเสนอแนะเรียบร้อยแล้ว' }).waitFor();
  await h.snap('lao-problems-filed');
  await page.setViewportSize({ width: 390, height: 844 });
  await h.snap('lao-problems-filed-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await h.logout();

  // 2. The provincial office sees them in its planner and plans a visit.
  await h.login(province.username, province.password);
  await page.waitForURL(/\/nacc/);
  await page.getByRole('link', { name: 'นิเทศติดตาม' }).click();
  await page.waitForURL(/\/nacc\/site-visits/);
  await page.goto(`${url}/nacc/site-visits?year=${year}&filter=NOT_PLANNED`);
  const row = page.locator(`tr[data-lao-code="${lao.code}"]`);
  await row.waitFor();
  await row.getByTestId('lao-problems').locator('summary').click();
  await row.getByTestId('lao-problems').getByText(problems).waitFor();
  await h.snap('planner');
  await page.setViewportSize({ width: 390, height: 844 });
  await h.snap('planner-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await row.getByTestId('site-visit-open').click();
  await page.waitForURL(/\/nacc\/site-visits\/\d+\/\d{4}/);
  const visitForm = page.getByTestId('site-visit-form');
  await visitForm.waitFor();
  await page.getByTestId('lao-problem-reports').getByText(suggestions).waitFor();
  const inTenDays = new Date(Date.now() + 10 * 86_400_000);
  await chooseDay(page, 'plannedOn', inTenDays);
  await h.field('officers').fill('นายสมชาย ตรวจการ ผู้อำนวยการสำนักงาน ป.ป.ช. ประจำจังหวัดพิษณุโลก');
  await visitForm.getByRole('button', { name: 'บันทึกการนิเทศติดตาม' }).click();
  await visitForm.getByRole('status').filter({ hasText: 'บันทึกการนิเทศติดตามเรียบร้อยแล้ว' }).waitFor();

  // 3. After the visit: recorded as done with findings, and the report attached as a PDF.
  await page.locator('[name="status"][value="DONE"]').check();
  await chooseDay(page, 'visitedOn', new Date());
  await h.field('findings').fill(findings);
  await h.field('recommendations').fill('ควรประเมินผลโครงการทุกไตรมาส');
  await visitForm.getByRole('button', { name: 'บันทึกการนิเทศติดตาม' }).click();
  await visitForm.getByRole('status').filter({ hasText: 'บันทึกการนิเทศติดตามเรียบร้อยแล้ว' }).waitFor();
  const files = page.getByTestId('site-visit-files');
  // A disguised file is refused with the server's Thai message.
  await page.locator('#site-visit-file').setInputFiles({
    name: 'รายงาน.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 1)]),
  });
  await files.getByRole('button', { name: 'แนบไฟล์' }).click();
  await files.getByRole('alert').filter({ hasText: 'ไม่ใช่ชนิดที่รับ' }).waitFor();
  await page.locator('#site-visit-file').setInputFiles({
    name: visitReportName,
    mimeType: 'application/pdf',
    buffer: visitReportPdf,
  });
  await files.getByRole('button', { name: 'แนบไฟล์' }).click();
  await files.locator(`li[data-file-name="${visitReportName}"]`).waitFor();
  await files.getByRole('status').filter({ hasText: 'เรียบร้อยแล้ว' }).waitFor();
  await h.snap('visit-recorded');
  await page.setViewportSize({ width: 390, height: 844 });
  await h.snap('visit-recorded-phone');
  await page.setViewportSize({ width: 1366, height: 900 });

  // 4. The province table marks the LAO as visited.
  await page.goto(`${url}/reports/province?year=${year}&round=SIX_MONTH`);
  await page
    .locator(`tr[data-lao-code="${lao.code}"] [data-testid="lao-site-visit"][data-visit="DONE"]`)
    .waitFor();
  await h.snap('province-table-visited');
  await h.logout();

  // 5. The LAO reads its visit report and downloads the file, byte for byte.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao$/);
  await page.goto(`${url}/lao/follow-up?year=${year}`);
  await page.getByTestId('site-visit-findings').filter({ hasText: findings }).waitFor();
  await page.getByTestId('site-visit-files').locator(`li[data-file-name="${visitReportName}"]`).waitFor();
  await h.snap('lao-visit-report');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `ดาวน์โหลด ${visitReportName}` }).click(),
  ]);
  const saved = await download.path();
  const bytes = readFileSync(saved);
  if (!bytes.equals(visitReportPdf)) throw new Error('The downloaded file differs from the uploaded one');
  if (download.suggestedFilename() !== visitReportName)
    throw new Error(`Downloaded as ${download.suggestedFilename()}`);
  await h.logout();
};
