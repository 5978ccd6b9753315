import type { BrowserContext, Page, Request } from 'playwright-core';
import { graphqlClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';

/** The browser's Web Storage, typed here (the test code is compiled without the DOM library). */
type WebStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };
type InBrowser = { localStorage: WebStorage; sessionStorage: WebStorage };

/**
 * The analyst workbench (/workbench, GraphiQL bundled by vite): NACC central,
 * signed in over the API, reaches it from the app's menu; it loads nothing from
 * another origin and trips no CSP rule, runs the default query with the app's
 * token, shows the schema documentation, and sends a pasted partner key instead
 * (kept in sessionStorage only).
 */
describe('analyst workbench (GraphiQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  const consoleProblems: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    h = pageHelpers(page, server.url, 'workbench');
    const origin = new URL(server.url).origin;
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(message.text()))
        consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== origin)
        foreignRequests.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  /** The text of GraphiQL's result pane (a CodeMirror 5 editor). */
  const resultText = () =>
    page
      .locator('.graphiql-response .CodeMirror')
      .evaluate((element) =>
        (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
      );

  it('opens from the NACC menu, runs the default query, shows the docs, sends a partner key', async () => {
    // NACC central (demo seed) signs in over the API; the app keeps the token in localStorage.
    const login = await graphqlClient(server.url)(
      `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
    );
    const token = login.data?.login.token as string;
    expect(token).toBeTruthy();
    await page.goto(`${server.url}/login`);
    await page.evaluate(
      (value) => (globalThis as unknown as InBrowser).localStorage.setItem('lpm.token', value),
      token,
    );

    // The app's menu links to the workbench (a separate page, not a route of the Vue app).
    await page.goto(`${server.url}/nacc`);
    const link = page.getByRole('link', { name: 'เครื่องมือสืบค้น GraphQL (Workbench)' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/workbench');
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/workbench');
    await link.click();
    await page.waitForURL(/\/workbench$/);
    // Served with the app's CSP: same origin only, no workers, no eval.
    const csp = (await response).headers()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');

    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    await page.getByRole('heading', { name: /เครื่องมือสืบค้นข้อมูล GraphQL/ }).waitFor();
    await page.locator('.graphiql-container').waitFor();
    await page.locator('#auth-status').filter({ hasText: 'บัญชีที่เข้าสู่ระบบ' }).waitFor();
    // The default query is in the editor; GraphiQL has loaded the schema (introspection).
    await page.locator('.graphiql-query-editor').filter({ hasText: 'provinces' }).waitFor();

    // Run it with the button: the app's token goes along, so the viewer is NACC central.
    const sent = page.waitForRequest(
      (r) => r.url().endsWith('/graphql') && /provinces/.test(r.postData() ?? ''),
    );
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
    const result = page.locator('.graphiql-response');
    await result.filter({ hasText: 'NACC_CENTRAL' }).waitFor();
    // CodeMirror draws only the visible lines: read the whole result from the editor.
    const shown = JSON.parse(await resultText()) as { data: { provinces: { id: string; nameTh: string }[] } };
    expect(shown.data.provinces).toContainEqual({ id: '65', nameTh: 'พิษณุโลก' });
    await h.snap('query-result');

    // The Docs explorer shows the schema documentation: the Query type and its description.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs
      .locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ })
      .first()
      .click();
    await docs
      .filter({ hasText: 'Each operation’s access rule is in server/auth/access-rules.ts' })
      .waitFor();
    await docs.filter({ hasText: 'provinces' }).waitFor();
    await h.snap('docs-query');

    // A partner pastes an API key: it replaces the app's token and lives in sessionStorage only.
    const partnerKey = page.getByLabel(/API key ของหน่วยงานพันธมิตร/);
    await partnerKey.fill('not-a-real-partner-key');
    await page.locator('#auth-status').filter({ hasText: 'API key ที่วางไว้' }).waitFor();
    const withKey = page.waitForRequest(
      (r) => r.url().endsWith('/graphql') && /provinces/.test(r.postData() ?? ''),
    );
    await page.locator('.graphiql-query-editor .CodeMirror').first().click();
    await page.keyboard.press('Control+Enter');
    expect((await withKey).headers().authorization).toBe('Bearer not-a-real-partner-key');
    // An unknown key is anonymous to the API: public provinces, no viewer.
    await result.filter({ hasText: '"viewer": null' }).waitFor();
    const stored = await page.evaluate(() => {
      const { localStorage, sessionStorage } = globalThis as unknown as InBrowser;
      return {
        session: sessionStorage.getItem('lpm.workbench.partnerKey'),
        local: Object.keys(localStorage).filter((key) => localStorage.getItem(key)?.includes('not-a-real')),
      };
    });
    expect(stored).toEqual({ session: 'not-a-real-partner-key', local: [] });
    await h.snap('partner-key');

    // Clearing the key falls back to the signed-in account.
    await page.getByRole('button', { name: 'ล้าง' }).click();
    await page.locator('#auth-status').filter({ hasText: 'บัญชีที่เข้าสู่ระบบ' }).waitFor();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as InBrowser).sessionStorage.getItem('lpm.workbench.partnerKey'),
      ),
    ).toBeNull();

    expect(consoleProblems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('is served at /workbench as its own page, not the Vue app', async () => {
    const html = await (await fetch(`${server.url}/workbench`)).text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('id="graphiql"');
    expect(html).not.toContain('id="app"');
    // The Vue app's entry page does not load React or GraphiQL.
    const index = await (await fetch(`${server.url}/`)).text();
    const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = await (await fetch(`${server.url}${script}`)).text();
      expect(code).not.toContain('graphiql-container');
      expect(code).not.toContain('react.element');
    }
  });
});
