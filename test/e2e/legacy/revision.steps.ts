import type { Page } from 'playwright-core';
import type { GraphQLClient } from '../../helpers/graphql-client';
import type { pageHelpers } from '../helpers';

/** What the plan-revision journey needs: the browser, the server, an LAO with a submitted plan, NACC. */
export type RevisionJourney = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  /** NACC central over the API (returns the plan). */
  nacc: GraphQLClient;
  /** The LAO over the API (records the project it will delete by mistake). */
  lao: GraphQLClient;
  laoId: string;
  code: string;
  password: string;
  year: number;
  /** The submitted plan (approved projects of `year`, waiting for NACC's assessment). */
  plan: { id: string; version: number };
  /** An approved project of the plan, to withdraw. */
  withdrawName: string;
};

/**
 * Issue 23, plan revision, in the browser: the LAO sees its submitted plan locked; NACC returns
 * it; the LAO withdraws an approved project with a reason and finds it marked in the plan table;
 * it deletes a project and restores it from the history.
 */
export const revisionSteps = async (j: RevisionJourney): Promise<void> => {
  const { page, h, url, year } = j;
  const row = (name: string) => page.locator(`tr[data-project-name="${name}"]`);

  // 1. A plan under assessment is frozen: a notice, no add/import, no edit/delete/withdraw.
  await h.login(j.code, j.password);
  await page.waitForURL(/\/lao$/);
  await page.goto(`${url}/lao/records?year=${year}`);
  await page.getByTestId('plan-frozen').waitFor();
  await row(j.withdrawName).waitFor();
  expect(await page.getByTestId('plan-frozen').textContent()).toContain(
    `แผนปีงบประมาณ ${year} ส่งให้สำนักงาน ป.ป.ช. ประเมินแล้ว`,
  );
  expect(await page.getByRole('link', { name: 'บันทึกโครงการ', exact: true }).count()).toBe(0);
  expect(await page.locator('table').getByRole('link', { name: /^แก้ไข/ }).count()).toBe(0);
  expect(
    await page
      .locator('table')
      .getByRole('button', { name: /^(ลบ|ถอน)/ })
      .count(),
  ).toBe(0);
  await h.snap('frozen');

  // 2. NACC returns the plan (INCOMPLETE): it is unfrozen.
  const assessed = await j.nacc(
    `mutation($input: AssessPlanInput!) { assessPlan(input: $input) { verdict } }`,
    {
      input: {
        planId: j.plan.id,
        version: j.plan.version,
        verdict: 'INCOMPLETE',
        scoreSociety: '10',
        scoreAdministration: '10',
        scoreParticipation: '10',
        scoreOversight: '10',
        comments: 'กรุณาปรับปรุงแผน',
      },
    },
  );
  expect(assessed.errors).toBeUndefined();
  // A pending project the LAO will delete by mistake.
  const mistaken = 'โครงการที่ลบโดยไม่ตั้งใจ';
  const created = await j.lao(
    `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        name: mistaken,
        workType: 'ACTIVITY',
        fiscalYears: [year],
        quarters: [3],
        primaryDimension: 'SOCIETY',
        essence: 'ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริต',
        antiCorruptionBudget: '5000',
        localDevelopmentBudget: '0',
        targetGroups: ['PUBLIC'],
        objectives: 'เพื่อให้ประชาชนรู้ช่องทางร้องเรียน',
      },
    },
  );
  expect(created.errors).toBeUndefined();
  await page.reload();
  await row(mistaken).waitFor();
  expect(await page.getByTestId('plan-frozen').count()).toBe(0);
  await row(j.withdrawName).getByRole('link', { name: /^แก้ไข/ }).waitFor();

  // 3. Withdraw an approved project: the reason is required, then it is marked withdrawn.
  await row(j.withdrawName).getByRole('button', { name: /^ถอน/ }).click();
  const form = row(j.withdrawName).getByRole('form');
  await form.getByRole('button', { name: 'ยืนยันการถอน' }).click();
  await form.getByText('กรุณากรอกข้อมูลช่องนี้').waitFor();
  const reason = 'สภาท้องถิ่นมีมติโอนภารกิจให้หน่วยงานอื่นดำเนินการแทน';
  await form.getByLabel('เหตุผลที่ถอนออกจากแผน').fill(reason);
  await h.snap('withdraw-form');
  await form.getByRole('button', { name: 'ยืนยันการถอน' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `ถอนโครงการ “${j.withdrawName}” ออกจากแผนเรียบร้อยแล้ว` })
    .waitFor();
  await row(j.withdrawName).getByTestId('withdrawn-badge').waitFor();
  expect(await row(j.withdrawName).getByTestId('withdrawal-reason').textContent()).toContain(reason);
  expect(await row(j.withdrawName).getByRole('link', { name: /^แก้ไข/ }).count()).toBe(0);
  await h.snap('withdrawn-in-list');

  // 4. The plan table shows it marked, unnumbered, outside the totals.
  await page.goto(`${url}/lao/exports/plan-table?year=${year}`);
  const withdrawnRow = page.locator('[data-testid="plan-table"] tr[data-withdrawn="true"]');
  await withdrawnRow.waitFor();
  expect(await withdrawnRow.textContent()).toContain(j.withdrawName);
  expect(await withdrawnRow.getByTestId('withdrawn-badge').textContent()).toContain('ถอนออกจากแผน');
  expect(await withdrawnRow.locator('td').first().textContent()).toBe('–');
  await page.getByTestId('plan-table-withdrawn').waitFor();
  await h.snap('plan-table-withdrawn');

  // 5. Delete the pending project, then restore it from the history.
  await page.goto(`${url}/lao/records?year=${year}`);
  await row(mistaken).getByRole('button', { name: /^ลบ/ }).click();
  await row(mistaken).getByRole('button', { name: 'ยืนยันการลบ' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `ลบโครงการ “${mistaken}” เรียบร้อยแล้ว` })
    .waitFor();
  await row(mistaken).waitFor({ state: 'detached' });
  await page.goto(`${url}/lao/history`);
  const deletion = page
    .locator('[data-testid="history-event"][data-action="DELETE"]')
    .filter({ hasText: mistaken });
  await deletion.getByTestId('restore-project').waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await h.snap('history-restore-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await deletion.getByTestId('restore-project').click();
  await page
    .getByRole('status')
    .filter({ hasText: `กู้คืนโครงการ “${mistaken}” เรียบร้อยแล้ว` })
    .waitFor();
  await page
    .locator('[data-testid="history-event"][data-action="RESTORE"]')
    .filter({ hasText: mistaken })
    .waitFor();
  expect(await page.getByTestId('restore-project').count()).toBe(0);
  await h.snap('restored');
  await page.goto(`${url}/lao/records?year=${year}`);
  await row(mistaken).waitFor();
  await h.logout();
};
