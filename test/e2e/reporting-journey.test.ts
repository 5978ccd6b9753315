import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { prepareLao, preparePlan } from './prepare';

const year = 2570;
const names = ['โครงการอบรมคุณธรรมจริยธรรม', 'มาตรการจัดการเรื่องร้องเรียน', 'กิจกรรมติดตามประเมินผลการควบคุมภายใน'];

describe('progress reporting in the browser', () => {
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
    await preparePlan(laoAccount.client, nacc, laoAccount.laoId, year, names);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'reporting');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const openForm = async (name: string) => {
    await page
      .locator(`tr[data-project-name="${name}"]`)
      .getByRole('button', { name: /^(รายงานผล|แก้ไขรายงาน)/ })
      .click();
    await page.getByTestId('report-form').waitFor();
  };
  const fillAndSave = async (status: string) => {
    await page.locator('[name="inOrdinance"][value="true"]').check();
    await h.field('ordinanceBudget').fill('10,000');
    await h.field('disbursed').fill('8,500.50');
    await page.locator(`[name="status"][value="${status}"]`).check();
    await page.getByTestId('report-form').getByRole('button', { name: 'บันทึกรายงาน' }).click();
  };

  it('reports every project, is refused after the deadline, reports again within an extension', async () => {
    const { snap } = h;
    await h.login(laoAccount.code, laoAccount.password);
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao/reports?year=${year}&round=SIX_MONTH`);
    await page.locator('[data-testid="round-banner"][data-phase="open"]').waitFor();
    await snap('reports-open');

    // The LAO reports all its projects in the 6-month round.
    for (const [i, name] of names.entries()) {
      await openForm(name);
      await fillAndSave(i === 2 ? 'IN_PROGRESS' : 'COMPLETED');
      await page
        .getByTestId('report-form')
        .getByRole('status')
        .filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' })
        .waitFor();
      if (i === 0) {
        // A photo as evidence: listed with its thumbnail, then published.
        const evidence = page.getByTestId('report-evidence');
        const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
          .jpeg()
          .toBuffer();
        await evidence
          .getByLabel('เลือกไฟล์แนบ')
          .setInputFiles({ name: 'ภาพกิจกรรม.jpg', mimeType: 'image/jpeg', buffer: photo });
        await evidence.getByRole('button', { name: 'แนบไฟล์' }).click();
        await evidence.locator('li[data-file-name="ภาพกิจกรรม.jpg"] img').waitFor();
        await evidence.getByLabel('เผยแพร่ต่อสาธารณะ').check();
        await evidence.getByRole('status').filter({ hasText: 'เผยแพร่ภาพ' }).waitFor();
        await snap('report-form');
      }
      await page.getByTestId('report-form').getByRole('button', { name: 'ปิด' }).click();
    }
    await page.getByTestId('report-progress').filter({ hasText: 'รายงานแล้ว 3 จาก 3' }).waitFor();
    await page.getByTestId('implementation-percentage').filter({ hasText: '66.67' }).waitFor();
    await page.getByTestId('implementation-level').filter({ hasText: 'มาก' }).waitFor();
    await snap('reports-done');

    // NACC closes the round while the LAO has a correction open: the server refuses it, naming the deadline.
    await openForm(names[2]);
    const round = (
      await nacc(`{ reportingRounds(fiscalYear: ${year}) { id version kind opensAt } }`)
    ).data?.reportingRounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH');
    const closesAt = new Date(Date.now() - 60_000).toISOString();
    const closed = await nacc(
      `mutation($input: UpdateRoundInput!) { updateReportingRound(input: $input) { closesAt } }`,
      {
        input: { id: round.id, version: round.version, opensAt: round.opensAt, closesAt },
      },
    );
    expect(closed.errors).toBeUndefined();
    await fillAndSave('COMPLETED');
    await page.getByRole('alert').filter({ hasText: 'ปิดรับรายงาน' }).waitFor();
    const alertText = await page.getByRole('alert').filter({ hasText: 'ปิดรับรายงาน' }).first().textContent();
    expect(alertText).toMatch(/กำหนดส่งภายใน \d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\./);
    await snap('report-refused');
    await page.reload();
    await page.locator('[data-testid="round-banner"][data-phase="closed"]').waitFor();
    await h.logout();

    // NACC of the province grants an extension.
    await h.login('nacc.phitsanulok', 'Demo-Province-2565');
    await page.waitForURL(/\/nacc/);
    await page.goto(`${server.url}/nacc/extensions`);
    const form = page.getByTestId('grant-form');
    await form.locator('[name="districtId"]').selectOption('6508');
    await form.locator(`[name="laoId"] option[value="${laoAccount.laoId}"]`).waitFor({ state: 'attached' });
    await form.locator('[name="laoId"]').selectOption(laoAccount.laoId);
    await form.locator('[name="fiscalYear"]').selectOption(String(year));
    await form.locator(`[name="roundId"] option[value="${round.id}"]`).waitFor({ state: 'attached' });
    await form.locator('[name="roundId"]').selectOption(String(round.id));
    // Ten days from now, chosen as day, month and year (the year's value is Gregorian, shown in พ.ศ.).
    const until = new Date(Date.now() + 10 * 86_400_000);
    await form.locator('[name="until-year"]').selectOption(String(until.getUTCFullYear()));
    await form.locator('[name="until-month"]').selectOption(String(until.getUTCMonth() + 1));
    await form.locator('[name="until-day"]').selectOption(String(until.getUTCDate()));
    await form.locator('[name="reason"]').fill('ระบบของ อปท. ขัดข้องในช่วงกำหนดส่ง');
    await snap('grant-extension');
    await form.getByRole('button', { name: 'ให้ขยายเวลา' }).click();
    await page.getByRole('status').filter({ hasText: 'ให้ขยายเวลาเรียบร้อยแล้ว' }).waitFor();
    await h.logout();

    // The LAO reports within its extension; its percentage and level follow.
    await h.login(laoAccount.code, laoAccount.password);
    await page.waitForURL(/\/lao$/);
    await page.goto(`${server.url}/lao/reports?year=${year}&round=SIX_MONTH`);
    await page.locator('[data-testid="round-banner"][data-phase="open"]').waitFor();
    await openForm(names[2]);
    await fillAndSave('COMPLETED');
    await page
      .getByTestId('report-form')
      .getByRole('status')
      .filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' })
      .waitFor();
    await page.getByTestId('report-revisions').locator('tr[data-version="2"]').waitFor();
    await page.getByTestId('report-form').getByRole('button', { name: 'ปิด' }).click();
    await page.getByTestId('implementation-percentage').filter({ hasText: '100.00' }).waitFor();
    await page.getByTestId('implementation-level').filter({ hasText: 'มาก' }).waitFor();
    await snap('reports-extended');
  }, 180_000);
});
