import { generateSync } from 'otplib';
import { Role } from '../../../server/auth/role';
import { defaultSignInThrottle } from '../../../server/config';
import { Account } from '../../../server/modules/account/account.entity';
import { RecoveryCode } from '../../../server/modules/account/recovery-code.entity';
import { clearSecondFactor } from '../../../server/modules/account/second-factor.service';
import { SignInChallenge } from '../../../server/modules/account/sign-in-challenge.entity';
import { createAccount, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token expiresAt viewer { account { username } } secondFactor { token step expiresAt } }
}`;
const COMPLETE = `mutation($input: CompleteSecondFactorSignInInput!) {
  completeSecondFactorSignIn(input: $input) { token viewer { account { username } secondFactorEnabled recoveryCodesLeft } }
}`;
const START = `mutation($challengeToken: String) {
  startSecondFactorEnrolment(challengeToken: $challengeToken) { secret otpauthUri qrCodeDataUrl }
}`;
const CONFIRM = `mutation($input: ConfirmSecondFactorEnrolmentInput!) {
  confirmSecondFactorEnrolment(input: $input) { recoveryCodes session { token viewer { account { username } } } }
}`;
const DISABLE = `mutation($input: DisableSecondFactorInput!) {
  disableSecondFactor(input: $input) { secondFactorEnabled secondFactorRequired recoveryCodesLeft }
}`;
const VIEWER = `{ viewer { account { username } secondFactorEnabled secondFactorRequired secondFactorAvailable recoveryCodesLeft } }`;

const period = 30;
/** The server's clock (config.now): moved forward instead of waiting out TOTP steps. */
const clock = { now: Date.now() };
const currentStep = () => Math.floor(clock.now / 1000 / period);

/**
 * Codes of one authenticator app: each call gives a code of a step not used yet and still
 * accepted (the current step or the next, as a phone slightly ahead would show); when both are
 * spent, the clock moves on to the next step (as waiting 30 seconds would).
 */
const authenticator = (secret: string) => {
  let last = -1;
  return {
    secret,
    async next(): Promise<string> {
      const step = Math.max(last + 1, currentStep());
      if (step > currentStep() + 1) clock.now = (step - 1) * period * 1000 + 1000;
      last = step;
      return generateSync({ secret, epoch: step * period + 1 });
    },
    /** A code of a step already used (the replay). */
    used: (step: number) => generateSync({ secret, epoch: step * period + 1 }),
    get lastStep() {
      return last;
    },
  };
};

describe('second factor (TOTP) for staff', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    const generous = { freeFailures: 1000, firstDelaySeconds: 1, maxDelaySeconds: 1, forgetAfterSeconds: 60 };
    server = await startTestServer({
      now: () => new Date(clock.now),
      secondFactor: { policy: 'administrators', key: null, issuer: 'ป.ป.ช. ทดสอบ', challengeTtlSeconds: 600 },
      signInThrottle: {
        ...defaultSignInThrottle,
        login: { device: generous, pair: generous, address: generous, account: generous },
      },
    });
    world = await createWorld(server.dataSource);
  });
  afterAll(() => server.stop());

  const login = (username: string, password: string) =>
    server.anonymous(LOGIN, { input: { username, password } });

  const staff = (username: string, overrides: Partial<Account> = {}) =>
    createAccount(server.dataSource, {
      username,
      role: Role.NACC_PROVINCE,
      provinceId: world.phitsanulok.id,
      ...overrides,
    });

  /** Signs in (no second factor yet), enrols an app on the account page, returns the app and codes. */
  const enrolSignedIn = async (username: string, password: string) => {
    const client = server.client((await login(username, password)).data?.login.token);
    const started = await client(START);
    expect(started.errors).toBeUndefined();
    const app = authenticator(started.data?.startSecondFactorEnrolment.secret);
    const confirmed = await client(CONFIRM, { input: { totpCode: await app.next() } });
    expect(confirmed.errors).toBeUndefined();
    return {
      client,
      app,
      recoveryCodes: confirmed.data?.confirmSecondFactorEnrolment.recoveryCodes as string[],
    };
  };

  const challengeOf = async (username: string, password: string): Promise<string> => {
    const response = await login(username, password);
    expect(response.errors).toBeUndefined();
    return response.data?.login.secondFactor.token;
  };

  it('enrols from the account page: QR code and manual key, confirmed by a code, ten recovery codes shown once', async () => {
    const officer = await staff('officer.enrol');
    const client = server.client((await login(officer.username, officer.password)).data?.login.token);
    expect((await client(VIEWER)).data?.viewer).toMatchObject({
      secondFactorEnabled: false,
      secondFactorRequired: false,
      secondFactorAvailable: true,
    });
    const started = (await client(START)).data?.startSecondFactorEnrolment;
    expect(started.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    expect(decodeURIComponent(started.otpauthUri)).toContain('ป.ป.ช. ทดสอบ:officer.enrol');
    expect(started.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    // The secret is stored encrypted (AES-GCM, bound to the account), not as typed into the app.
    const stored = await server.dataSource.getRepository(Account).findOneByOrFail({ id: officer.id });
    expect(stored.totpSecret).toMatch(/^v1\./);
    expect(stored.totpSecret).not.toContain(started.secret);
    expect(stored.totpEnabledAt).toBeNull();

    const app = authenticator(started.secret);
    // A code of the app from five steps (2½ minutes) ago.
    const wrong = await client(CONFIRM, { input: { totpCode: app.used(currentStep() - 5) } });
    expect(errorCode(wrong)).toBe('INVALID_SECOND_FACTOR');
    expect(wrong.errors?.[0].message).toContain('รหัสยืนยันไม่ถูกต้อง');

    const confirmed = await client(CONFIRM, { input: { totpCode: await app.next() } });
    expect(confirmed.errors).toBeUndefined();
    const codes: string[] = confirmed.data?.confirmSecondFactorEnrolment.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(confirmed.data?.confirmSecondFactorEnrolment.session).toBeNull();
    // Only digests are kept.
    const rows = await server.dataSource.getRepository(RecoveryCode).findBy({ accountId: officer.id });
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(codes.map((code) => code.replace('-', ''))).not.toContain(row.codeDigest);
    expect((await client(VIEWER)).data?.viewer).toMatchObject({
      secondFactorEnabled: true,
      recoveryCodesLeft: 10,
    });
    // Enrolling again while enrolled is refused (turn it off first).
    expect(errorCode(await client(START))).toBe('INVALID_STATE');
  });

  it('asks for the code after the password: a challenge, not a session; a wrong code is refused; the right one signs in', async () => {
    const officer = await staff('officer.totp');
    const { app } = await enrolSignedIn(officer.username, officer.password);
    const response = await login(officer.username, officer.password);
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.token).toBeNull();
    expect(response.data?.login.viewer).toBeNull();
    const challenge = response.data?.login.secondFactor;
    expect(challenge.step).toBe('CODE_REQUIRED');
    expect(new Date(challenge.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // The challenge is no bearer token.
    expect((await server.client(challenge.token)(VIEWER)).data?.viewer ?? null).toBeNull();

    const wrong = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge.token, totpCode: '123456' },
    });
    expect(errorCode(wrong)).toBe('INVALID_SECOND_FACTOR');
    expect(wrong.errors?.[0].message).toContain('รหัสยืนยันไม่ถูกต้อง');
    const letters = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge.token, totpCode: 'abcdef' },
    });
    expect(errorCode(letters)).toBe('BAD_USER_INPUT');

    const right = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge.token, totpCode: await app.next() },
    });
    expect(right.errors).toBeUndefined();
    expect(right.data?.completeSecondFactorSignIn.viewer).toMatchObject({
      account: { username: 'officer.totp' },
      secondFactorEnabled: true,
    });
    const signedIn = server.client(right.data?.completeSecondFactorSignIn.token);
    expect((await signedIn(`{ laos(first: 5) { totalCount } }`)).data?.laos.totalCount).toBe(2);
    // A challenge completes once.
    const again = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge.token, totpCode: await app.next() },
    });
    expect(errorCode(again)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
  });

  it('does not accept a code twice (replay within its window)', async () => {
    const officer = await staff('officer.replay');
    const { app } = await enrolSignedIn(officer.username, officer.password);
    const first = await server.anonymous(COMPLETE, {
      input: {
        challengeToken: await challengeOf(officer.username, officer.password),
        totpCode: await app.next(),
      },
    });
    expect(first.errors).toBeUndefined();
    const replayed = await server.anonymous(COMPLETE, {
      input: {
        challengeToken: await challengeOf(officer.username, officer.password),
        totpCode: app.used(app.lastStep),
      },
    });
    expect(errorCode(replayed)).toBe('INVALID_SECOND_FACTOR');
  });

  it('signs in with a recovery code once; the same code never works again', async () => {
    const officer = await staff('officer.recovery');
    const { recoveryCodes } = await enrolSignedIn(officer.username, officer.password);
    const [code] = recoveryCodes;
    const first = await server.anonymous(COMPLETE, {
      input: {
        challengeToken: await challengeOf(officer.username, officer.password),
        // As typed: lower case, no dash.
        recoveryCode: code.toLowerCase().replace('-', ' '),
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.completeSecondFactorSignIn.viewer.recoveryCodesLeft).toBe(9);
    const second = await server.anonymous(COMPLETE, {
      input: { challengeToken: await challengeOf(officer.username, officer.password), recoveryCode: code },
    });
    expect(errorCode(second)).toBe('INVALID_SECOND_FACTOR');
    // Another account's recovery code is no good either.
    const other = await staff('officer.recovery2');
    const otherCodes = (await enrolSignedIn(other.username, other.password)).recoveryCodes;
    const crossed = await server.anonymous(COMPLETE, {
      input: {
        challengeToken: await challengeOf(officer.username, officer.password),
        recoveryCode: otherCodes[0],
      },
    });
    expect(errorCode(crossed)).toBe('INVALID_SECOND_FACTOR');
  });

  it('expires the challenge, and spends it after five wrong codes', async () => {
    const officer = await staff('officer.expiry');
    const { app } = await enrolSignedIn(officer.username, officer.password);
    const expiring = await challengeOf(officer.username, officer.password);
    await server.dataSource
      .getRepository(SignInChallenge)
      .update({ accountId: officer.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await server.anonymous(COMPLETE, {
      input: { challengeToken: expiring, totpCode: await app.next() },
    });
    expect(errorCode(expired)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
    expect(expired.errors?.[0].message).toContain('กรุณากรอกชื่อผู้ใช้งานและรหัสผ่านใหม่อีกครั้ง');

    const guessed = await challengeOf(officer.username, officer.password);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await server.anonymous(COMPLETE, {
        input: { challengeToken: guessed, totpCode: `00000${i}` },
      });
      expect(errorCode(wrong)).toBe('INVALID_SECOND_FACTOR');
    }
    const tooLate = await server.anonymous(COMPLETE, {
      input: { challengeToken: guessed, totpCode: await app.next() },
    });
    expect(errorCode(tooLate)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
  });

  it('stops guessing across sign-ins: ten wrong codes in 15 minutes spend every new challenge of the account', async () => {
    const officer = await staff('officer.guessing');
    const { app } = await enrolSignedIn(officer.username, officer.password);
    for (let round = 0; round < 2; round += 1) {
      const challenge = await challengeOf(officer.username, officer.password);
      for (let i = 0; i < 5; i += 1)
        await server.anonymous(COMPLETE, { input: { challengeToken: challenge, totpCode: `99999${i}` } });
    }
    const fresh = await challengeOf(officer.username, officer.password);
    const right = await server.anonymous(COMPLETE, {
      input: { challengeToken: fresh, totpCode: await app.next() },
    });
    expect(errorCode(right)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
  });

  it('makes an administrator without a second factor enrol before getting a session', async () => {
    const admin = await createAccount(server.dataSource, { username: 'admin.new', administrator: true });
    const response = await login(admin.username, admin.password);
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.token).toBeNull();
    const challenge = response.data?.login.secondFactor;
    expect(challenge.step).toBe('ENROLMENT_REQUIRED');
    // An enrolment challenge completes nothing but the enrolment.
    const asCode = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge.token, totpCode: '123456' },
    });
    expect(errorCode(asCode)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
    expect(errorCode(await server.anonymous(START))).toBe('UNAUTHENTICATED');

    const started = await server.anonymous(START, { challengeToken: challenge.token });
    expect(started.errors).toBeUndefined();
    const app = authenticator(started.data?.startSecondFactorEnrolment.secret);
    const wrong = await server.anonymous(CONFIRM, {
      input: { challengeToken: challenge.token, totpCode: '000001' },
    });
    expect(errorCode(wrong)).toBe('INVALID_SECOND_FACTOR');
    const confirmed = await server.anonymous(CONFIRM, {
      input: { challengeToken: challenge.token, totpCode: await app.next() },
    });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmSecondFactorEnrolment.recoveryCodes).toHaveLength(10);
    const session = confirmed.data?.confirmSecondFactorEnrolment.session;
    expect(session.viewer.account.username).toBe('admin.new');
    const client = server.client(session.token);
    expect((await client(VIEWER)).data?.viewer).toMatchObject({
      secondFactorEnabled: true,
      secondFactorRequired: true,
    });
    // Required: it cannot be turned off.
    const disable = await client(DISABLE, { input: { totpCode: await app.next() } });
    expect(errorCode(disable)).toBe('SECOND_FACTOR_REQUIRED');
    expect(disable.errors?.[0].message).toContain('ตามนโยบาย');
    // From now on the administrator signs in with a code.
    expect((await login(admin.username, admin.password)).data?.login.secondFactor.step).toBe('CODE_REQUIRED');
  });

  it('leaves LAO accounts alone: a session at once, and no enrolment', async () => {
    const lao = await createLaoAccount(server.dataSource, world.dintong);
    const response = await login(lao.username, lao.password);
    expect(response.data?.login.secondFactor).toBeNull();
    const client = server.client(response.data?.login.token);
    expect((await client(VIEWER)).data?.viewer).toMatchObject({
      secondFactorAvailable: false,
      secondFactorRequired: false,
    });
    expect(errorCode(await client(START))).toBe('FORBIDDEN');
    expect(errorCode(await client(DISABLE, { input: { totpCode: '123456' } }))).toBe('FORBIDDEN');
  });

  it('turns an optional second factor off with a current code; then the password alone signs in', async () => {
    const officer = await staff('officer.disable');
    const { client, app } = await enrolSignedIn(officer.username, officer.password);
    expect(errorCode(await client(DISABLE, { input: { totpCode: '000002' } }))).toBe('INVALID_SECOND_FACTOR');
    const disabled = await client(DISABLE, { input: { totpCode: await app.next() } });
    expect(disabled.errors).toBeUndefined();
    expect(disabled.data?.disableSecondFactor).toEqual({
      secondFactorEnabled: false,
      secondFactorRequired: false,
      recoveryCodesLeft: 0,
    });
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ accountId: officer.id })).toBe(0);
    const response = await login(officer.username, officer.password);
    expect(response.data?.login.secondFactor).toBeNull();
    expect(response.data?.login.token).toEqual(expect.any(String));
  });

  it('clearSecondFactor (the administrators’ reset) removes secret and recovery codes; deleting the account removes its codes', async () => {
    const admin = await createAccount(server.dataSource, { username: 'admin.reset', administrator: true });
    const challenge = await challengeOf(admin.username, admin.password);
    const app = authenticator(
      (await server.anonymous(START, { challengeToken: challenge })).data?.startSecondFactorEnrolment.secret,
    );
    await server.anonymous(CONFIRM, { input: { challengeToken: challenge, totpCode: await app.next() } });
    const pending = await challengeOf(admin.username, admin.password);
    await server.dataSource.transaction((manager) => clearSecondFactor(manager, admin.id));
    const cleared = await server.dataSource.getRepository(Account).findOneByOrFail({ id: admin.id });
    expect([cleared.totpSecret, cleared.totpEnabledAt, cleared.totpLastStep]).toEqual([null, null, null]);
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ accountId: admin.id })).toBe(0);
    // A sign-in waiting for a code of the old app is over.
    const stale = await server.anonymous(COMPLETE, {
      input: { challengeToken: pending, totpCode: await app.next() },
    });
    expect(errorCode(stale)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
    expect((await login(admin.username, admin.password)).data?.login.secondFactor.step).toBe(
      'ENROLMENT_REQUIRED',
    );

    const leaving = await staff('officer.leaving');
    await enrolSignedIn(leaving.username, leaving.password);
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ accountId: leaving.id })).toBe(10);
    await server.dataSource.getRepository(Account).delete({ id: leaving.id });
    expect(await server.dataSource.getRepository(RecoveryCode).countBy({ accountId: leaving.id })).toBe(0);
  });

  it('audits the second-factor mutations without their codes or challenge tokens', async () => {
    const officer = await staff('officer.audit');
    const { recoveryCodes } = await enrolSignedIn(officer.username, officer.password);
    const challenge = await challengeOf(officer.username, officer.password);
    await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge, recoveryCode: recoveryCodes[1] },
    });
    const rows = await server.dataSource.query<{ operation: string; outcome: string; arguments: unknown }[]>(
      `SELECT operation, outcome, arguments FROM audit_event
        WHERE operation IN ('confirmSecondFactorEnrolment', 'completeSecondFactorSignIn') ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.map((row) => [row.operation, row.outcome])).toEqual([
      ['completeSecondFactorSignIn', 'OK'],
      ['confirmSecondFactorEnrolment', 'OK'],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(recoveryCodes[1]);
    expect(text).not.toContain(challenge);
    expect(rows[0].arguments).toEqual({
      input: { challengeToken: '[redacted]', recoveryCode: '[redacted]' },
    });
  });

  it('refuses a disabled account’s pending challenge', async () => {
    const officer = await staff('officer.disabled');
    const { app } = await enrolSignedIn(officer.username, officer.password);
    const challenge = await challengeOf(officer.username, officer.password);
    await server.dataSource.getRepository(Account).update({ id: officer.id }, { disabledAt: new Date() });
    const response = await server.anonymous(COMPLETE, {
      input: { challengeToken: challenge, totpCode: await app.next() },
    });
    expect(errorCode(response)).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
  });
});
