import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { prepareLao, submitPlan } from './prepare';

const year = 2570;

/**
 * Issue 21 on NACC's forms: a field's error goes once the field is corrected (before the next
 * submit); the extension's "until" day is chosen in พ.ศ. in Thai and stored as before; English
 * marks fiscal years as B.E. with their Gregorian months beside its Gregorian dates.
 */
describe('NACC forms: errors, Buddhist-Era dates, one calendar per language', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let nacc: GraphQLClient;
  let laoAccount: Awaited<ReturnType<typeof prepareLao>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    laoAccount = await prepareLao(server.url);
    nacc = graphqlClient(server.url);
    nacc.token = (
      await nacc(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      )
    ).data?.login.token;
    await submitPlan(laoAccount.client, nacc, laoAccount.laoId, year, [
      'โครงการอบรมคุณธรรมจริยธรรม',
      'มาตรการจัดการเรื่องร้องเรียน',
    ]);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'forms');
    await h.login('nacc.admin', 'Demo-NACC-2565');
    await page.waitForURL(/\/nacc$/);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const invalid = (name: string) => page.locator(`[name="${name}"][aria-invalid="true"]`);

  it('clears an assessment score error as soon as the score is corrected', async () => {
    await page.goto(`${server.url}/nacc/assessments/${laoAccount.laoId}/${year}`);
    const form = page.locator('form').filter({ has: page.locator('[name="scoreSociety"]') });
    await form.waitFor();
    await h.field('scoreSociety').fill('30');
    for (const name of ['scoreAdministration', 'scoreParticipation', 'scoreOversight']) {
      await h.field(name).fill('20');
    }
    await page.locator('[name="verdict"][value="PASSED"]').check();
    await form.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    const scoreError = form.locator('#f-scoreSociety-error');
    await scoreError.filter({ hasText: 'กรุณากรอกคะแนนเป็นตัวเลข 0–25' }).waitFor();
    const summary = form.getByRole('alert').filter({ hasText: 'ข้อมูลที่กรอกไม่ถูกต้อง' });
    await summary.waitFor();
    await h.snap('score-error');

    // Corrected, not yet submitted: the field's error and the summary go.
    await h.field('scoreSociety').fill('22.5');
    await scoreError.waitFor({ state: 'detached' });
    await summary.waitFor({ state: 'detached' });
    expect(await invalid('scoreSociety').count()).toBe(0);
    await h.snap('score-corrected');

    // Another field still wrong keeps its own error and the summary.
    await h.field('scoreOversight').fill('abc');
    await form.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await form.locator('#f-scoreOversight-error').waitFor();
    await h.field('scoreSociety').fill('24');
    await page.waitForTimeout(200);
    await expect(form.locator('#f-scoreOversight-error').isVisible()).resolves.toBe(true);
    await expect(summary.isVisible()).resolves.toBe(true);
    await h.field('scoreOversight').fill('20');
    await summary.waitFor({ state: 'detached' });

    await form.getByRole('button', { name: 'บันทึกผลการประเมิน' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกผลการประเมินแล้ว' }).waitFor();
  }, 60_000);

  it('grants an extension until a day chosen in พ.ศ. and stores that day', async () => {
    const round = (
      await nacc(`{ reportingRounds(fiscalYear: ${year}) { id kind } }`)
    ).data?.reportingRounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH');
    await page.goto(`${server.url}/nacc/extensions`);
    const form = page.getByTestId('grant-form');
    await form.locator('[name="provinceId"]').selectOption('65');
    await form.locator('[name="districtId"]').selectOption('6508');
    await form.locator(`[name="laoId"] option[value="${laoAccount.laoId}"]`).waitFor({ state: 'attached' });
    await form.locator('[name="laoId"]').selectOption(laoAccount.laoId);
    await form.locator('[name="fiscalYear"]').selectOption(String(year));
    await form.locator(`[name="roundId"] option[value="${round.id}"]`).waitFor({ state: 'attached' });
    await form.locator('[name="roundId"]').selectOption(String(round.id));
    await form.locator('[name="reason"]').fill('ระบบของ อปท. ขัดข้องในช่วงกำหนดส่ง');

    // No day yet: the error, then gone once a whole day is chosen.
    await form.getByRole('button', { name: 'ให้ขยายเวลา' }).click();
    const untilError = form.locator('#grant-until-error');
    await untilError.filter({ hasText: 'กรุณาเลือกวันที่' }).waitFor();
    expect(await invalid('until-day').count()).toBe(1);

    // The year is offered in พ.ศ., the months by their Thai names; no <input type=date> is left.
    expect(await form.locator('input[type="date"]').count()).toBe(0);
    const yearLabels = (await form.locator('[name="until-year"] option').allTextContents())
      .map((text) => text.trim())
      .filter((text) => /^\d{4}$/.test(text));
    const nextGregorian = new Date().getUTCFullYear() + 1;
    expect(yearLabels).toEqual([String(nextGregorian + 542), String(nextGregorian + 543)]);
    await expect(form.locator('[name="until-month"] option[value="5"]').textContent()).resolves.toBe(
      'พฤษภาคม',
    );
    await form.locator('[name="until-day"]').selectOption('7');
    await form.locator('[name="until-month"]').selectOption({ label: 'พฤษภาคม' });
    await page.waitForTimeout(200);
    await expect(untilError.isVisible()).resolves.toBe(true);
    await form.locator('[name="until-year"]').selectOption({ label: String(nextGregorian + 543) });
    await untilError.waitFor({ state: 'detached' });
    await h.snap('until-chosen');

    await form.getByRole('button', { name: 'ให้ขยายเวลา' }).click();
    await page.getByRole('status').filter({ hasText: 'ให้ขยายเวลาเรียบร้อยแล้ว' }).waitFor();
    // The form is emptied for the next grant, the day too.
    await expect(form.locator('[name="until-year"]').inputValue()).resolves.toBe('');

    // Stored as the end of that day in Bangkok (the next day 00:00 +07:00), as with the date input.
    const stored = (
      await nacc(`{ roundExtensions(first: 10, status: GRANTED) { edges { node { until lao { id } } } } }`)
    ).data?.roundExtensions.edges.map((edge: { node: { until: string; lao: { id: string } } }) => edge.node);
    const granted = stored.find((node: { lao: { id: string } }) => node.lao.id === laoAccount.laoId);
    expect(granted.until).toBe(new Date(`${nextGregorian}-05-08T00:00:00+07:00`).toISOString());
    // Listed with its deadline in พ.ศ.
    await page.locator('form[role="search"] [name="status"]').selectOption('GRANTED');
    await page
      .locator('#extensions-table')
      .getByText(`7 พฤษภาคม ${nextGregorian + 543}`)
      .first()
      .waitFor();
  }, 60_000);

  it('reads fiscal years as B.E. with their Gregorian months in English, พ.ศ. in Thai', async () => {
    await page.goto(`${server.url}/nacc/not-reported?year=${year}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: `ปีงบประมาณ ${year}` }).waitFor();
    await expect(heading.textContent()).resolves.not.toContain('B.E.');

    await page.getByRole('button', { name: 'English' }).click();
    await heading.filter({ hasText: /Fiscal year 2570 B\.E\. \(Oct 2026 – Sept? 2027\)/ }).waitFor();
    await expect(page.locator(`[name="fiscalYear"] option[value="${year}"]`).textContent()).resolves.toBe(
      '2570 (2026–27)',
    );
    await h.snap('english-fiscal-year');
    await page.getByRole('button', { name: 'ไทย' }).click();
    await heading.filter({ hasText: `ปีงบประมาณ ${year}` }).waitFor();
  }, 60_000);
});
