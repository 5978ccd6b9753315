import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient } from '../helpers/graphql-client';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';

/** The browser's clipboard, typed here (the test code is compiled without the DOM library). */
type InBrowser = { navigator: { clipboard: { readText(): Promise<string> } } };

/**
 * Partner API keys: NACC central opens the page from its menu, creates a key that
 * reads LAO master data of Phitsanulok only, sees the secret once, and the key
 * works against /graphql; once revoked in the page, the same request is anonymous.
 */
describe('partner API keys in the browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    browser = await launchChromium();
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    h = pageHelpers(page, server.url, 'api-keys');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  const laosQuery = '{ laos(first: 5) { totalCount edges { node { code province { id } } } } }';

  it('creates a key limited to a scope and a province, shows it once, uses it, revokes it', async () => {
    await h.login('nacc.admin', 'Demo-NACC-2565');
    await page.waitForURL(/\/nacc/);
    await page.getByRole('link', { name: 'กุญแจ API ของหน่วยงานพันธมิตร' }).click();
    await page.waitForURL(/\/nacc\/api-keys$/);
    await page.getByRole('heading', { level: 1, name: 'กุญแจ API ของหน่วยงานพันธมิตร' }).waitFor();
    const form = page.getByTestId('api-key-form');
    await form.waitFor();
    // No key yet in the demo data.
    await page.getByText('ยังไม่มีกุญแจที่ใช้งานได้').waitFor();

    // Client-side checks mirror the server's: name, organisation, at least one scope, provinces.
    await h.field('validDays').fill('800');
    await page.getByRole('radio', { name: 'เฉพาะจังหวัดที่เลือก' }).check();
    await form.getByRole('button', { name: 'สร้างกุญแจ' }).click();
    await form.getByText('กรุณาระบุชื่อกุญแจ (ไม่เกิน 200 ตัวอักษร)').waitFor();
    await form.getByText('กรุณาระบุหน่วยงาน (ไม่เกิน 200 ตัวอักษร)').waitFor();
    await form.getByText('กรุณาเลือกขอบเขตข้อมูลอย่างน้อยหนึ่งรายการ').waitFor();
    await form.getByText('กรุณาเลือกจังหวัดอย่างน้อยหนึ่งจังหวัด หรือเลือกทุกจังหวัด').waitFor();
    await form.getByText('อายุกุญแจต้องเป็นจำนวนเต็มระหว่าง 1–730 วัน').waitFor();
    // Focus lands on the first invalid field, which names its error.
    await page.locator('#api-key-name:focus').waitFor();
    await h.snap('form-errors');

    // The key: MASTER_DATA of Phitsanulok (65) only.
    await h.field('name').fill('ซิงก์ข้อมูลประจำคืน (ทดสอบ)');
    await h.field('organisation').fill('กรมส่งเสริมการปกครองท้องถิ่น');
    await page.getByRole('checkbox', { name: 'ข้อมูลพื้นฐาน อปท.' }).check();
    await page.getByRole('checkbox', { name: 'พิษณุโลก', exact: true }).check();
    await h.field('validDays').fill('365');
    await form.getByRole('button', { name: 'สร้างกุญแจ' }).click();

    // The secret, once: monospace read-only field, the warning, how to use it.
    const secretField = page.getByTestId('api-key-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^lpk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    expect(await secretField.getAttribute('readonly')).not.toBeNull();
    await page.getByText('คัดลอกและเก็บรักษากุญแจนี้ทันที ระบบจะไม่แสดงอีก').waitFor();
    await page.getByText('Authorization: Bearer <กุญแจ API>').waitFor();
    expect(
      await page
        .getByRole('link', { name: /เครื่องมือสืบค้น GraphQL/ })
        .first()
        .getAttribute('href'),
    ).toBe('/workbench');
    await page.getByRole('status').filter({ hasText: 'สร้างกุญแจ “ซิงก์ข้อมูลประจำคืน (ทดสอบ)” แล้ว' }).waitFor();

    // Copy: to the clipboard, or (no clipboard) the key is selected for Ctrl+C.
    await page.getByTestId('api-key-copy').click();
    const copyStatus = page.getByText(/คัดลอกกุญแจแล้ว|คัดลอกอัตโนมัติไม่ได้/);
    await copyStatus.waitFor();
    if ((await copyStatus.textContent())?.includes('คัดลอกกุญแจแล้ว')) {
      expect(
        await page.evaluate(() => (globalThis as unknown as InBrowser).navigator.clipboard.readText()),
      ).toBe(secret);
    }

    // The list shows the key: scopes and provinces in Thai, the prefix, never used yet, active.
    const row = page.getByTestId('api-key-list').getByTestId('api-key-row');
    const prefix = secret.slice(0, 'lpk_'.length + 8);
    await row.filter({ hasText: prefix }).waitFor();
    expect(await row.count()).toBe(1);
    const rowText = (await row.textContent()) ?? '';
    for (const text of [
      'ซิงก์ข้อมูลประจำคืน (ทดสอบ)',
      'กรมส่งเสริมการปกครองท้องถิ่น',
      'ข้อมูลพื้นฐาน อปท.',
      'พิษณุโลก',
      'ยังไม่เคยใช้',
      'ใช้งานได้',
    ])
      expect(rowText).toContain(text);
    expect(rowText).not.toContain('ทุกจังหวัด');
    expect(rowText).not.toContain(secret);
    await h.snap('created');

    // The key works from a partner's system (here: Node's fetch), within Phitsanulok.
    const partner = graphqlClient(server.url, secret);
    const answer = await partner(laosQuery);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.laos.totalCount).toBeGreaterThan(0);
    for (const edge of answer.data?.laos.edges as { node: { province: { id: string } } }[])
      expect(edge.node.province.id).toBe('65');

    // Shown once: after a reload the secret is gone; the row now says when the key was used.
    await page.reload();
    await row.filter({ hasText: prefix }).waitFor();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    expect(await row.textContent()).not.toContain('ยังไม่เคยใช้');

    // Revoke: cancelling the confirmation keeps the key; accepting revokes it at once.
    const revoke = row.getByTestId('api-key-revoke');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await revoke.click();
    expect((await partner(laosQuery)).errors).toBeUndefined();
    page.once('dialog', (dialog) => {
      expect(dialog.type()).toBe('confirm');
      expect(dialog.message()).toContain('ซิงก์ข้อมูลประจำคืน (ทดสอบ)');
      void dialog.accept();
    });
    await revoke.click();
    await page.getByRole('status').filter({ hasText: 'เพิกถอนกุญแจ “ซิงก์ข้อมูลประจำคืน (ทดสอบ)” แล้ว' }).waitFor();
    // Gone from the active keys; shown again, revoked, with the inactive ones.
    await page.getByText('ยังไม่มีกุญแจที่ใช้งานได้').waitFor();
    await page.getByRole('checkbox', { name: 'แสดงกุญแจที่เพิกถอน/หมดอายุ' }).check();
    await row.filter({ hasText: 'เพิกถอนแล้ว' }).waitFor();
    expect(await row.getByTestId('api-key-revoke').count()).toBe(0);
    await h.snap('revoked');

    // The same request is now anonymous.
    const refused = await partner(laosQuery);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect(consoleErrors).toEqual([]);
  });
});
