import type { Page } from 'playwright-core';
import type { pageHelpers } from '../helpers';

/** What the forms part of the legacy journey needs: an LAO with a passed plan of `year`. */
export type FormsStepsContext = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  lao: { code: string; password: string };
  year: number;
};

export const withoutBudgetProject = 'กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหารท้องถิ่น';
export const reportRemark = 'ประกาศเจตจำนงต่อหน้าพนักงานและประชาชน และเผยแพร่ทางเว็บไซต์ของ อปท.';

/**
 * Issue 23, forms and fields: the LAO signs in (the sign-in page links to the code search),
 * records a project without budget (saving the empty form first shows the required fields),
 * reports it without amounts (the form asks for none) and with a remark, and the remark shows
 * in the report list. Leaves the LAO signed in on the report list.
 */
export async function formsSteps({ page, h, url, lao, year }: FormsStepsContext): Promise<void> {
  const { field, snap } = h;

  // Sign-in carries the way to one's user name: the public search shows the 7-digit code.
  await page.goto(`${url}/login`);
  await page.getByRole('link', { name: 'ค้นหารหัส อปท. 7 หลัก (ชื่อผู้ใช้)' }).waitFor();
  await page.goto(`${url}/activate`);
  await page.getByRole('link', { name: 'ค้นหารหัส อปท. 7 หลัก (ชื่อผู้ใช้)' }).click();
  await page.waitForURL(/\/public/);
  await page.getByLabel('ค้นหา อปท. จากชื่อ เช่น ดินทอง').fill('ดินทอง');
  await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
  await page
    .locator('[data-lao-code="5650802"]')
    .getByTestId('public-lao-code')
    .filter({ hasText: 'รหัส อปท. 5650802' })
    .waitFor();
  await snap('find-code');

  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao$/);
  await page.goto(`${url}/lao/records/new?year=${year}`);
  await field('name').waitFor();

  // Saving the empty form names every required field, essence, target groups and objectives included.
  await page.getByRole('button', { name: 'บันทึกและกลับหน้าหลัก' }).click();
  for (const name of ['name', 'essence', 'budgetUse', 'targetGroups', 'objectives']) {
    await page.locator(`#f-${name}-error`).waitFor();
  }
  await snap('project-required');

  await field('name').fill(withoutBudgetProject);
  await page.locator(`[name="fiscalYears"][value="${year}"]`).check();
  await page.locator('[name="quarters"][value="1"]').check();
  await page.locator('[name="workType"][value="ACTIVITY"]').check();
  await field('primaryDimension').selectOption('ADMINISTRATION');
  await field('essence').fill('ผู้บริหารท้องถิ่นประกาศเจตจำนงต่อต้านการทุจริตต่อสาธารณะ');
  // With budget the amounts are asked; without, they are gone.
  await page.locator('[name="budgetUse"][value="USES"]').check();
  await field('antiCorruptionBudget').waitFor();
  await page.locator('[name="budgetUse"][value="NONE"]').check();
  await field('antiCorruptionBudget').waitFor({ state: 'detached' });
  await page.locator('[name="targetGroups"][value="POLITICAL_EXECUTIVES"]').check();
  await page.locator('[name="targetGroups"][value="GOVERNMENT_AGENCIES"]').check();
  await field('otherTargetGroup').fill('ผู้นำชุมชน');
  await field('objectives').fill('เพื่อแสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริต');
  await snap('project-without-budget');
  await page.getByRole('button', { name: 'บันทึกและกลับหน้าหลัก' }).click();
  await page.waitForURL(/\/lao\/records\?/);
  const recorded = page.locator(`tr[data-project-name="${withoutBudgetProject}"]`);
  await recorded.filter({ hasText: 'ไม่ใช้งบประมาณ' }).waitFor();

  // Its report asks for no amounts, and takes a remark.
  await page.goto(`${url}/lao/reports?year=${year}&round=SIX_MONTH`);
  const row = page.locator(`tr[data-project-name="${withoutBudgetProject}"]`);
  await row.getByRole('button', { name: /^รายงานผล/ }).click();
  const form = page.getByTestId('report-form');
  await form.getByTestId('report-without-budget').waitFor();
  if ((await form.locator('[name="ordinanceBudget"], [name="disbursed"]').count()) !== 0)
    throw new Error('The report of a project without budget asks for amounts');
  await form.locator('[name="inOrdinance"][value="true"]').check();
  await form.locator('[name="status"][value="COMPLETED"]').check();
  await form.locator('[name="remark"]').fill(reportRemark);
  await snap('report-without-budget');
  await form.getByRole('button', { name: 'บันทึกรายงาน' }).click();
  await form.getByRole('status').filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' }).waitFor();
  await form.getByTestId('report-revisions').filter({ hasText: reportRemark }).waitFor();
  await form.getByRole('button', { name: 'ปิด' }).click();
  await row.getByTestId('row-remark').filter({ hasText: reportRemark }).waitFor();
  await row.filter({ hasText: 'ไม่ใช้งบประมาณ' }).waitFor();
  await snap('report-list-remark');

  // The same list on a phone: the table stacks, the remark stays labelled.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await row.getByTestId('row-remark').filter({ hasText: reportRemark }).waitFor();
  await snap('report-list-remark-phone');
  if (size) await page.setViewportSize(size);
}
