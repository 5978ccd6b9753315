import type { Page } from 'playwright-core';
import type { ReceivedMail } from '../../helpers/smtp-server';
import type { pageHelpers } from '../helpers';

/** What the staff-accounts part of the go-live journey needs. */
export type StaffAccountsContext = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  /** The one-time link `admin:create` printed for the first administrator. */
  setupLink: string;
  admin: { username: string; password: string };
  /** The provincial officer to invite, and the province (of the master data) she gets. */
  officer: { username: string; displayName: string; email: string; password: string; province: string };
  /** The next mail to an address (the in-process SMTP server the app sends through). */
  nextMail: (address: string) => Promise<ReceivedMail>;
};

/** The setup link in an invitation mail. */
export const setupLinkIn = (mail: ReceivedMail): string => {
  const link = /https?:\/\/\S+\/setup-password\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No setup link in mail: ${mail.text}`);
  return link;
};

/** Sets a first password on the page of a setup link, then goes on to the sign-in page. */
const setPassword = async (page: Page, h: StaffAccountsContext['h'], link: string, password: string) => {
  await page.goto(link);
  await page.getByRole('heading', { name: 'ตั้งรหัสผ่านบัญชีเจ้าหน้าที่' }).waitFor();
  await h.field('newPassword').fill(password);
  await h.field('passwordConfirm').fill(password);
  await page.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
  await page.getByText('ตั้งรหัสผ่านเรียบร้อยแล้ว').waitFor();
};

/**
 * Issue 24, staff accounts, on a database with master data and no account but the first
 * administrator made by `admin:create`: the administrator uses the setup link, signs in, invites
 * a provincial officer; the officer opens the mailed link, sets her password, signs in and
 * issues activation codes for her province. Leaves the officer signed in on the LAO list with
 * the codes shown; returns the codes.
 */
export async function staffAccountsSteps(context: StaffAccountsContext): Promise<{ codes: string[] }> {
  const { page, h, setupLink, admin, officer, nextMail } = context;
  const { field, snap } = h;

  // The first administrator: the setup link, then sign-in.
  await setPassword(page, h, setupLink, admin.password);
  await snap('admin-password-set');
  // The link works once.
  await setPassword(page, h, setupLink, admin.password).then(
    () => {
      throw new Error('The setup link worked twice');
    },
    async () => {
      await page.getByText('กรุณาขอให้ผู้ดูแลระบบส่งคำเชิญใหม่').first().waitFor();
    },
  );
  await h.login(admin.username, admin.password);
  await page.waitForURL(/\/nacc$/);
  await page.getByTestId('staff-tile').waitFor();

  // Staff accounts: the administrator is the only one.
  await page.getByRole('navigation').getByRole('link', { name: 'บัญชีเจ้าหน้าที่' }).click();
  await page.waitForURL(/\/nacc\/staff/);
  await page.locator(`[data-testid="staff-row"][data-username="${admin.username}"]`).waitFor();

  // Inviting without a province is refused beside the field.
  await field('username').fill(officer.username);
  await field('displayName').fill(officer.displayName);
  await field('email').fill(officer.email);
  await field('staffRole').selectOption('PROVINCIAL_OFFICE');
  await page.getByRole('button', { name: 'ส่งคำเชิญ' }).click();
  await page.getByText('กรุณาเลือกจังหวัดของสำนักงาน ป.ป.ช. ประจำจังหวัด').waitFor();
  await snap('invite-needs-province');
  await field('provinceId').selectOption({ label: officer.province });
  const mail = nextMail(officer.email);
  await page.getByRole('button', { name: 'ส่งคำเชิญ' }).click();
  await page.getByText(`ส่งคำเชิญถึง ${officer.displayName} ที่ ${officer.email} แล้ว`).waitFor();
  const row = page.locator(`[data-testid="staff-row"][data-username="${officer.username}"]`);
  await row.waitFor();
  if ((await row.getAttribute('data-state')) !== 'invited')
    throw new Error('The invited row is not "invited"');
  await row.getByText(officer.province).waitFor();
  await snap('officer-invited');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap('officer-invited-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await h.logout();

  // The officer: the mailed link, her password, sign-in.
  const link = setupLinkIn(await mail);
  await setPassword(page, h, link, officer.password);
  await h.login(officer.username, officer.password);
  await page.waitForURL(/\/nacc$/);
  await page.getByText(`สำนักงาน ป.ป.ช. ประจำจังหวัด${officer.province}`).first().waitFor();
  // Not an administrator: no staff page in her menu.
  if ((await page.getByRole('navigation').getByRole('link', { name: 'บัญชีเจ้าหน้าที่' }).count()) !== 0)
    throw new Error('A provincial officer sees the staff accounts page');

  // Activation codes for her province.
  await page.getByRole('navigation').getByRole('link', { name: 'อปท. และการเปิดใช้งานบัญชี' }).click();
  await page.waitForURL(/\/nacc\/laos/);
  await page.locator('tr[data-lao-code]').first().waitFor();
  await page.getByRole('button', { name: 'ออกรหัสทั้งจังหวัด' }).click();
  await page.getByRole('button', { name: 'ยืนยันออกรหัสทั้งจังหวัด' }).click();
  await page.getByRole('heading', { name: `รหัสเปิดใช้งาน จังหวัด${officer.province}` }).waitFor();
  const codes = (await page.locator('.province-codes .code-value').allInnerTexts()).map((code) =>
    code.trim(),
  );
  await snap('officer-codes');
  await page.setViewportSize({ width: 390, height: 844 });
  await snap('officer-codes-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  return { codes };
}
