import { defaultSignInThrottle } from '../../../server/config';
import { Lao } from '../../../server/modules/lao/lao.entity';
import { completeProfile, createLao, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLResponse } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { resetLinkIn, startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * Sign-in throttling is not a denial of service (issue 24): failures only, per (account, address)
 * and per address, growing delays instead of a lock, and a known device or address is never kept
 * out by an attacker elsewhere. Client addresses come from X-Forwarded-For, which the server
 * trusts from loopback (TRUST_PROXY's default), as it would from the production proxy.
 */
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token deviceToken viewer { account { username } } } }`;
const ACTIVATE = `mutation($input: ActivateAccountInput!) { activateAccount(input: $input) { token deviceToken } }`;
const ISSUE = `mutation($laoId: ID!) { issueActivationCode(laoId: $laoId) { code } }`;
const REQUEST = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;

type LoginData = {
  login: { token: string; deviceToken: string | null; viewer: { account: { username: string } } };
};

/**
 * The defaults, with longer first delays where a test asserts a refusal some requests after the
 * failure that caused it (a loaded machine must not let a one-second wait run out in between).
 */
const rules = {
  ...defaultSignInThrottle,
  login: {
    ...defaultSignInThrottle.login,
    device: { ...defaultSignInThrottle.login.device, firstDelaySeconds: 5 },
    address: { ...defaultSignInThrottle.login.address, firstDelaySeconds: 10 },
    account: { ...defaultSignInThrottle.login.account, firstDelaySeconds: 30 },
  },
};

describe('sign-in throttling without lockout', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: World;
  const laoPassword = 'Dintong-Office-2566';
  const coordinatorEmail = 'coordinator.dintong@example.go.th';

  const from = (address: string) => server.client(null, { 'x-forwarded-for': address });
  const login = (address: string, username: string, password: string, deviceToken?: string | null) =>
    from(address)<LoginData>(LOGIN, { input: { username, password, deviceToken } });
  const codesOf = (responses: GraphQLResponse<unknown>[]) => responses.map((response) => errorCode(response));
  /** Lets the waits of the matching keys run out, as time would (the delays themselves are asserted). */
  const waitOut = (pattern: string) =>
    server.dataSource.query(`UPDATE sign_in_throttle SET next_at = now() WHERE key LIKE $1`, [pattern]);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ smtpUrl: smtp.url, devOutbox: false, signInThrottle: rules });
    world = await createWorld(server.dataSource);
    await server.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { ...completeProfile, coordinatorEmail });
    await createLaoAccount(server.dataSource, world.dintong, { password: laoPassword });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });
  beforeEach(() => server.dataSource.query('DELETE FROM sign_in_throttle'));

  it('attack 1: wrong passwords for an LAO code from many addresses never keep the LAO out of its known device and office', async () => {
    const office = '203.0.113.10';
    const first = await login(office, world.dintong.code, laoPassword);
    expect(first.errors).toBeUndefined();
    const deviceToken = first.data?.login.deviceToken as string;
    expect(deviceToken).toEqual(expect.any(String));

    // The attacker: a wrong password from each of 40 addresses.
    const attack: GraphQLResponse<unknown>[] = [];
    for (let i = 1; i <= 40; i += 1)
      attack.push(await login(`198.51.100.${i}`, world.dintong.code, `guess-${i}-x`));
    const codes = codesOf(attack);
    // The untrusted clients of the account share one budget: its free failures, one that sets the
    // first delay, then everything refused until it runs out.
    const accepted = rules.login.account.freeFailures + 1;
    expect(codes).toEqual([
      ...Array(accepted).fill('INVALID_CREDENTIALS'),
      ...Array(40 - accepted).fill('RATE_LIMITED'),
    ]);

    // A new untrusted address is refused for now, even with the right password (HTTP 429, Retry-After)...
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.99' },
      body: JSON.stringify({
        query: LOGIN,
        variables: { input: { username: world.dintong.code, password: laoPassword } },
      }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const refused = (await response.json()) as GraphQLResponse<unknown>;
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].message).toMatch(/^มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก \d+ (วินาที|นาที)/);

    // ...while the LAO signs in at once: with its device token from anywhere (here its phone's network),
    const phone = await login('192.0.2.77', world.dintong.code, laoPassword, deviceToken);
    expect(phone.errors).toBeUndefined();
    expect(phone.data?.login.viewer.account.username).toBe(world.dintong.code);
    // and without it from the office address it signed in from before (another browser there).
    expect((await login(office, world.dintong.code, laoPassword)).errors).toBeUndefined();

    // A forged token, or one of another account, makes no client trusted.
    const central = await login('203.0.113.20', world.central.username, world.central.password);
    for (const token of [central.data?.login.deviceToken, `${deviceToken.slice(0, -3)}abc`, 'garbage']) {
      expect(errorCode(await login('192.0.2.78', world.dintong.code, laoPassword, token))).toBe(
        'RATE_LIMITED',
      );
    }
    // The attacker stays slowed down.
    expect(errorCode(await login('198.51.100.41', world.dintong.code, 'guess-41-x'))).toBe('RATE_LIMITED');
  });

  it('a known device is slowed down only by its own failures, not by anyone else', async () => {
    const first = await login('203.0.113.11', world.dintong.code, laoPassword);
    const deviceToken = first.data?.login.deviceToken as string;
    // Someone else's failures from elsewhere do not touch it.
    for (let i = 1; i <= 15; i += 1) await login(`198.51.100.${100 + i}`, world.dintong.code, 'nope-nope-1');
    // Its own: the free ones, one that sets the first delay, then a wait.
    const own: GraphQLResponse<unknown>[] = [];
    for (let i = 0; i < rules.login.device.freeFailures + 2; i += 1) {
      own.push(await login('192.0.2.80', world.dintong.code, 'typo-typo-1', deviceToken));
    }
    expect(codesOf(own)).toEqual([
      ...Array(rules.login.device.freeFailures + 1).fill('INVALID_CREDENTIALS'),
      'RATE_LIMITED',
    ]);
    expect(own.at(-1)?.errors?.[0].extensions?.retryAfterSeconds).toBe(rules.login.device.firstDelaySeconds);
    await waitOut('login:device:%');
    const signedIn = await login('192.0.2.80', world.dintong.code, laoPassword, deviceToken);
    expect(signedIn.errors).toBeUndefined();
    // Every sign-in renews the token; the old one stays good until it expires.
    expect(signedIn.data?.login.deviceToken).not.toBe(deviceToken);
  });

  it('attack 2: 60+ successful sign-ins of different LAOs from one shared address are never refused', async () => {
    const laos = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        createLao(server.dataSource, world.wangThong, { code: String(6_500_100 + i) }),
      ),
    );
    const accounts = [];
    for (const lao of laos)
      accounts.push(
        await createLaoAccount(server.dataSource, lao, { password: `Shared-Office-${lao.code}` }),
      );
    const provincialOffice = '203.0.113.50';
    // A few typos among them do not change that.
    for (const account of accounts.slice(0, 5)) {
      expect(errorCode(await login(provincialOffice, account.username, 'typo-typo-2'))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const results: GraphQLResponse<LoginData>[] = [];
    for (let batch = 0; batch < accounts.length; batch += 8) {
      results.push(
        ...(await Promise.all(
          accounts
            .slice(batch, batch + 8)
            .map((account) => login(provincialOffice, account.username, account.password)),
        )),
      );
    }
    expect(results.map((result) => result.errors)).toEqual(Array(accounts.length).fill(undefined));
    // And once more each, the same day.
    for (const account of accounts.slice(0, 10)) {
      expect((await login(provincialOffice, account.username, account.password)).errors).toBeUndefined();
    }
  });

  it('password spraying: failures from one address over many accounts are slowed down there only', async () => {
    const sprayer = '198.51.100.200';
    const deviceToken = (await login(sprayer, world.dintong.code, laoPassword)).data?.login
      .deviceToken as string;
    const codes: (string | null)[] = [];
    for (let i = 0; i < rules.login.address.freeFailures + 2; i += 1) {
      codes.push(errorCode(await login(sprayer, String(5_100_000 + i), 'Password123!')));
    }
    expect(codes.slice(0, rules.login.address.freeFailures + 1)).toEqual(
      Array(rules.login.address.freeFailures + 1).fill('INVALID_CREDENTIALS'),
    );
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    // Any account from that address waits now, the right password too...
    expect(errorCode(await login(sprayer, world.central.username, world.central.password))).toBe(
      'RATE_LIMITED',
    );
    // ...except a known device of its account; other addresses are not affected.
    expect((await login(sprayer, world.dintong.code, laoPassword, deviceToken)).errors).toBeUndefined();
    expect(
      (await login('198.51.100.201', world.central.username, world.central.password)).errors,
    ).toBeUndefined();
  });

  it('the delay of an (account, address) pair doubles with each failure and starts afresh after a success', async () => {
    const address = '198.51.100.150';
    const attempt = (password: string) => login(address, world.provincial.username, password);
    const free = rules.login.pair.freeFailures;
    for (let i = 0; i < free; i += 1)
      expect(errorCode(await attempt('wrong-one-1'))).toBe('INVALID_CREDENTIALS');

    const waits: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      expect(errorCode(await attempt('wrong-one-1'))).toBe('INVALID_CREDENTIALS');
      const refused = await attempt(world.provincial.password);
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      waits.push(refused.errors?.[0].extensions?.retryAfterSeconds as number);
      if (round === 0) {
        // The first wait runs out for real.
        await new Promise((resolve) => setTimeout(resolve, waits[0] * 1000 + 100));
      } else {
        await waitOut('login:pair:%');
      }
    }
    const first = rules.login.pair.firstDelaySeconds;
    expect(waits).toEqual([first, first * 2, first * 4]);

    // The right password once the wait ran out; then the pair starts afresh.
    expect((await attempt(world.provincial.password)).errors).toBeUndefined();
    for (let i = 0; i < free + 1; i += 1)
      expect(errorCode(await attempt('wrong-two-2'))).toBe('INVALID_CREDENTIALS');
    expect(errorCode(await attempt('wrong-two-2'))).toBe('RATE_LIMITED');
  });

  it('a burst of concurrent guesses gets no more tries than the same guesses one after another', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        login('198.51.100.170', world.provincial.username, `burst-${i}-x`),
      ),
    );
    const codes = codesOf(burst);
    // Each accepted attempt counts as a failure until it proves itself, under a row lock.
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(
      rules.login.pair.freeFailures + 1,
    );
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(
      20 - rules.login.pair.freeFailures - 1,
    );
  });

  it('activation: guesses for an LAO from elsewhere never block its real code; one address guessing is slowed down', async () => {
    const lao = await createLao(server.dataSource, world.wangThong, { code: '6500900' });
    const central = await signIn(server, world.central.username, world.central.password);
    const issued = await central<{ issueActivationCode: { code: string } }>(ISSUE, { laoId: String(lao.id) });
    const realCode = issued.data?.issueActivationCode.code as string;
    const activate = (address: string, activationCode: string) =>
      from(address)<{ activateAccount: { token: string; deviceToken: string } }>(ACTIVATE, {
        input: { laoCode: lao.code, activationCode, password: 'Brand-New-Lao-2566' },
      });

    // 60 wrong codes from 30 addresses: each answered INVALID_ACTIVATION_CODE, none refused.
    const spread: (string | null)[] = [];
    for (let i = 0; i < 60; i += 1)
      spread.push(
        errorCode(
          await activate(
            `198.51.100.${i % 30}`,
            `AAAA-BBBB-CC${'DEFGHJKMNP'[i % 10]}${'QRSTUVWXYZ'[i % 10]}`,
          ),
        ),
      );
    expect(new Set(spread)).toEqual(new Set(['INVALID_ACTIVATION_CODE']));
    // One address guessing on: its free failures, one more, then a wait.
    const free = rules.activation.pair.freeFailures;
    const one: (string | null)[] = [];
    for (let i = 0; i < free + 2; i += 1)
      one.push(errorCode(await activate('198.51.100.222', `ZZZZ-ZZZZ-ZZZ${'ABCDEFGHJK'[i]}`)));
    expect(one).toEqual([...Array(free + 1).fill('INVALID_ACTIVATION_CODE'), 'RATE_LIMITED']);

    // The LAO's real code works at once from its own address, and its device is known from then on.
    const activated = await activate('203.0.113.60', realCode);
    expect(activated.errors).toBeUndefined();
    expect(activated.data?.activateAccount.deviceToken).toEqual(expect.any(String));
  });

  it('password reset: requests from elsewhere never stop the owner’s; one address requesting is slowed down; the link is a way in while the account is hammered', async () => {
    const owner = '203.0.113.70';
    // Requests for the LAO from 10 addresses with wrong e-mails, and several from one address.
    for (let i = 0; i < 10; i += 1) {
      const response = await from(`198.51.100.${i}`)(REQUEST, {
        input: { username: world.dintong.code, email: `x${i}@example.com` },
      });
      expect(response.data?.requestPasswordReset).toBe(true);
    }
    const free = rules.resetRequest.pair.freeFailures;
    const one: (string | null)[] = [];
    for (let i = 0; i < free + 2; i += 1) {
      one.push(
        errorCode(
          await from('198.51.100.240')(REQUEST, {
            input: { username: world.dintong.code, email: 'y@example.com' },
          }),
        ),
      );
    }
    expect(one).toEqual([...Array(free + 1).fill(null), 'RATE_LIMITED']);

    // Meanwhile the untrusted clients of the account are being slowed down by a password attack...
    for (let i = 1; i <= 20; i += 1) await login(`198.51.100.${50 + i}`, world.dintong.code, `guess-${i}-y`);
    expect(errorCode(await login(owner, world.dintong.code, laoPassword))).toBe('RATE_LIMITED');

    // ...and the owner's request is answered and mailed.
    const since = smtp.received.length;
    const requested = await from(owner)(REQUEST, {
      input: { username: world.dintong.code, email: coordinatorEmail },
    });
    expect(requested.data?.requestPasswordReset).toBe(true);
    const mail = await smtp.waitFor(coordinatorEmail, since);
    const token = new URL(resetLinkIn(mail)).searchParams.get('token') as string;
    const newPassword = 'After-Reset-2566-z';
    expect((await from(owner)(RESET, { input: { token, newPassword } })).errors).toBeUndefined();
    // The address that used the link is known to the account now: the owner signs in at once.
    const signedIn = await login(owner, world.dintong.code, newPassword);
    expect(signedIn.errors).toBeUndefined();
  });

  it('password reset: at most a few mails per link lifetime, answered the same, so the mailbox always holds a valid link', async () => {
    const since = smtp.received.length;
    const answers: unknown[] = [];
    for (let i = 0; i < rules.resetMailsPerLinkLifetime + 3; i += 1) {
      const response = await from(`198.51.100.${160 + i}`)(REQUEST, {
        input: { username: world.dintong.code, email: coordinatorEmail },
      });
      answers.push(response.data?.requestPasswordReset);
    }
    expect(answers).toEqual(Array(rules.resetMailsPerLinkLifetime + 3).fill(true));
    await smtp.waitFor(coordinatorEmail, since + rules.resetMailsPerLinkLifetime - 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = smtp.received.slice(since).filter((mail) => mail.to.includes(coordinatorEmail));
    expect(mails).toHaveLength(rules.resetMailsPerLinkLifetime);
    // The last one mailed still works.
    const token = new URL(resetLinkIn(mails.at(-1)!)).searchParams.get('token') as string;
    expect(
      (await from('203.0.113.71')(RESET, { input: { token, newPassword: 'Mailbox-Link-2566-q' } })).errors,
    ).toBeUndefined();
  });
});
