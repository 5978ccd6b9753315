import jwt from 'jsonwebtoken';
import { Account } from '../../../server/modules/account/account.entity';
import { Session } from '../../../server/modules/account/session.entity';
import { createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token expiresAt viewer { account { username role } mustCompleteProfile } } }`;
const VIEWER = `{ viewer { account { username } } }`;
const LAOS = `{ laos(first: 5) { totalCount } }`;

describe('login, sessions and logout', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
  });
  afterAll(() => server.stop());

  it('signs in with user name and password and returns a token the API accepts', async () => {
    const response = await server.anonymous(LOGIN, {
      input: { username: 'nacc.central', password: world.central.password },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.viewer.account).toEqual({ username: 'nacc.central', role: 'NACC_CENTRAL' });
    const client = server.client(response.data?.login.token);
    expect((await client(VIEWER)).data?.viewer.account.username).toBe('nacc.central');
    expect((await client(LAOS)).data?.laos.totalCount).toBe(3);
  });

  it('answers a wrong password and an unknown user with the same code and message', async () => {
    const wrong = await server.anonymous(LOGIN, {
      input: { username: 'nacc.phitsanulok', password: 'not-the-password' },
    });
    const unknown = await server.anonymous(LOGIN, {
      input: { username: 'nobody.here', password: 'whatever-123' },
    });
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    expect(errorCode(unknown)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
    expect(wrong.errors?.[0].message).toContain('ไม่พบผู้ใช้งาน');
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');
  });

  it('refuses an LAO that has not activated (no password yet) like any wrong credentials', async () => {
    const response = await server.anonymous(LOGIN, {
      input: { username: world.wangPikul.code, password: '' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const withPassword = await server.anonymous(LOGIN, {
      input: { username: world.wangPikul.code, password: 'anything-1' },
    });
    expect(errorCode(withPassword)).toBe('INVALID_CREDENTIALS');
  });

  it('slows down repeated failures of one account from one address, with when to retry, even for the right password', async () => {
    await server.dataSource.query(`DELETE FROM sign_in_throttle`);
    // The free failures of the (account, address) pair, then one more that sets the first delay.
    const input = { username: 'nacc.phitsanulok', password: 'bad-password-x' };
    const codes: (string | null)[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(errorCode(await server.anonymous(LOGIN, { input })));
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'RATE_LIMITED',
    ]);
    const blocked = await server.anonymous(LOGIN, {
      input: { username: 'nacc.phitsanulok', password: world.provincial.password },
    });
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.errors?.[0].message).toContain('กรุณาลองใหม่อีกครั้งในอีก');
    // Another account from the same address is not slowed down by it, nor is this one from elsewhere.
    const other = await server.anonymous(LOGIN, {
      input: { username: 'nacc.central', password: world.central.password },
    });
    expect(other.errors).toBeUndefined();
    const elsewhere = server.client(null, { 'x-forwarded-for': '198.51.100.40' });
    expect(
      (
        await elsewhere(LOGIN, {
          input: { username: 'nacc.phitsanulok', password: world.provincial.password },
        })
      ).errors,
    ).toBeUndefined();
    await server.dataSource.query(`DELETE FROM sign_in_throttle`);
  });

  it('ends the session on logout: the same token no longer works', async () => {
    const client = await signIn(server, 'nacc.central', world.central.password);
    expect((await client(`mutation { logout }`)).data?.logout).toBe(true);
    expect((await client(VIEWER)).data?.viewer).toBeNull();
    expect(errorCode(await client(LAOS))).toBe('UNAUTHENTICATED');
    const sessions = await server.dataSource.getRepository(Session).countBy({ accountId: world.central.id });
    expect(sessions).toBeGreaterThan(0);
  });

  it('answers UNAUTHENTICATED, not FORBIDDEN, when an ended session reads fields of signed-in users', async () => {
    // The app's documents spread fragments of private types, which anonymous callers are refused
    // (FORBIDDEN) before any root runs; a token whose session ended must still send the app back
    // to sign-in, not show "no permission" (issue 21).
    const PLAN = `query { plan(laoId: "${world.dintong.id}", fiscalYear: 2566) { ...P } }
      fragment P on Plan { id viewerCan { submit } }`;
    const client = await signIn(server, 'nacc.central', world.central.password);
    expect(errorCode(await client(PLAN))).not.toBe('FORBIDDEN');
    expect((await client(`mutation { logout }`)).data?.logout).toBe(true);
    expect(errorCode(await client(PLAN))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.client('garbage')(PLAN))).toBe('UNAUTHENTICATED');
    expect(errorCode(await server.anonymous(PLAN))).toBe('FORBIDDEN');
  });

  it('rejects tokens that are forged, of another algorithm, of another audience or expired', async () => {
    const good = await signIn(server, 'nacc.central', world.central.password);
    const claims = jwt.decode(good.token as string) as jwt.JwtPayload;
    const payload = { sid: claims.sid, sub: claims.sub, iss: claims.iss, aud: claims.aud };
    const forged = jwt.sign(payload, 'another-secret', { algorithm: 'HS256', expiresIn: 60 });
    const none = jwt.sign(payload, '', { algorithm: 'none' as jwt.Algorithm });
    const otherAudience = jwt.sign({ ...payload, aud: 'someone-else' }, server.config.jwt.secret, {
      expiresIn: 60,
    });
    const expired = jwt.sign(
      { ...payload, exp: Math.floor(Date.now() / 1000) - 10 },
      server.config.jwt.secret,
    );
    for (const token of [forged, none, otherAudience, expired, 'garbage']) {
      expect(errorCode(await server.client(token)(LAOS))).toBe('UNAUTHENTICATED');
    }
    expect((await good(LAOS)).errors).toBeUndefined();
  });

  it('changes the password: other sessions end, the new token works, the old password does not', async () => {
    const account = world.provincial;
    await server.dataSource.query(`DELETE FROM sign_in_throttle`);
    const first = await signIn(server, account.username, account.password);
    const second = await signIn(server, account.username, account.password);
    const weak = await first(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`,
      { input: { currentPassword: account.password, newPassword: 'password1' } },
    );
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    const changed = await first<{ changePassword: { token: string } }>(
      `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`,
      { input: { currentPassword: account.password, newPassword: 'Brand-New-Secret-77' } },
    );
    expect(changed.errors).toBeUndefined();
    expect(errorCode(await first(LAOS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await second(LAOS))).toBe('UNAUTHENTICATED');
    expect((await server.client(changed.data?.changePassword.token)(LAOS)).errors).toBeUndefined();
    expect(
      errorCode(
        await server.anonymous(LOGIN, { input: { username: account.username, password: account.password } }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    await signIn(server, account.username, 'Brand-New-Secret-77');
  });

  it('stores only argon2id hashes', async () => {
    const account = await server.dataSource
      .getRepository(Account)
      .findOneByOrFail({ username: 'nacc.central' });
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
