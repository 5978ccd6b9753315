import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf } from '../../server/modules/report/round-defaults';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { formsSteps } from './legacy/forms.steps';
import { revisionSteps } from './legacy/revision.steps';
import { scoresJourney } from './legacy/scores.steps';
import { visitsSteps } from './legacy/visits.steps';
import { prepareLao, preparePlan, submitPlan } from './prepare';

/**
 * Issue 23 in one browser journey, on one server and one LAO (วังพิกุล): what the legacy
 * e-PlanNACC did that the first version did not. Each part's steps live in `legacy/`; the
 * fiscal years keep them apart: the current year (2570 in the demo's today) for the project
 * without budget and the site visit, 2567 for plan revision, 2568 and 2569 for the scores.
 */
// The current fiscal year (1 October, Bangkok time, starts the next): its 6-month round is open
// from October to April.
const currentYear = fiscalYearOf(new Date());
const revisionYear = 2567;
const revisionNames = ['โครงการเสริมสร้างคุณธรรมในองค์กร', 'มาตรการเผยแพร่ข้อมูลจัดซื้อจัดจ้าง'];

describe('what the legacy did, in one browser journey (issue 23)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let nacc: GraphQLClient;
  let lao: Awaited<ReturnType<typeof prepareLao>>;
  let h: ReturnType<typeof pageHelpers>;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    lao = await prepareLao(server.url);
    nacc = graphqlClient(server.url);
    nacc.token = (
      await nacc(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      )
    ).data?.login.token;
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
    h = pageHelpers(page, server.url, 'legacy');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('a project without budget reported without amounts and with a remark', async () => {
    // A passed plan of the year, so the project recorded in the browser can be reported.
    await preparePlan(lao.client, nacc, lao.laoId, currentYear, ['โครงการอบรมคุณธรรมจริยธรรม']);
    await formsSteps({
      page,
      h,
      url: server.url,
      lao: { code: lao.code, password: lao.password },
      year: currentYear,
    });
    await h.logout();
  }, 180_000);

  it('a frozen plan, a withdrawn project, a restored project', async () => {
    const plan = await submitPlan(lao.client, nacc, lao.laoId, revisionYear, revisionNames);
    await revisionSteps({
      page,
      h,
      url: server.url,
      nacc,
      lao: lao.client,
      laoId: lao.laoId,
      code: lao.code,
      password: lao.password,
      year: revisionYear,
      plan,
      withdrawName: revisionNames[0],
    });
    // NACC reads the same history from the LAO list (and could restore from it).
    await h.login('nacc.phitsanulok', 'Demo-Province-2565');
    await page.waitForURL(/\/nacc/);
    await page.goto(`${server.url}/nacc/laos`);
    await page.locator('[name="search"]').fill(lao.code);
    await page.locator(`tr[data-lao-code="${lao.code}"]`).getByTestId('lao-history-link').click();
    await page.waitForURL(/\/nacc\/laos\/\d+\/history/);
    await page.getByText('โครงการที่ลบโดยไม่ตั้งใจ').first().waitFor();
    await h.snap('nacc-lao-history');
    await h.logout();
  }, 180_000);

  it('self-assessment beside NACC’s scores, the pass mark deciding the plan, ITA', async () => {
    // 2568 has no pass mark in the demo (central sets one); 2569 has the demo's 60.
    await scoresJourney({ page, h, url: server.url, lao, nacc, passYear: 2568, failYear: 2569 });
  }, 180_000);

  it('a site visit recorded by the provincial office with a file, read by the LAO', async () => {
    await visitsSteps({
      page,
      h,
      url: server.url,
      year: currentYear,
      lao: { code: lao.code, password: lao.password },
      province: { username: 'nacc.phitsanulok', password: 'Demo-Province-2565' },
    });
  }, 240_000);
});
