import type { BrowserContext, Page } from 'playwright-core';
import { resetLinkIn, startSmtpServer } from '../helpers/smtp-server';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';

/**
 * The first journey of an LAO, in headless Chromium against the built server:
 * NACC issues an activation code → the LAO activates, fills the three profile
 * tabs, logs out → logs in → forgets its password, follows the mailed link, sets
 * a new one → logs in with it.
 */
describe('LAO onboarding in the browser', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let helpers: ReturnType<typeof pageHelpers>;
  const snap = (name: string) => helpers.snap(name);
  const field = (name: string) => helpers.field(name);
  const logout = () => helpers.logout();
  const login = (username: string, password: string) => helpers.login(username, password);

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpServer();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      SMTP_URL: smtp.url,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    helpers = pageHelpers(page, server.url, 'onboarding');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    const exitCode = await server?.stop();
    expect(exitCode).toBe(0); // SIGTERM drains and exits cleanly
    await smtp?.stop();
    await database?.drop();
  });

  it('activates, completes the profile, signs in, and recovers a forgotten password', async () => {
    const laoCode = '5650803';
    const laoName = 'องค์การบริหารส่วนตำบลวังพิกุล';
    const email = 'wangpikul@example.go.th';

    // NACC issues an activation code.
    await page.goto(`${server.url}/login`);
    await field('username').waitFor();
    await snap('login');
    await login('nacc.admin', 'Demo-NACC-2565');
    await page.waitForURL(/\/nacc/);
    await snap('nacc-home');
    await page.goto(`${server.url}/nacc/laos`);
    await field('search').fill('วังพิกุล');
    await page.getByRole('cell', { name: laoCode }).waitFor();
    await snap('nacc-laos');
    await page.getByRole('button', { name: new RegExp(`ออกรหัสเปิดใช้งาน.*${laoName}`) }).click();
    const codeElement = page.getByTestId('issued-activation-code');
    await codeElement.waitFor();
    const activationCode = (await codeElement.textContent())?.trim() ?? '';
    expect(activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await snap('activation-code-issued');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/nacc`);
    await logout();

    // The LAO activates its account with a wrong code first, then the right one.
    await page.getByRole('link', { name: 'เปิดใช้งานบัญชีครั้งแรก' }).click();
    await page.waitForURL(/\/activate/);
    await snap('activate');
    await field('laoCode').fill(laoCode);
    await field('activationCode').fill('AAAA-BBBB-CCCC');
    await field('password').fill('Wang-Pikul-2565');
    await field('passwordConfirm').fill('Wang-Pikul-2565');
    await page.getByRole('button', { name: 'เปิดใช้งานบัญชี' }).click();
    await page.getByRole('alert').filter({ hasText: 'รหัสเปิดใช้งาน' }).waitFor();
    await snap('activation-wrong-code');
    await field('activationCode').fill(activationCode);
    await page.getByRole('button', { name: 'เปิดใช้งานบัญชี' }).click();
    await page.waitForURL(/\/profile/);

    // The three-tab profile wizard comes before anything else.
    await page.goto(`${server.url}/lao/records`);
    await page.waitForURL(/\/profile/);
    await page.getByText('กรุณากรอกข้อมูลพื้นฐานให้ครบทั้ง 3 ส่วนก่อนเริ่มใช้งาน').waitFor();
    await snap('profile-location');
    await field('size').selectOption('MEDIUM');
    await field('address').fill('หมู่ 5 ตำบลวังพิกุล อำเภอวังทอง จังหวัดพิษณุโลก 65130');
    await page.getByRole('tabpanel').getByRole('button', { name: 'บันทึก' }).click();
    await field('areaKm2').waitFor();
    await field('areaKm2').fill('120.75');
    await field('population').fill('9342');
    await field('revenueExcludingSubsidies').fill('5120000');
    await field('revenueFromSubsidies').fill('23500000.50');
    await field('chiefExecutiveName').fill('นายวิชัย ตั้งใจ');
    await field('permanentSecretaryName').fill('นางพรทิพย์ มั่นคง');
    await snap('profile-area');
    await page.getByRole('tabpanel').getByRole('button', { name: 'บันทึก' }).click();
    await field('fullName').waitFor();
    await field('fullName').fill('นางสาวกานดา ประสานดี');
    await field('position').fill('นักวิเคราะห์นโยบายและแผน');
    await field('unit').fill('สำนักปลัด');
    await field('phone').fill('055-311-234');
    await field('mobile').fill('089-765-4321');
    await field('email').fill('not-an-email');
    await page.getByRole('tabpanel').getByRole('button', { name: 'บันทึก' }).click();
    await page.getByText('รูปแบบอีเมลไม่ถูกต้อง').waitFor();
    await snap('profile-coordinator-invalid');
    await field('email').fill(email);
    await page.getByRole('tabpanel').getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForURL(/\/lao$/);
    await page.getByText(laoName).first().waitFor();
    await snap('lao-home');
    await logout();

    // Signs in again with the password it set.
    await login(laoCode, 'Wang-Pikul-2565');
    await page.waitForURL(/\/lao$/);
    await logout();

    // Forgets the password: the mailed link sets a new one.
    await page.getByRole('link', { name: 'ลืมรหัสผ่าน' }).click();
    await page.waitForURL(/\/forgot-password/);
    await snap('forgot-password');
    await field('username').fill(laoCode);
    await field('email').fill(email);
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    await page.getByRole('status').filter({ hasText: 'ลิงก์' }).waitFor();
    await snap('forgot-password-sent');
    const mail = await smtp.waitFor(email);
    const link = resetLinkIn(mail);
    expect(link.startsWith(server.url)).toBe(true);
    await page.goto(link);
    await field('newPassword').fill('Wang-Pikul-New-2566');
    await field('passwordConfirm').fill('Wang-Pikul-New-2566');
    await snap('reset-password');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.getByRole('status').waitFor();
    await snap('reset-password-done');

    // The old password fails with the legacy message; the new one works.
    await login(laoCode, 'Wang-Pikul-2565');
    await page.getByRole('alert').filter({ hasText: 'ไม่พบผู้ใช้งาน' }).waitFor();
    await snap('login-wrong-password');
    await login(laoCode, 'Wang-Pikul-New-2566');
    await page.waitForURL(/\/lao$/);
    await snap('lao-home-after-reset');
  }, 120_000);
});
