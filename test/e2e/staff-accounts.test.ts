import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { createDataSource } from '../../server/db/data-source';
import { createDistrict, createLao, createProvince } from '../factories';
import { graphqlClient } from '../helpers/graphql-client';
import { startSmtpServer } from '../helpers/smtp-server';
import { createTestDatabase } from '../helpers/test-database';
import { launchChromium, pageHelpers, startBuiltServer } from './helpers';
import { staffAccountsSteps } from './staff/accounts.steps';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

/**
 * Issue 24, staff accounts, in the browser on a database as NACC's IT office would have it:
 * master data (a province, its LAOs), no demo data, no account. `admin:create` runs from the
 * build (as in the container), then the journey of `staff/accounts.steps.ts`.
 */
describe('staff accounts on a fresh database (issue 24)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;
  let browser: BrowserContext;
  let page: Page;
  let setupLink: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    const phitsanulok = await createProvince(dataSource, { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' });
    const wangThong = await createDistrict(dataSource, phitsanulok, {
      id: 6508,
      nameTh: 'วังทอง',
      nameEn: 'Wang Thong',
    });
    await createLao(dataSource, wangThong, { code: '5650802', nameTh: 'องค์การบริหารส่วนตำบลดินทอง' });
    await createLao(dataSource, wangThong, { code: '5650803', nameTh: 'องค์การบริหารส่วนตำบลวังพิกุล' });
    await dataSource.destroy();
    smtp = await startSmtpServer();
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url };
    // The compiled command, as the container runs it.
    const created = await run(
      process.execPath,
      [
        path.join(root, 'dist', 'server', 'scripts', 'admin-create.js'),
        '--username',
        'it.admin',
        '--email',
        'it@nacc.example.go.th',
      ],
      { cwd: root, env: { ...process.env, ...env, PUBLIC_URL: 'https://plan.example.go.th' } },
    );
    const printed = /https:\/\/plan\.example\.go\.th(\/setup-password\?token=\S+)/.exec(created.stdout)?.[1];
    if (!printed) throw new Error(`admin:create printed no link:\n${created.stdout}\n${created.stderr}`);
    server = await startBuiltServer({ ...env, JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret' });
    // The same link on the port this test's server listens on.
    setupLink = `${server.url}${printed}`;
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

  it('admin:create → setup link → invite a provincial officer → she sets her password, signs in and issues codes', async () => {
    const h = pageHelpers(page, server.url, 'staff-accounts');
    const { codes } = await staffAccountsSteps({
      page,
      h,
      url: server.url,
      setupLink,
      admin: { username: 'it.admin', password: 'Nacc-Admin-Setup-2566' },
      officer: {
        username: 'somying.p',
        displayName: 'นางสาวสมหญิง ใจดี',
        email: 'somying@example.go.th',
        password: 'Phitsanulok-Office-2566',
        province: 'พิษณุโลก',
      },
      nextMail: (address) => smtp.waitFor(address, smtp.received.length),
    });
    expect(codes).toHaveLength(2);
    // A code the officer issued activates an LAO.
    const lao = graphqlClient(server.url);
    const activated = await lao(
      `mutation($input: ActivateAccountInput!) { activateAccount(input: $input) { viewer { lao { code } } } }`,
      { input: { laoCode: '5650802', activationCode: codes[0], password: 'Dintong-Fresh-2566' } },
    );
    expect(activated.errors).toBeUndefined();
  }, 240_000);
});
