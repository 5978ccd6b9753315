import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { laoImportColumns } from '../../server/modules/lao/lao-import.columns';
import { fiscalYearOf } from '../../server/modules/report/round-defaults';
import { graphqlClient, type GraphQLClient } from '../helpers/graphql-client';
import { type ReceivedMail, startSmtpServer } from '../helpers/smtp-server';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { preparePlan } from './prepare';
import { administratorEnrolmentSteps, secondFactorSteps } from './staff/second-factor.steps';

const run = promisify(execFile);

/** The setup link in an invitation mail. */
const setupLinkIn = (mail: ReceivedMail): string => {
  const link = /https?:\/\/\S+\/setup-password\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No setup link in mail: ${mail.text}`);
  return link;
};
const root = path.resolve(__dirname, '..', '..');

const admin = { username: 'it.admin', email: 'it@nacc.example.go.th', password: 'Nacc-Admin-Setup-2569' };
const officer = {
  username: 'somying.p',
  displayName: 'นางสาวสมหญิง ใจดี',
  email: 'somying@example.go.th',
  password: 'Phitsanulok-Office-2569',
};
const laoCode = '5650802';
const laoName = 'องค์การบริหารส่วนตำบลดินทอง';
const laoPassword = 'Dintong-Go-Live-2569';
const projects = ['โครงการอบรมคุณธรรมจริยธรรมพนักงาน', 'มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง'];

/** DLA's LAO list as NACC's IT office downloads it: two LAOs of Phitsanulok, one of Phrae. */
const laoList = (): Buffer => {
  const rows = [
    laoImportColumns.map((column) => column.header),
    [laoCode, laoName, 'องค์การบริหารส่วนตำบล', 'กลาง', 'พิษณุโลก', 'อำเภอวังทอง'],
    ['5650803', 'องค์การบริหารส่วนตำบลวังพิกุล', 'องค์การบริหารส่วนตำบล', 'เล็ก', 'พิษณุโลก', 'อำเภอวังทอง'],
    ['5540102', 'องค์การบริหารส่วนตำบลป่าแมต', 'องค์การบริหารส่วนตำบล', 'เล็ก', 'แพร่', 'อำเภอเมืองแพร่'],
  ];
  const line = (row: string[]) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');
  return Buffer.from(`\uFEFF${rows.map(line).join('\r\n')}\r\n`, 'utf8');
};

/**
 * Issue 24's "done when", in one Chromium journey on an empty production-like database
 * (`DATABASE_URL`, no demo data, second factor required of administrators):
 * `admin:create` (compiled, as in the container) → the administrator sets a password from the
 * printed link, must enrol an authenticator app, imports DLA's LAO list and invites a provincial
 * officer → she sets her password from the mailed link, enrols an app, signs in with password +
 * code, issues activation codes for her province → an LAO activates with its code and reports
 * its projects in the open round.
 */
describe('go-live on an empty database (issue 24)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let setupPath: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpServer();
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url };
    const created = await run(
      process.execPath,
      [
        path.join(root, 'dist', 'server', 'scripts', 'admin-create.js'),
        '--username',
        admin.username,
        '--email',
        admin.email,
        '--display-name',
        'นายผู้ดูแล ระบบ',
      ],
      { cwd: root, env: { ...process.env, ...env, PUBLIC_URL: 'https://plan.example.go.th' } },
    );
    // The command wrote the reference data of a new database, then the account.
    expect(created.stdout).toContain('77 provinces, 928 districts');
    const printed = /https:\/\/plan\.example\.go\.th(\/setup-password\?token=\S+)/.exec(created.stdout)?.[1];
    if (!printed) throw new Error(`admin:create printed no link:\n${created.stdout}\n${created.stderr}`);
    setupPath = printed;
    server = await startBuiltServer({
      ...env,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      STAFF_SECOND_FACTOR: 'administrators',
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  const setPassword = async (h: ReturnType<typeof pageHelpers>, link: string, password: string) => {
    await page.goto(link);
    await page.getByRole('heading', { name: 'ตั้งรหัสผ่านบัญชีเจ้าหน้าที่' }).waitFor();
    await h.field('newPassword').fill(password);
    await h.field('passwordConfirm').fill(password);
    await page.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
    await page.getByText('ตั้งรหัสผ่านเรียบร้อยแล้ว').waitFor();
  };

  /** An API session of a staff account with a second factor, completed with one of its recovery codes. */
  const staffApiSession = async (username: string, password: string, recoveryCode: string) => {
    const client = graphqlClient(server.url);
    const login = await client(
      `mutation($input: LoginInput!) { login(input: $input) { token secondFactor { token step } } }`,
      { input: { username, password } },
    );
    expect(login.data?.login.secondFactor.step).toBe('CODE_REQUIRED');
    const completed = await client(
      `mutation($input: CompleteSecondFactorSignInInput!) { completeSecondFactorSignIn(input: $input) { token } }`,
      { input: { challengeToken: login.data?.login.secondFactor.token, recoveryCode } },
    );
    expect(completed.errors).toBeUndefined();
    client.token = completed.data?.completeSecondFactorSignIn.token;
    return client;
  };

  it('admin:create → administrator with TOTP → LAO list, invitation → officer with TOTP issues codes → the LAO activates and reports', async () => {
    const h = pageHelpers(page, server.url, 'go-live');
    const year = fiscalYearOf(new Date());

    // The first administrator: the printed link, a password, then the enrolment the policy requires.
    await setPassword(h, `${server.url}${setupPath}`, admin.password);
    await h.snap('admin-password-set');
    // The link works once.
    await page.goto(`${server.url}${setupPath}`);
    await h.field('newPassword').fill('Someone-Else-2569');
    await h.field('passwordConfirm').fill('Someone-Else-2569');
    await page.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
    await page.getByText('กรุณาขอให้ผู้ดูแลระบบส่งคำเชิญใหม่').first().waitFor();
    const adminFactor = await administratorEnrolmentSteps({ page, h, url: server.url, staff: admin });
    await h.snap('admin-home');

    // DLA's LAO list, checked then imported, onto the reference geography admin:create wrote.
    await page.goto(`${server.url}/nacc/laos/import`);
    await page.getByTestId('lao-import-file').setInputFiles({
      name: 'laos.csv',
      mimeType: 'text/csv',
      buffer: laoList(),
    });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    await page.getByTestId('lao-import-preview').waitFor();
    await h.snap('lao-list-preview');
    await page.getByTestId('lao-import-confirm').click();
    await page.getByText('นำเข้ารายชื่อ อปท. เรียบร้อยแล้ว จาก 3 แถว: เพิ่มใหม่ 3 แห่ง', { exact: false }).waitFor();

    // The plan cycle of this fiscal year (its default rounds come with it), over the API.
    const central: GraphQLClient = await staffApiSession(
      admin.username,
      admin.password,
      adminFactor.recoveryCodes[0],
    );
    const cycle = await central(
      `mutation($input: CreatePlanCycleInput!) { createPlanCycle(input: $input) { id } }`,
      { input: { nameTh: `แผน พ.ศ. ${year - 1}–${year + 2}`, startYear: year - 1, endYear: year + 2 } },
    );
    expect(cycle.errors).toBeUndefined();

    // The administrator invites the provincial officer of Phitsanulok.
    await page.getByRole('navigation').getByRole('link', { name: 'บัญชีเจ้าหน้าที่' }).click();
    await page.waitForURL(/\/nacc\/staff/);
    await h.field('username').fill(officer.username);
    await h.field('displayName').fill(officer.displayName);
    await h.field('email').fill(officer.email);
    await h.field('staffRole').selectOption('PROVINCIAL_OFFICE');
    // A provincial office without its province is refused beside the field.
    await page.getByRole('button', { name: 'ส่งคำเชิญ' }).click();
    await page.getByText('กรุณาเลือกจังหวัดของสำนักงาน ป.ป.ช. ประจำจังหวัด').waitFor();
    await h.field('provinceId').selectOption({ label: 'พิษณุโลก' });
    const mail = smtp.waitFor(officer.email, smtp.received.length);
    await page.getByRole('button', { name: 'ส่งคำเชิญ' }).click();
    await page.getByText(`ส่งคำเชิญถึง ${officer.displayName} ที่ ${officer.email} แล้ว`).waitFor();
    const invited = page.locator(`[data-testid="staff-row"][data-username="${officer.username}"]`);
    expect(await invited.getAttribute('data-state')).toBe('invited');
    await h.snap('officer-invited');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.snap('officer-invited-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await h.logout();

    // The officer: the mailed link, her password, an authenticator app, password + code.
    await setPassword(h, setupLinkIn(await mail).replace(/^https?:\/\/[^/]+/, server.url), officer.password);
    const officerFactor = await secondFactorSteps({ page, h, url: server.url, staff: officer });
    // Not an administrator: no staff accounts page in her menu.
    expect(await page.getByRole('navigation').getByRole('link', { name: 'บัญชีเจ้าหน้าที่' }).count()).toBe(0);

    // Activation codes for every LAO of her province (and of no other).
    await page.getByRole('navigation').getByRole('link', { name: 'อปท. และการเปิดใช้งานบัญชี' }).click();
    await page.waitForURL(/\/nacc\/laos/);
    await page.locator('tr[data-lao-code]').first().waitFor();
    await page.getByRole('button', { name: 'ออกรหัสทั้งจังหวัด' }).click();
    await page.getByRole('button', { name: 'ยืนยันออกรหัสทั้งจังหวัด' }).click();
    await page.getByRole('heading', { name: 'รหัสเปิดใช้งาน จังหวัดพิษณุโลก' }).waitFor();
    const rows = page.locator('.province-codes tbody tr');
    expect(await rows.count()).toBe(2);
    const activationCode = (
      await rows.filter({ hasText: laoCode }).locator('.code-value').innerText()
    ).trim();
    expect(activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await h.snap('officer-codes');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/nacc`);
    await h.logout();

    // The LAO activates with its code (the profile wizard opens first).
    await page.getByRole('link', { name: 'เปิดใช้งานบัญชีครั้งแรก' }).click();
    await page.waitForURL(/\/activate/);
    await h.field('laoCode').fill(laoCode);
    await h.field('activationCode').fill(activationCode);
    await h.field('password').fill(laoPassword);
    await h.field('passwordConfirm').fill(laoPassword);
    await page.getByRole('button', { name: 'เปิดใช้งานบัญชี' }).click();
    await page.waitForURL(/\/profile/);
    await h.snap('lao-activated');

    // Its profile, projects and plan over the API (other journeys walk those screens); the
    // officer's office reviews the projects and passes the plan.
    const lao = graphqlClient(server.url);
    lao.token = (await page.evaluate("localStorage.getItem('lpm.token')")) as string | null;
    const own = (await lao(`{ viewer { lao { id version } } }`)).data?.viewer.lao;
    const laoId: string = own.id;
    let version: number = own.version;
    const save = async (mutation: string, type: string, input: Record<string, unknown>) => {
      const response = await lao(`mutation($input: ${type}!) { ${mutation}(input: $input) { version } }`, {
        input: { laoId, version, ...input },
      });
      expect(response.errors).toBeUndefined();
      version = response.data?.[mutation].version;
    };
    await save('updateLaoLocation', 'LaoLocationInput', { size: 'MEDIUM', address: 'หมู่ 3 ตำบลดินทอง' });
    await save('updateLaoArea', 'LaoAreaInput', {
      areaKm2: '98.50',
      population: 8120,
      revenueExcludingSubsidies: '4800000',
      revenueFromSubsidies: '21000000',
      chiefExecutiveName: 'นายสมศักดิ์ ดินทอง',
      permanentSecretaryName: 'นางวิไล ใจงาม',
    });
    await save('updateLaoCoordinator', 'LaoCoordinatorInput', {
      fullName: 'นางสาวกานดา ประสานดี',
      position: 'นักวิเคราะห์นโยบายและแผน',
      unit: 'สำนักปลัด',
      mobile: '089-765-4321',
      email: 'dintong@example.go.th',
    });
    // The steps used her first recovery code; the API session takes the second.
    const office = await staffApiSession(officer.username, officer.password, officerFactor.recoveryCodes[1]);
    await preparePlan(lao, office, laoId, year, projects);

    // The LAO reports both projects in the round open today (6-month from October to April,
    // 12-month from May to September, Bangkok time: the default windows).
    const bangkokMonth = new Date(Date.now() + 7 * 3600 * 1000).getUTCMonth() + 1;
    const round = bangkokMonth >= 5 && bangkokMonth <= 9 ? 'TWELVE_MONTH' : 'SIX_MONTH';
    await page.goto(`${server.url}/lao/reports?year=${year}&round=${round}`);
    await page.locator('[data-testid="round-banner"][data-phase="open"]').waitFor();
    for (const name of projects) {
      await page
        .locator(`tr[data-project-name="${name}"]`)
        .getByRole('button', { name: /^(รายงานผล|แก้ไขรายงาน)/ })
        .click();
      await page.getByTestId('report-form').waitFor();
      await page.locator('[name="inOrdinance"][value="true"]').check();
      await h.field('ordinanceBudget').fill('10,000');
      await h.field('disbursed').fill('9,000');
      await page.locator('[name="status"][value="COMPLETED"]').check();
      await page.getByTestId('report-form').getByRole('button', { name: 'บันทึกรายงาน' }).click();
      await page
        .getByTestId('report-form')
        .getByRole('status')
        .filter({ hasText: 'บันทึกรายงานผลเรียบร้อยแล้ว' })
        .waitFor();
      await page.getByTestId('report-form').getByRole('button', { name: 'ปิด' }).click();
    }
    await page.getByTestId('report-progress').filter({ hasText: 'รายงานแล้ว 2 จาก 2' }).waitFor();
    await h.snap('lao-reported');
    await page.setViewportSize({ width: 390, height: 844 });
    await h.snap('lao-reported-390');
  }, 420_000);
});
