import type { BrowserContext, Page } from 'playwright-core';
import { graphqlClient } from '../../helpers/graphql-client';
import type { pageHelpers } from '../helpers';

type InBrowser = { localStorage: { getItem(key: string): string | null } };
const readDeviceTokens = () => (globalThis as unknown as InBrowser).localStorage.getItem('lpm.deviceTokens');

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

/**
 * Issue 24, "the account lockout must not be a denial of service", in the browser. The LAO signs
 * in once on its office computer (`page`: the browser keeps a device token). An attacker then sends
 * wrong passwords for its public 7-digit code from many addresses. A browser the account never
 * signed in on, at another address (`stranger`), is refused for now with the Thai message saying
 * when to retry and what the owner can do; the office computer signs in at once.
 *
 * The server must run with a first delay of the account's untrusted-clients limit long enough to
 * outlast the browser steps (e.g. SIGN_IN_THROTTLE_LOGIN_ACCOUNT=10/60/900/86400). Both pages
 * start signed out; `page` ends signed in (on its LAO home), `stranger` on the sign-in page.
 */
export const lockoutSteps = async (args: {
  page: Page;
  h: ReturnType<typeof pageHelpers>;
  stranger: BrowserContext;
  strangerH: ReturnType<typeof pageHelpers>;
  url: string;
  lao: { code: string; password: string };
}): Promise<void> => {
  const { page, h, stranger, strangerH, url, lao } = args;

  // The office computer signs in once: the app keeps the account's device token in this origin.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/(lao|profile)/);
  const stored = await page.evaluate(readDeviceTokens);
  expect(Object.keys(JSON.parse(stored ?? '{}'))).toEqual([lao.code]);
  await h.logout();

  // The attacker: one wrong password from each of 20 addresses; the untrusted clients' budget runs out.
  const refusals: string[] = [];
  for (let i = 1; i <= 20; i += 1) {
    const attacker = graphqlClient(url, null, { 'x-forwarded-for': `198.51.100.${i}` });
    const response = await attacker(LOGIN, { input: { username: lao.code, password: `guess-${i}-attack` } });
    refusals.push(String(response.errors?.[0]?.extensions?.code));
  }
  expect(refusals).toContain('RATE_LIMITED');

  // A browser that never signed in to the account, elsewhere: refused for now, told when and what to do.
  await stranger.setExtraHTTPHeaders({ 'x-forwarded-for': '192.0.2.55' });
  const strangerPage = stranger.pages()[0] ?? (await stranger.newPage());
  for (const width of [1366, 390]) {
    await strangerPage.setViewportSize({ width, height: 900 });
    await strangerH.login(lao.code, lao.password);
    const alert = strangerPage.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/กรุณาลองใหม่อีกครั้งในอีก \d+ (นาที|วินาที)/);
    expect(await strangerPage.getByTestId('rate-limited-hint').textContent()).toContain(
      'เครื่องที่เคยเข้าสู่ระบบสำเร็จ',
    );
    expect(strangerPage.url()).toMatch(/\/login/);
    await strangerH.snap(`stranger-refused-${width}`);
  }

  // The office computer signs in at once with the right password.
  await h.login(lao.code, lao.password);
  await page.waitForURL(/\/(lao|profile)/);
  await page.waitForLoadState('networkidle');
  await h.snap('known-device-signed-in');
};
