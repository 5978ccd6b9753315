import type { Page } from 'playwright-core';
import { pageHelpers } from '../helpers';

/**
 * Issue 24, help, in the browser: a NACC central administrator sets the contact channels (a wrong
 * e-mail and an http link refused in Thai first); the sign-in page shows them; an LAO follows the
 * context help link of its report form to the help centre's section on reporting (a new tab,
 * focus on the section); the FAQ filter narrows the questions; the public pages link to NACC's
 * complaint channel. Screenshots at 1366 and 390 px.
 *
 * Needs: the demo data (an administrator, ดินทอง with a passed plan of the current year and the
 * open round's reports to make). Ends signed out.
 */
export type HelpSteps = {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  url: string;
  /** Screenshot prefix of the help tab the LAO opens. */
  prefix: string;
  admin: { username: string; password: string };
  lao: { code: string; password: string };
};

/** What the administrator sets (distinct from the demo's, so the pages must show the new ones). */
export const helpContacts = {
  phone: '02-528-4800 ต่อ 3499',
  email: 'eplan.support@example.go.th',
  lineId: '@eplan-help',
  officeHours: 'วันจันทร์–วันศุกร์ เวลา 08.30–16.30 น.',
  complaintUrl: 'https://www.nacc.go.th/complaint-e2e',
};

const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

/** Anonymous reads are cached for PUBLIC_CACHE_SECONDS (30 s by default): reload until the page shows it. */
const eventually = async (page: Page, address: string, check: () => Promise<boolean>, timeoutMs = 45_000) => {
  const started = Date.now();
  for (;;) {
    await page.goto(address);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    if (await check()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${address} never showed the new contact channels`);
    await page.waitForTimeout(2_000);
  }
};

export async function helpSteps({ page, h, url, prefix, admin, lao }: HelpSteps) {
  const { snap } = h;
  await page.setViewportSize(desktop);

  // 1. The administrator opens "ช่องทางติดต่อ" from the menu; wrong values are refused in Thai.
  await h.login(admin.username, admin.password);
  await page.waitForURL(/\/nacc/);
  await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'ช่องทางติดต่อ' }).click();
  await page.waitForURL(/\/nacc\/contacts/);
  await page.getByTestId('contacts-form').waitFor();
  await h.field('email').fill('eplan.support.example.go.th');
  await h.field('complaintUrl').fill('http://www.nacc.go.th/complaint');
  await page.getByRole('button', { name: 'บันทึกช่องทางติดต่อ' }).click();
  await page.getByText('รูปแบบอีเมลไม่ถูกต้อง (เช่น helpdesk@nacc.go.th)').waitFor();
  await page
    .getByText('ลิงก์ช่องทางร้องเรียนต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// (เช่น https://www.nacc.go.th)')
    .waitFor();
  if (
    (await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
    )) !== 'f-email'
  )
    throw new Error('focus did not move to the first wrong field');
  await snap('contacts-refused');

  for (const [name, value] of Object.entries(helpContacts)) await h.field(name).fill(value);
  await h.field('lineUrl').fill('');
  await page.getByRole('button', { name: 'บันทึกช่องทางติดต่อ' }).click();
  await page.getByTestId('contacts-status').getByText('บันทึกช่องทางติดต่อเรียบร้อยแล้ว').waitFor();
  await page.getByTestId('contact-channels').getByText(helpContacts.phone).waitFor();
  await snap('contacts-saved');
  await page.setViewportSize(phone);
  await snap('contacts-saved-390');
  await page.setViewportSize(desktop);
  await h.logout();

  // 2. The sign-in page shows them (after the public cache's few seconds), with working links.
  const contacts = page.getByTestId('contact-channels');
  await eventually(
    page,
    `${url}/login`,
    async () =>
      (await contacts.count()) > 0 && ((await contacts.textContent()) ?? '').includes(helpContacts.phone),
  );
  const phoneLink = contacts.getByRole('link', { name: helpContacts.phone });
  if ((await phoneLink.getAttribute('href')) !== 'tel:025284800,3499') throw new Error('wrong tel: link');
  await contacts.getByRole('link', { name: helpContacts.email }).waitFor();
  await contacts.getByText(helpContacts.officeHours).waitFor();
  const line = contacts.getByRole('link', { name: new RegExp(helpContacts.lineId) });
  if ((await line.getAttribute('href')) !== 'https://line.me/R/ti/p/@eplan-help')
    throw new Error('wrong LINE link');
  await snap('login-contacts');
  await page.setViewportSize(phone);
  await snap('login-contacts-390');
  await page.setViewportSize(desktop);

  // 3. The LAO follows the report form's help link to the section on reporting, in a new tab.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/lao/);
  await page.goto(`${url}/lao/reports`);
  await page
    .locator('tr[data-project-id]')
    .getByRole('button', { name: /^(รายงานผล|แก้ไขรายงาน)/ })
    .first()
    .click();
  const form = page.getByTestId('report-form');
  await form.waitFor();
  const helpLink = form.getByRole('link', {
    name: 'ช่วยเหลือ: การรายงานผลการดำเนินงานแต่ละรอบ (เปิดในแท็บใหม่)',
  });
  await snap('report-form-help-link');
  const [tab] = await Promise.all([page.context().waitForEvent('page'), helpLink.click()]);
  await tab.setViewportSize(desktop);
  await tab.waitForURL(/\/help#report-rounds$/);
  await tab.waitForFunction(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
        ?.id === 'report-rounds-title',
  );
  const section = tab.locator('section#report-rounds');
  await section.getByRole('heading', { level: 2, name: 'การรายงานผลการดำเนินงานแต่ละรอบ' }).waitFor();
  await section.getByText('รอบ 6 เดือน: โดยปกติเปิดรับตั้งแต่ต้นปีงบประมาณ (1 ตุลาคม) ถึงสิ้นเดือนเมษายน').waitFor();
  // This year's windows as NACC set them, read from the API (public fields only).
  await section
    .getByTestId('help-rounds')
    .locator('[data-round="SIX_MONTH"]')
    .getByText(/^รอบ 6 เดือน: เปิดรับตั้งแต่ /)
    .waitFor();
  const inTab = pageHelpers(tab, url, prefix);
  await inTab.snap('help-report-rounds');

  // 4. The FAQ filter: every word typed must be in the question or its answer.
  const questions = tab.locator('[data-faq-id]');
  const all = await questions.count();
  await tab.getByLabel('ค้นหาในคำถามที่พบบ่อย').fill('ลืมรหัสผ่าน');
  await tab
    .getByTestId('faq-count')
    .getByText(new RegExp(`^แสดง \\d+ จาก ${all} คำถาม$`))
    .waitFor();
  const shown = await questions.count();
  if (shown === 0 || shown >= all) throw new Error(`the filter kept ${shown} of ${all} questions`);
  await tab.locator('[data-faq-id="faq-forgot-password"]').waitFor();
  if ((await tab.locator('[data-faq-id="faq-rejected-project"]').count()) !== 0)
    throw new Error('an unrelated question stayed');
  await tab.locator('#faq').scrollIntoViewIfNeeded();
  await inTab.snap('help-faq-filtered');
  await tab.getByLabel('ค้นหาในคำถามที่พบบ่อย').fill('ไม่มีคำนี้ในคำถามใดเลย');
  await tab.getByText('ไม่พบคำถามที่ตรงกับคำค้น').waitFor();
  await tab.getByRole('button', { name: 'ล้างคำค้น' }).click();
  await tab
    .locator('[data-faq-id]')
    .nth(all - 1)
    .waitFor();
  // The help centre's contacts are the administrator's too; at a phone's width.
  await tab.locator('#contact').getByText(helpContacts.phone).waitFor();
  await tab.setViewportSize(phone);
  await tab.goto(`${url}/help#faq`);
  await tab.locator('[data-faq-id]').first().waitFor();
  await inTab.snap('help-faq-390');
  await tab.close();
  await h.logout();

  // 5. The public pages link to NACC's complaint channel (a new tab), with the address just set.
  const complaint = page.getByTestId('public-complaint-link');
  await eventually(
    page,
    `${url}/public`,
    async () =>
      (await complaint.count()) > 0 && (await complaint.getAttribute('href')) === helpContacts.complaintUrl,
  );
  if ((await complaint.getAttribute('target')) !== '_blank')
    throw new Error('the complaint link should open a new tab');
  await complaint.scrollIntoViewIfNeeded();
  await snap('public-complaint-link');
  await page.setViewportSize(phone);
  await snap('public-complaint-link-390');
  await page.setViewportSize(desktop);
}
