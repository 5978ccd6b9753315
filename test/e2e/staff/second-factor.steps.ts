import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import type { pageHelpers } from '../helpers';

export type SecondFactorStepsContext = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  /** A staff account without a second factor yet (optional for it by policy). */
  staff: { username: string; password: string };
};

/**
 * A code the authenticator app would show `stepsAhead` 30-second steps from now (the server
 * accepts the previous, current and next step, never a step already used).
 */
export const appCode = (secret: string, stepsAhead = 0): string =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

/** Reads the key of the enrolment page (the same one the QR code holds). */
const readSecret = async (page: Page): Promise<string> => {
  const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
  if (!secret) throw new Error('No TOTP key on the enrolment page');
  return secret;
};

/** Confirms an enrolment with the app's code and stores the recovery codes shown once. */
const confirmEnrolment = async (page: Page, h: SecondFactorStepsContext['h'], secret: string) => {
  await h.field('totpCode').fill(appCode(secret));
  await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = (await page.locator('[data-testid="recovery-codes"] li code').allTextContents()).map((code) =>
    code.trim(),
  );
  if (codes.length !== 10) throw new Error(`Expected 10 recovery codes, saw ${codes.length}`);
  return codes;
};

/**
 * A staff member enrols an authenticator app on the account page (QR code and manual key, a
 * code to confirm, ten recovery codes shown once), signs out, signs in with password + code (a
 * wrong code first), and once more with a recovery code. Ends signed in on the NACC home page.
 */
export async function secondFactorSteps({ page, h, staff }: SecondFactorStepsContext) {
  const { field, snap } = h;
  await h.login(staff.username, staff.password);
  await page.waitForURL(/\/nacc/);
  await page.getByTestId('security-link').click();
  await page.waitForURL(/\/account\/security/);
  await page.getByTestId('second-factor-status').filter({ hasText: 'ยังไม่ได้เปิดใช้' }).waitFor();
  await snap('security-off');

  await page.getByTestId('start-enrolment').click();
  await page.getByTestId('totp-qr').waitFor();
  await page.getByRole('img', { name: /คิวอาร์โค้ดสำหรับเพิ่มบัญชีนี้/ }).waitFor();
  const secret = await readSecret(page);
  await snap('enrol-qr');
  // A wrong code first: the field says so and keeps the enrolment open.
  await field('totpCode').fill('12345');
  await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
  await page.getByText('กรุณากรอกตัวเลข 6 หลักจากแอปยืนยันตัวตน').first().waitFor();
  const recoveryCodes = await confirmEnrolment(page, h, secret);
  await snap('recovery-codes');
  await page.getByLabel('ข้าพเจ้าเก็บรหัสกู้คืนไว้ในที่ปลอดภัยแล้ว').check();
  await page.getByTestId('recovery-codes-done').click();
  await page.getByTestId('second-factor-status').filter({ hasText: 'เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว' }).waitFor();
  await page.getByText('เหลือรหัสกู้คืนที่ยังไม่ได้ใช้ 10 รหัส').waitFor();
  await snap('security-on');
  await h.logout();

  // Password, then the code: a wrong code is refused, the right one signs in.
  await h.login(staff.username, staff.password);
  await page.getByRole('heading', { name: 'ยืนยันตัวตนขั้นที่สอง' }).waitFor();
  await snap('code-step');
  await field('totpCode').fill(appCode(secret, -5));
  await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'รหัสยืนยันไม่ถูกต้อง' }).waitFor();
  await snap('code-wrong');
  // The enrolment used the current step: the app's next code (a phone a little ahead) is new.
  await field('totpCode').fill(appCode(secret, 1));
  await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
  await page.waitForURL(/\/nacc/);
  await page.getByTestId('viewer-name').waitFor();
  await h.logout();

  // A lost phone: a recovery code instead, once.
  await h.login(staff.username, staff.password);
  await page.getByRole('heading', { name: 'ยืนยันตัวตนขั้นที่สอง' }).waitFor();
  await page.getByTestId('toggle-recovery').click();
  await field('recoveryCode').fill(recoveryCodes[0]);
  await snap('recovery-step');
  await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
  await page.waitForURL(/\/nacc/);
  return { secret, recoveryCodes };
}

/**
 * An administrator without a second factor (STAFF_SECOND_FACTOR=administrators) gets no
 * session at sign-in: the page asks for the enrolment first, shows the recovery codes, then
 * opens the NACC home page. Ends signed in.
 */
export async function administratorEnrolmentSteps({ page, h, staff }: SecondFactorStepsContext) {
  await h.login(staff.username, staff.password);
  await page.getByRole('heading', { name: 'ตั้งค่าการยืนยันตัวตนสองขั้นตอน' }).waitFor();
  await page.getByTestId('totp-qr').waitFor();
  const secret = await readSecret(page);
  await h.snap('admin-must-enrol');
  const recoveryCodes = await confirmEnrolment(page, h, secret);
  await page.getByLabel('ข้าพเจ้าเก็บรหัสกู้คืนไว้ในที่ปลอดภัยแล้ว').check();
  await page.getByTestId('recovery-codes-done').click();
  await page.waitForURL(/\/nacc/);
  await page.getByTestId('viewer-name').waitFor();
  return { secret, recoveryCodes };
}

/**
 * An account whose password must change first (a legacy password kept at import): after the
 * sign-in only the change-password page opens, saying why; once changed, the app goes on.
 * Ends signed in.
 */
export async function mustChangePasswordSteps(
  { page, h, url, staff }: SecondFactorStepsContext,
  newPassword: string,
) {
  await h.login(staff.username, staff.password);
  await page.waitForURL(/\/account\/password/);
  await page.getByTestId('must-change-notice').waitFor();
  // Any other page leads back here until the password is changed.
  await page.goto(`${url}/nacc/laos`);
  await page.waitForURL(/\/account\/password/);
  await h.snap('must-change-password');
  await h.field('currentPassword').fill(staff.password);
  await h.field('newPassword').fill(newPassword);
  await h.field('passwordConfirm').fill(newPassword);
  await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน' }).click();
  await page.getByText('เปลี่ยนรหัสผ่านเรียบร้อยแล้ว').waitFor();
  await page.getByTestId('must-change-notice').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'ไปหน้าหลัก' }).click();
  await page.waitForURL(/\/(nacc|lao|profile)/);
}
