import { defaultSignInThrottle } from '../../../server/config';
import { Lao } from '../../../server/modules/lao/lao.entity';
import { completeProfile, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { resetLinkIn, startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const REQUEST = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

describe('forgot password', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: World;
  const email = 'coordinator.dintong@example.go.th';

  /** The next mail to `address` (from now on) and the token of its reset link. */
  const tokenFrom = async (address: string) => {
    const mail = await smtp.waitFor(address, smtp.received.length);
    return { mail, token: new URL(resetLinkIn(mail)).searchParams.get('token') as string };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      smtpUrl: smtp.url,
      devOutbox: false,
      publicUrl: 'https://plan.example.go.th',
      // Several requests for one account from this one address; lockout.test.ts tests the limits.
      signInThrottle: {
        ...defaultSignInThrottle,
        resetRequest: {
          ...defaultSignInThrottle.resetRequest,
          pair: { ...defaultSignInThrottle.resetRequest.pair, freeFailures: 20 },
        },
        resetMailsPerLinkLifetime: 20,
      },
    });
    world = await createWorld(server.dataSource);
    await server.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { ...completeProfile, coordinatorEmail: email });
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Original-Pass-2565' });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  it('mails a single-use link to the registered email; the new password works and old sessions end', async () => {
    const session = await signIn(server, world.dintong.code, 'Original-Pass-2565');
    const requested = server.anonymous(REQUEST, {
      input: { username: world.dintong.code, email: 'Coordinator.Dintong@example.go.th' },
    });
    const [response, { mail, token }] = await Promise.all([requested, tokenFrom(email)]);
    expect(response.data?.requestPasswordReset).toBe(true);
    expect(mail.subject).toContain('ตั้งรหัสผ่านใหม่');
    expect(resetLinkIn(mail).startsWith('https://plan.example.go.th/reset-password?token=')).toBe(true);
    expect(mail.text).not.toContain('Original-Pass-2565');

    const reset = await server.anonymous(RESET, { input: { token, newPassword: 'Fresh-Pass-2566' } });
    expect(reset.errors).toBeUndefined();
    expect(errorCode(await session(`{ lao(code: "${world.dintong.code}") { id } }`))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await server.anonymous(LOGIN, {
          input: { username: world.dintong.code, password: 'Original-Pass-2565' },
        }),
      ),
    ).toBe('INVALID_CREDENTIALS');
    await signIn(server, world.dintong.code, 'Fresh-Pass-2566');

    // The same link a second time is refused.
    const again = await server.anonymous(RESET, { input: { token, newPassword: 'Another-Pass-2567' } });
    expect(errorCode(again)).toBe('INVALID_RESET_TOKEN');
  });

  it('answers the same when code and email do not match, and sends nothing', async () => {
    const before = smtp.received.length;
    for (const input of [
      { username: world.dintong.code, email: 'someone.else@example.com' },
      { username: '9999999', email },
      { username: world.wangPikul.code, email },
    ]) {
      const response = await server.anonymous(REQUEST, { input });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ requestPasswordReset: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses an expired link', async () => {
    const requested = server.anonymous(REQUEST, { input: { username: world.dintong.code, email } });
    const [, { token }] = await Promise.all([requested, tokenFrom(email)]);
    await server.dataSource.query(
      `UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    const response = await server.anonymous(RESET, { input: { token, newPassword: 'Too-Late-Pass-99' } });
    expect(errorCode(response)).toBe('INVALID_RESET_TOKEN');
    expect(response.errors?.[0].message).toContain('หมดอายุ');
  });

  it('refuses a weak new password and keeps the link usable', async () => {
    const requested = server.anonymous(REQUEST, { input: { username: world.dintong.code, email } });
    const [, { token }] = await Promise.all([requested, tokenFrom(email)]);
    expect(errorCode(await server.anonymous(RESET, { input: { token, newPassword: 'qwerty123' } }))).toBe(
      'WEAK_PASSWORD',
    );
    expect(
      (await server.anonymous(RESET, { input: { token, newPassword: 'Finally-Strong-42' } })).errors,
    ).toBeUndefined();
  });

  it('slows down requests per client address once its free requests are spent', async () => {
    await server.dataSource.query('DELETE FROM sign_in_throttle');
    const codes: (string | null)[] = [];
    // The free ones, one more (it sets the delay), then one refused.
    for (let i = 0; i < defaultSignInThrottle.resetRequest.address.freeFailures + 2; i += 1) {
      codes.push(
        errorCode(
          await server.anonymous(REQUEST, { input: { username: `123456${i % 10}`, email: 'x@example.com' } }),
        ),
      );
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.slice(0, -1).every((code) => code === null)).toBe(true);
  });
});
