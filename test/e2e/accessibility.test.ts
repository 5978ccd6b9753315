import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import {
  type AxeFinding,
  axeFindings,
  blocking,
  describeFindings,
  launchChromium,
  pageHelpers,
  screenshotDir,
  scrollsSideways,
  startBuiltServer,
} from './helpers';
import { prepareLao, preparePlan } from './prepare';

const year = 2570;
const names = ['โครงการอบรมคุณธรรมจริยธรรม', 'มาตรการจัดการเรื่องร้องเรียน', 'กิจกรรมติดตามประเมินผลการควบคุมภายใน'];
const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

/** The browser's globals the checks read, typed here (the tests compile without the DOM library). */
type InBrowser = {
  document: {
    querySelectorAll(selector: string): { length: number };
    elementFromPoint(x: number, y: number): unknown;
    activeElement: {
      id: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
    } | null;
  };
  scrollBy(x: number, y: number): void;
  localStorage: { setItem(key: string, value: string): void; removeItem(key: string): void };
};
const busy = '.loading, [aria-busy="true"]';

type Role = 'public' | 'lao' | 'naccCentral' | 'naccProvince' | 'naccRegion';
type Visit = { role: Role; path: string; ready?: string };

/**
 * WCAG 2.1 AA, checked by axe-core on every page the journeys visit, for each role, at a
 * desktop and a phone width (serious and critical findings fail); the phone layout of the
 * tables that carry actions; and keyboard-only use of the LAO report form.
 */
describe('accessibility and narrow screens', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let laoAccount: Awaited<ReturnType<typeof prepareLao>>;
  const tokens: Partial<Record<Role, string>> = {};
  let dintongId = '';
  let projectId = '';

  const signIn = async (username: string, password: string) => {
    const client = graphqlClient(server.url);
    const response = await client(`mutation($input: LoginInput!) { login(input: $input) { token } }`, {
      input: { username, password },
    });
    return response.data?.login.token as string;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    laoAccount = await prepareLao(server.url);
    tokens.naccCentral = await signIn('nacc.admin', 'Demo-NACC-2565');
    tokens.naccProvince = await signIn('nacc.phitsanulok', 'Demo-Province-2565');
    tokens.naccRegion = await signIn('nacc.region6', 'Demo-Region-2565');
    tokens.lao = laoAccount.client.token ?? '';
    const nacc: GraphQLClient = graphqlClient(server.url, tokens.naccCentral);
    await preparePlan(laoAccount.client, nacc, laoAccount.laoId, year, names);
    dintongId = (await nacc(`{ lao(code: "5650802") { id } }`)).data?.lao.id;
    projectId = (
      await laoAccount.client(
        `{ projects(laoId: "${laoAccount.laoId}", fiscalYear: ${year}, first: 1) { edges { node { id } } } }`,
      )
    ).data?.projects.edges[0].node.id;
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'a11y');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  let signedInAs: Role | null = null;
  const becomes = async (role: Role) => {
    if (signedInAs === role) return;
    if (signedInAs === null) await page.goto(`${server.url}/login`);
    const token = tokens[role];
    await page.evaluate((value) => {
      const storage = (globalThis as unknown as InBrowser).localStorage;
      if (value) storage.setItem('lpm.token', value);
      else storage.removeItem('lpm.token');
    }, token ?? null);
    signedInAs = role;
  };

  /** Waits until the page has its heading and nothing is loading any more. */
  const settle = async (ready?: string) => {
    await page.locator('main h1, h1').first().waitFor();
    if (ready) await page.locator(ready).first().waitFor();
    await page.waitForFunction(
      (selector) => (globalThis as unknown as InBrowser).document.querySelectorAll(selector).length === 0,
      busy,
      { timeout: 15_000 },
    );
  };

  it('every page of every role has no serious or critical axe-core violation at 1366 and 390 px', async () => {
    const lao = laoAccount.laoId;
    const visits: Visit[] = [
      { role: 'public', path: '/login' },
      { role: 'public', path: '/activate' },
      { role: 'public', path: '/forgot-password' },
      { role: 'public', path: '/setup-password?token=an-invitation-token-from-a-mail' },
      { role: 'public', path: '/reset-password?token=expired' },
      { role: 'public', path: '/public' },
      { role: 'public', path: '/public/lao/5650802?year=2566', ready: 'tr[data-project-name]' },
      { role: 'public', path: '/public/province/65', ready: 'tr[data-lao-code="5650802"]' },
      { role: 'public', path: '/public/national', ready: 'tr[data-province-id="65"]' },
      { role: 'public', path: '/public/open-data' },
      { role: 'public', path: '/no-such-page' },
      { role: 'public', path: '/help', ready: '[data-faq-id]' },
      { role: 'public', path: '/help#report-rounds', ready: '[data-faq-id]' },
      { role: 'lao', path: `/lao?year=${year}` },
      { role: 'lao', path: `/lao/records?year=${year}`, ready: 'tr[data-project-id]' },
      { role: 'lao', path: `/lao/records/new?year=${year}`, ready: '[name="name"]' },
      { role: 'lao', path: '/lao/records/import' },
      { role: 'lao', path: `/lao/records/${projectId}/edit`, ready: '[name="name"]' },
      { role: 'lao', path: `/lao/records/${projectId}/history` },
      { role: 'lao', path: '/lao/history' },
      { role: 'lao', path: `/lao/assessment?year=${year}` },
      { role: 'lao', path: `/lao/reports?year=${year}&round=SIX_MONTH`, ready: 'tr[data-project-id]' },
      { role: 'lao', path: '/lao/exports' },
      { role: 'lao', path: `/lao/exports/plan-table?year=${year}`, ready: '[data-testid="plan-table"]' },
      { role: 'lao', path: `/lao/exports/performance?year=${year}&round=SIX_MONTH` },
      { role: 'lao', path: `/lao/exports/status?year=${year}` },
      { role: 'lao', path: `/lao/exports/assessment?year=${year}` },
      { role: 'lao', path: `/lao/follow-up?year=${year}` },
      { role: 'lao', path: '/profile' },
      { role: 'lao', path: '/account/password' },
      { role: 'lao', path: '/help', ready: '[data-faq-id]' },
      { role: 'naccCentral', path: '/nacc' },
      { role: 'naccCentral', path: '/nacc/laos', ready: 'tr[data-lao-code]' },
      { role: 'naccCentral', path: '/nacc/laos/import' },
      { role: 'naccCentral', path: '/nacc/review' },
      { role: 'naccCentral', path: '/nacc/assessments' },
      { role: 'naccCentral', path: `/nacc/assessments/${dintongId}/2566` },
      { role: 'naccCentral', path: '/nacc/rounds' },
      { role: 'naccCentral', path: '/nacc/extensions' },
      { role: 'naccCentral', path: '/nacc/not-reported' },
      {
        role: 'naccCentral',
        path: '/nacc/statistics?year=2566&round=SIX_MONTH',
        ready: 'tr[data-province-id="65"]',
      },
      {
        role: 'naccCentral',
        path: '/nacc/statistics?year=2566&round=SIX_MONTH&provinceId=65',
        ready: 'tr[data-district-id="6508"]',
      },
      {
        role: 'naccCentral',
        path: '/reports/province?year=2566&round=SIX_MONTH&provinceId=65',
        ready: 'tr[data-lao-code="5650802"]',
      },
      { role: 'naccCentral', path: `/nacc/laos/${dintongId}/performance?year=2566&round=SIX_MONTH` },
      { role: 'naccCentral', path: `/nacc/laos/${dintongId}/status?year=2566` },
      { role: 'naccCentral', path: `/nacc/laos/${dintongId}/assessment?year=2566` },
      { role: 'naccCentral', path: `/nacc/laos/${dintongId}/plan-table?year=2566` },
      { role: 'naccCentral', path: '/nacc/cycles' },
      { role: 'naccCentral', path: '/nacc/pass-marks', ready: 'tr[data-fiscal-year]' },
      { role: 'naccCentral', path: `/nacc/ita?year=${year}` },
      { role: 'naccCentral', path: '/nacc/api-keys' },
      { role: 'naccCentral', path: '/nacc/contacts', ready: '[data-testid="contacts-form"]' },
      { role: 'naccCentral', path: '/nacc/staff', ready: 'tr[data-username="nacc.region6"]' },
      { role: 'naccCentral', path: '/nacc/regions', ready: 'li[data-region-id="6"]' },
      { role: 'naccCentral', path: '/account/password' },
      { role: 'naccCentral', path: '/account/security', ready: '[data-testid="second-factor-status"]' },
      { role: 'naccCentral', path: '/workbench', ready: '.graphiql-query-editor .CodeMirror' },
      { role: 'naccProvince', path: '/nacc' },
      { role: 'naccProvince', path: '/nacc/laos', ready: 'tr[data-lao-code]' },
      { role: 'naccProvince', path: `/nacc/review?year=${year}` },
      { role: 'naccProvince', path: '/nacc/assessments' },
      { role: 'naccProvince', path: `/nacc/assessments/${lao}/${year}` },
      { role: 'naccProvince', path: `/nacc/site-visits?year=${year}` },
      { role: 'naccProvince', path: `/nacc/site-visits/${dintongId}/${year}` },
      { role: 'naccProvince', path: `/nacc/laos/${lao}/history` },
      { role: 'naccProvince', path: '/nacc/rounds' },
      { role: 'naccProvince', path: '/nacc/extensions' },
      { role: 'naccProvince', path: '/nacc/not-reported' },
      { role: 'naccProvince', path: '/nacc/statistics?year=2566&round=SIX_MONTH' },
      { role: 'naccProvince', path: '/reports/province?year=2566&round=SIX_MONTH' },
      // A regional office (ภาค 6: Phitsanulok and Phrae in the demo).
      { role: 'naccRegion', path: '/nacc' },
      { role: 'naccRegion', path: '/nacc/laos', ready: 'tr[data-lao-code]' },
      { role: 'naccRegion', path: '/nacc/not-reported' },
      {
        role: 'naccRegion',
        path: '/nacc/statistics?year=2566&round=SIX_MONTH',
        ready: 'tr[data-province-id="54"]',
      },
    ];

    const started = Date.now();
    let axeTime = 0;
    const failures: string[] = [];
    const all: { page: string; width: number; findings: AxeFinding[] }[] = [];
    const sideways: string[] = [];
    for (const visit of visits) {
      await becomes(visit.role);
      await page.setViewportSize(desktop);
      await page.goto(`${server.url}${visit.path}`);
      await settle(visit.ready);
      for (const size of [desktop, phone]) {
        await page.setViewportSize(size);
        const name = `${visit.role} ${visit.path} @${size.width}`;
        const before = Date.now();
        // Colour contrast is judged at the phone width: the narrow layout only changes sizes
        // (styles.css: the root font is 16 px there, 17 px wide) and never colours, so its smaller
        // text meets the stricter threshold of the two; what it hides — the header rows of the
        // tables that become cards — is judged at the wide one. The contrast rule is about half of
        // axe's time here (≈ 1.2 of 2.4 s a page, measured).
        const findings =
          size === desktop
            ? [
                ...(await axeFindings(page, { skipRules: ['color-contrast'] })),
                ...((await page.locator('thead').count()) > 0
                  ? await axeFindings(page, { onlyRules: ['color-contrast'], include: 'thead' })
                  : []),
              ]
            : await axeFindings(page);
        axeTime += Date.now() - before;
        all.push({ page: name, width: size.width, findings });
        failures.push(...describeFindings(name, blocking(findings)));
        if (size === phone && (await scrollsSideways(page))) sideways.push(name);
      }
    }
    writeFileSync(
      path.join(screenshotDir, 'accessibility-findings.json'),
      JSON.stringify(
        { seconds: (Date.now() - started) / 1000, axeSeconds: axeTime / 1000, sideways, all },
        null,
        2,
      ),
    );
    expect(failures).toEqual([]);
  }, 600_000);

  const reportsPath = `/lao/reports?year=${year}&round=SIX_MONTH`;

  it('at 390 px the report list shows its action on screen, clickable, and no LAO list scrolls sideways', async () => {
    await becomes('lao');
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/lao/records?year=${year}`);
    await settle('tr[data-project-id]');
    expect(await scrollsSideways(page)).toBe(false);
    await h.snap('records-phone');

    await page.goto(`${server.url}${reportsPath}`);
    await settle('tr[data-project-id]');
    expect(await scrollsSideways(page)).toBe(false);
    await h.snap('reports-phone');

    // Scroll the page (never the table) down to the row, as a thumb would, then tap the button.
    const button = page
      .locator(`tr[data-project-name="${names[0]}"]`)
      .getByRole('button', { name: /^รายงานผล/ });
    const first = await button.boundingBox();
    if (!first) throw new Error('The report button is not rendered');
    await page.evaluate((dy) => (globalThis as unknown as InBrowser).scrollBy(0, dy), first.y - 300);
    const box = await button.boundingBox();
    if (!box) throw new Error('The report button is not rendered');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(phone.height);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Nothing covers it: the point under its centre belongs to the button.
    expect(
      await button.evaluate(
        (element, point) =>
          element.contains((globalThis as unknown as InBrowser).document.elementFromPoint(point.x, point.y)),
        { x, y },
      ),
    ).toBe(true);
    await page.mouse.click(x, y);
    await page
      .getByTestId('report-form')
      .getByRole('heading', { name: new RegExp(names[0]) })
      .waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await h.snap('report-form-phone');
  }, 120_000);

  /** What has the keyboard focus: its name attribute, id, role or text. */
  const focused = () =>
    page.evaluate(() => {
      const element = (globalThis as unknown as InBrowser).document.activeElement;
      return {
        name: element?.getAttribute('name') ?? '',
        id: element?.id ?? '',
        role: element?.getAttribute('role') ?? '',
        type: element?.getAttribute('type') ?? '',
        text: element?.textContent?.trim() ?? '',
      };
    });

  it('the LAO report form works with the keyboard alone: tab order, error summary, success message', async () => {
    await becomes('lao');
    await page.setViewportSize(desktop);
    await page.goto(`${server.url}${reportsPath}`);
    await settle('tr[data-project-id]');
    const button = page
      .locator(`tr[data-project-name="${names[1]}"]`)
      .getByRole('button', { name: /^รายงานผล/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('report-form');
    await form.locator('[name="ordinanceBudget"]').waitFor();
    // The form's heading takes the focus; its help link (issue 24) and the fields follow in the order
    // they are read.
    expect((await focused()).id).toBe('report-form-title');
    const order = [];
    for (let i = 0; i < 7; i += 1) {
      await page.keyboard.press('Tab');
      const now = await focused();
      order.push(now.name || now.text);
    }
    expect(order).toEqual([
      '?ช่วยเหลือ',
      'inOrdinance',
      'ordinanceBudget',
      'disbursed',
      'status',
      'remark',
      'บันทึกรายงาน',
    ]);

    // Saving with nothing chosen: the focus moves to the error summary, which names the problem.
    await page.keyboard.press('Enter');
    await form.getByRole('alert').waitFor();
    const summary = await focused();
    expect(summary.role).toBe('alert');
    expect(summary.text).toContain('ข้อมูลที่กรอกไม่ถูกต้อง');
    await h.snap('report-form-errors');

    // From the summary the first field comes next; the keyboard fills the form and saves.
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: 'inOrdinance', type: 'radio' });
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused()).name).toBe('ordinanceBudget');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('10,000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2,500');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: 'status', type: 'radio' });
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused()).name).toBe('remark');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' }).waitFor();
    // Saved: the focus is on the success message, so it is read out and the place is not lost.
    await page.waitForFunction(() =>
      (globalThis as unknown as InBrowser).document.activeElement?.textContent?.includes(
        'บันทึกรายงานผลเรียบร้อยแล้ว',
      ),
    );
    await h.snap('report-form-saved');
  }, 120_000);
});
