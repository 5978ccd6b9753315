import type { Page } from 'playwright-core';
import type { GraphQLClient } from '../../helpers/graphql-client';
import type { pageHelpers } from '../helpers';

/**
 * Issue 23, assessment scores and ITA, in the browser: the LAO enters its self-assessment (L);
 * NACC central sets the pass mark; a provincial office assesses (P) and the outcome follows the
 * mark; NACC central re-assesses (M) and overrides the mark with a reason; another plan fails by
 * the mark; the LAO sees all three; NACC central enters an ITA score and imports a small CSV, and
 * both show on the LAO's public page and in the province table.
 *
 * Needs: the demo data, an activated LAO with a complete profile (`lao`, its client), NACC central's
 * client, and two fiscal years of the cycle without plans of that LAO: `passYear` (its pass mark is
 * set here) and `failYear` (a year the demo gives a pass mark of 60).
 */
export type ScoresJourney = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  lao: { client: GraphQLClient; laoId: string; code: string; password: string };
  nacc: GraphQLClient;
  passYear: number;
  failYear: number;
};

const createProjects = async (lao: GraphQLClient, nacc: GraphQLClient, year: number, names: string[]) => {
  const created = [];
  for (const name of names) {
    const response = await lao(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
      {
        input: {
          name,
          workType: 'PROJECT',
          fiscalYears: [year],
          quarters: [1, 2],
          primaryDimension: 'SOCIETY',
          essence: `${name}: อบรมและเผยแพร่ความรู้`,
          antiCorruptionBudget: '15000',
          localDevelopmentBudget: '15000',
          targetGroups: ['OFFICIALS'],
          objectives: 'เพื่อป้องกันการทุจริต',
        },
      },
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    created.push(response.data?.createProject);
  }
  await nacc(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
    input: { projects: created, decision: 'APPROVED' },
  });
};

const submit = async (lao: GraphQLClient, laoId: string, year: number) => {
  const plan = (await lao(`{ plan(laoId: "${laoId}", fiscalYear: ${year}) { id version } }`)).data?.plan;
  const submitted = await lao(
    `mutation { submitPlan(planId: "${plan.id}", version: ${plan.version}) { id } }`,
  );
  if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
};

const fillScores = async (h: ScoresJourney['h'], scores: [string, string, string, string]) => {
  const names = ['scoreSociety', 'scoreAdministration', 'scoreParticipation', 'scoreOversight'];
  for (const [i, name] of names.entries()) await h.field(name).fill(scores[i]);
};

export async function scoresJourney({ page, h, url, lao, nacc, passYear, failYear }: ScoresJourney) {
  const { snap } = h;
  await page.setViewportSize({ width: 1366, height: 900 });
  await createProjects(lao.client, nacc, passYear, [
    'โครงการเสริมสร้างวัฒนธรรมสุจริต',
    'มาตรการเปิดเผยข้อมูลสาธารณะ',
  ]);
  await createProjects(lao.client, nacc, failYear, ['กิจกรรมประชาสัมพันธ์ช่องทางร้องเรียน']);

  // NACC central sets the pass mark of the year.
  await h.login('nacc.admin', 'Demo-NACC-2565');
  await page.waitForURL(/\/nacc/);
  await page.goto(`${url}/nacc/pass-marks`);
  await h.field('fiscalYear').fill(String(passYear));
  await h.field('score').fill('170');
  await page.getByRole('button', { name: 'บันทึกเกณฑ์' }).click();
  await page.getByText('กรุณากรอกคะแนนเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง').waitFor();
  await h.field('score').fill('70');
  await page.getByRole('button', { name: 'บันทึกเกณฑ์' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `บันทึกเกณฑ์คะแนนผ่านของปีงบประมาณ ${passYear} แล้ว` })
    .waitFor();
  await page.locator(`tr[data-fiscal-year="${passYear}"]`).filter({ hasText: '70.00' }).waitFor();
  await snap('pass-marks');
  await h.logout();

  // The LAO enters its self-assessment (L) while writing its plan, then submits the plan.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao/);
  await page.goto(`${url}/lao/assessment?year=${passYear}`);
  const selfForm = page.getByTestId('self-assess-form');
  await selfForm.waitFor();
  await fillScores(h, ['25.5', '20', '20', '20']);
  await selfForm.getByRole('button', { name: 'บันทึกคะแนนประเมินตนเอง' }).click();
  await selfForm.locator('#f-scoreSociety-error').waitFor();
  await h.field('scoreSociety').fill('22.5');
  await selfForm.getByRole('button', { name: 'บันทึกคะแนนประเมินตนเอง' }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกคะแนนประเมินตนเองแล้ว' }).waitFor();
  const scores = page.getByTestId('plan-scores');
  await scores
    .locator('[data-testid="plan-scores-totals"] td[data-level="SELF"]')
    .filter({ hasText: '82.50' })
    .waitFor();
  await scores.getByTestId('plan-scores-pass-mark').filter({ hasText: '70.00' }).waitFor();
  await snap('self-assessment');
  await h.logout();
  await submit(lao.client, lao.laoId, passYear);
  await submit(lao.client, lao.laoId, failYear);

  // The provincial office assesses (P): no outcome chosen, the pass mark decides it.
  await h.login('nacc.phitsanulok', 'Demo-Province-2565');
  await page.waitForURL(/\/nacc/);
  await page.goto(`${url}/nacc/assessments/${lao.laoId}/${passYear}`);
  await page.getByText('ผลประเมินที่บันทึกจะเป็นผลประเมิน สำนักงาน ป.ป.ช. ประจำจังหวัด').waitFor();
  await fillScores(h, ['20', '20', '20', '15']);
  await page
    .getByTestId('assessment-form-by-mark')
    .filter({ hasText: 'ผลตามเกณฑ์คะแนน 70.00: ผ่านเกณฑ์' })
    .waitFor();
  await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
  await page.getByTestId('plan-scores-effective').filter({ hasText: '75.00' }).waitFor();
  await h.logout();

  // NACC central re-assesses (M) lower than the mark and keeps the plan passed: a reason is required.
  await h.login('nacc.admin', 'Demo-NACC-2565');
  await page.waitForURL(/\/nacc/);
  await page.goto(`${url}/nacc/assessments/${lao.laoId}/${passYear}`);
  await page.getByText('ผลประเมินที่บันทึกจะเป็นผลประเมิน ส่วนกลาง (สปม.)').waitFor();
  await fillScores(h, ['18', '16', '15', '13']);
  await page.getByTestId('assessment-form-by-mark').filter({ hasText: 'ไม่สมบูรณ์' }).waitFor();
  await page.locator('[name="verdict"][value="PASSED"]').check();
  await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
  await page.locator('#f-overrideReason-error').waitFor();
  await snap('override-reason-required');
  await h.field('overrideReason').fill('มีมาตรการตามกฎหมายครบทุกมิติ คะแนนต่ำเพราะเอกสารประกอบไม่ครบ');
  await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
  await page.getByTestId('plan-scores-override').filter({ hasText: 'เอกสารประกอบไม่ครบ' }).waitFor();

  // Another plan fails by the pass mark of its year.
  await page.goto(`${url}/nacc/assessments/${lao.laoId}/${failYear}`);
  await fillScores(h, ['10', '10', '10', '10']);
  await page.getByTestId('assessment-form-by-mark').filter({ hasText: 'ไม่สมบูรณ์' }).waitFor();
  await page.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
  await page.getByTestId('plan-scores-by-mark').filter({ hasText: 'ไม่สมบูรณ์' }).waitFor();

  // NACC central enters an ITA score, and imports a small CSV.
  await page.goto(`${url}/nacc/ita?year=${passYear}`);
  await page.locator('[name="provinceId"]').selectOption({ label: 'พิษณุโลก' });
  const row = page.locator(`tr[data-lao-code="${lao.code}"]`);
  await row.getByTestId('ita-input').fill('100.5');
  await row.getByRole('button', { name: 'บันทึก' }).click();
  await row.getByText('คะแนน ITA ต้องอยู่ระหว่าง 0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง').waitFor();
  await row.getByTestId('ita-input').fill('81.5');
  await row.getByRole('button', { name: 'บันทึก' }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกคะแนน ITA ของ' }).waitFor();
  await page.locator('#f-ita-file').setInputFiles({
    name: 'ita.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`รหัส อปท.,ปีงบประมาณ,คะแนน ITA\r\n5650802,${passYear},77.25\r\n`),
  });
  await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
  await page.getByTestId('ita-import-valid').waitFor();
  await page.getByTestId('ita-import-run').click();
  await page.getByRole('status').filter({ hasText: 'นำเข้าแล้ว 1 แถว: เพิ่มใหม่ 1' }).waitFor();
  // The table reloads with the imported score.
  const imported = page.locator('tr[data-lao-code="5650802"] [data-testid="ita-input"]');
  for (let tries = 0; tries < 50 && (await imported.inputValue()) !== '77.25'; tries += 1)
    await page.waitForTimeout(100);
  if ((await imported.inputValue()) !== '77.25') throw new Error('the imported ITA score is not shown');
  await snap('ita-entry');

  // The province table shows the ITA column.
  await page.goto(`${url}/reports/province?year=${passYear}&round=TWELVE_MONTH&provinceId=65`);
  await page
    .locator(`tr[data-lao-code="${lao.code}"] [data-testid="lao-ita"]`)
    .filter({ hasText: '81.50' })
    .waitFor();
  await page
    .locator('tr[data-lao-code="5650802"] [data-testid="lao-ita"]')
    .filter({ hasText: '77.25' })
    .waitFor();
  await snap('province-table-ita');
  await h.logout();

  // The LAO sees all three scores, the effective one, the pass mark and the outcome.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao/);
  await page.goto(`${url}/lao/assessment?year=${passYear}`);
  const totals = page.locator('[data-testid="plan-scores-totals"]');
  await totals.locator('td[data-level="SELF"]').filter({ hasText: '82.50' }).waitFor();
  await totals.locator('td[data-level="PROVINCIAL"]').filter({ hasText: '75.00' }).waitFor();
  await totals.locator('td[data-level="CENTRAL"]').filter({ hasText: '62.00' }).waitFor();
  await page.getByTestId('plan-scores-effective').filter({ hasText: '62.00' }).waitFor();
  await page.getByTestId('plan-scores-override').filter({ hasText: 'เอกสารประกอบไม่ครบ' }).waitFor();
  await page.getByText('แผนนี้ผ่านการประเมินแล้ว คะแนนประเมินตนเองจึงแก้ไขไม่ได้').waitFor();
  await snap('lao-sees-scores');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap('lao-sees-scores-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await h.logout();

  // The public LAO page shows the ITA score of the year.
  await page.goto(`${url}/public/lao/${lao.code}?year=${passYear}`);
  await page.getByTestId('public-ita').filter({ hasText: '81.50' }).waitFor();
  await snap('public-lao-ita');
}
