import { Role } from '../../../server/auth/role';
import { Account } from '../../../server/modules/account/account.entity';
import { AuditEvent } from '../../../server/modules/audit/audit-event.entity';
import { createAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { type ReceivedMail, startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const STAFF_FIELDS = `id username displayName email staffRole role usesDirectory secondFactorEnabled disabledAt activatedAt invitationExpiresAt province { id } region { id }`;
const INVITE = `mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { ${STAFF_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateStaffAccountInput!) { updateStaffAccount(input: $input) { ${STAFF_FIELDS} } }`;
const ACCEPT = `mutation($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const disable = (id: string) => `mutation { disableStaffAccount(accountId: "${id}") { id disabledAt } }`;
const enable = (id: string) => `mutation { enableStaffAccount(accountId: "${id}") { id disabledAt } }`;

const setupLinkIn = (mail: ReceivedMail): string => {
  const link = /https?:\/\/\S+\/setup-password\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No setup link in mail: ${mail.text}`);
  return link;
};
const tokenOf = (mail: ReceivedMail) => new URL(setupLinkIn(mail)).searchParams.get('token') as string;

describe('staff accounts: NACC central administrators invite and manage staff', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: World;
  let admin: GraphQLClient;

  /** Invites and returns the account and the mail it got. */
  const invite = async (input: Record<string, unknown>) => {
    const since = smtp.received.length;
    const response = await admin(INVITE, { input: { usesDirectory: false, ...input } });
    expect(response.errors).toBeUndefined();
    const mail = await smtp.waitFor(input.email as string, since);
    return { account: response.data!.inviteStaff as Record<string, unknown> & { id: string }, mail };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({
      smtpUrl: smtp.url,
      devOutbox: false,
      publicUrl: 'https://plan.example.go.th',
    });
    world = await createWorld(server.dataSource);
    admin = await signIn(server, world.central.username, world.central.password);
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  it('invites a provincial officer: the mailed link sets her password once, then she signs in', async () => {
    const before = Date.now();
    const { account, mail } = await invite({
      username: 'somying.p',
      displayName: 'นางสาวสมหญิง ใจดี',
      email: 'somying@example.go.th',
      staffRole: 'PROVINCIAL_OFFICE',
      provinceId: '65',
    });
    expect(account).toMatchObject({
      username: 'somying.p',
      staffRole: 'PROVINCIAL_OFFICE',
      role: 'NACC_PROVINCE',
      province: { id: '65' },
      region: null,
      activatedAt: null,
      disabledAt: null,
      secondFactorEnabled: false,
    });
    // 72 hours by default (STAFF_INVITATION_TTL_HOURS).
    const expires = new Date(account.invitationExpiresAt as string).getTime();
    expect(expires - before).toBeGreaterThan(71.9 * 3600_000);
    expect(expires - before).toBeLessThan(72.1 * 3600_000);
    expect(mail.subject).toContain('คำเชิญ');
    expect(mail.text).toContain('somying.p');
    expect(mail.text).toContain('ประจำจังหวัด');
    expect(setupLinkIn(mail).startsWith('https://plan.example.go.th/setup-password?token=')).toBe(true);

    const token = tokenOf(mail);
    // No password yet: nobody signs in as her.
    expect(
      errorCode(await server.anonymous(LOGIN, { input: { username: 'somying.p', password: 'x' } })),
    ).toBe('INVALID_CREDENTIALS');
    // The password rules of server/auth/password.ts apply.
    const weak = await server.anonymous(ACCEPT, { input: { token, newPassword: 'somying.p-2566' } });
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    expect(weak.errors?.[0].message).toBe('รหัสผ่านต้องไม่มีรหัส อปท. หรือชื่อผู้ใช้งานอยู่ในนั้น');

    const accepted = await server.anonymous(ACCEPT, {
      input: { token, newPassword: 'Phitsanulok-Office-2566' },
    });
    expect(accepted.data?.acceptStaffInvitation).toBe(true);
    const again = await server.anonymous(ACCEPT, { input: { token, newPassword: 'Another-Pass-2566' } });
    expect(errorCode(again)).toBe('INVALID_RESET_TOKEN');
    expect(again.errors?.[0].message).toBe(
      'ลิงก์ตั้งรหัสผ่านไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุ กรุณาขอให้ผู้ดูแลระบบส่งคำเชิญใหม่',
    );

    const officer = await signIn(server, 'somying.p', 'Phitsanulok-Office-2566');
    const viewer = await officer(`{ viewer { account { role } province { id } reachProvinces { id } } }`);
    expect(viewer.data?.viewer).toEqual({
      account: { role: 'NACC_PROVINCE' },
      province: { id: '65' },
      reachProvinces: [{ id: '65' }],
    });
    // She issues activation codes for her province, not for another.
    const codes = await officer(
      `mutation { issueActivationCodesForProvince(input: { provinceId: "65" }) { code } }`,
    );
    expect(codes.errors).toBeUndefined();
    expect((codes.data?.issueActivationCodesForProvince as unknown[]).length).toBe(2);
    expect(
      errorCode(
        await officer(`mutation { issueActivationCodesForProvince(input: { provinceId: "54" }) { code } }`),
      ),
    ).toBe('NOT_FOUND');

    const listed = await admin(
      `{ staffAccounts(search: "สมหญิง") { totalCount edges { node { activatedAt invitationExpiresAt } } } }`,
    );
    expect(listed.data?.staffAccounts.totalCount).toBe(1);
    expect(listed.data?.staffAccounts.edges[0].node.activatedAt).not.toBeNull();
    expect(listed.data?.staffAccounts.edges[0].node.invitationExpiresAt).toBeNull();
  });

  it('an expired link is refused; re-sending mails a new one and the old one stops working', async () => {
    const { account, mail } = await invite({
      username: 'analyst.a',
      displayName: 'นายวิเคราะห์ ข้อมูล',
      email: 'analyst.a@example.go.th',
      staffRole: 'CENTRAL_ANALYST',
    });
    const first = tokenOf(mail);
    await server.dataSource.query(
      `UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE account_id = $1`,
      [account.id],
    );
    expect(
      errorCode(
        await server.anonymous(ACCEPT, { input: { token: first, newPassword: 'Analyst-Pass-2566' } }),
      ),
    ).toBe('INVALID_RESET_TOKEN');

    const since = smtp.received.length;
    const resent = await admin(
      `mutation { resendStaffInvitation(accountId: "${account.id}") { invitationExpiresAt } }`,
    );
    expect(resent.errors).toBeUndefined();
    expect(resent.data?.resendStaffInvitation.invitationExpiresAt).not.toBeNull();
    const second = tokenOf(await smtp.waitFor('analyst.a@example.go.th', since));
    expect(second).not.toBe(first);
    const since2 = smtp.received.length;
    await admin(`mutation { resendStaffInvitation(accountId: "${account.id}") { id } }`);
    const third = tokenOf(await smtp.waitFor('analyst.a@example.go.th', since2));
    expect(
      errorCode(
        await server.anonymous(ACCEPT, { input: { token: second, newPassword: 'Analyst-Pass-2566' } }),
      ),
    ).toBe('INVALID_RESET_TOKEN');
    expect(
      (await server.anonymous(ACCEPT, { input: { token: third, newPassword: 'Analyst-Pass-2566' } })).data
        ?.acceptStaffInvitation,
    ).toBe(true);
    // Once the password is set, there is nothing to re-send.
    const done = await admin(`mutation { resendStaffInvitation(accountId: "${account.id}") { id } }`);
    expect(errorCode(done)).toBe('INVALID_STATE');
    expect(done.errors?.[0].message).toContain('ตั้งรหัสผ่านแล้ว');
    // An analyst is NACC central but no administrator: every staff operation refuses it.
    const analyst = await signIn(server, 'analyst.a', 'Analyst-Pass-2566');
    for (const document of [
      `{ staffAccounts { totalCount } }`,
      `mutation { resendStaffInvitation(accountId: "${account.id}") { id } }`,
      disable(world.central.id),
      `mutation { resetStaffSecondFactor(accountId: "${account.id}") { id } }`,
      `mutation { assignProvinceRegion(input: { provinceId: "65", regionId: "1" }) { id } }`,
    ]) {
      const refused = await analyst(document);
      expect({ document, code: errorCode(refused) }).toEqual({ document, code: 'FORBIDDEN' });
      expect(refused.errors?.[0].message).toBe('คุณไม่มีสิทธิ์ดำเนินการนี้');
    }
    const invited = await analyst(INVITE, {
      input: {
        username: 'sneaky',
        displayName: 'x',
        email: 'x@example.go.th',
        staffRole: 'CENTRAL_ADMINISTRATOR',
        usesDirectory: false,
      },
    });
    expect(errorCode(invited)).toBe('FORBIDDEN');
    // Regions are read by any NACC account.
    expect((await analyst(`{ regions { id } }`)).data?.regions).toHaveLength(9);
  });

  it('a directory account is invited without a link', async () => {
    const { account, mail } = await invite({
      username: 'ldap.user',
      displayName: 'ผู้ใช้ไดเรกทอรี',
      email: 'ldap.user@example.go.th',
      staffRole: 'CENTRAL_ANALYST',
      usesDirectory: true,
    });
    expect(account).toMatchObject({ usesDirectory: true, invitationExpiresAt: null });
    expect(mail.text).not.toContain('setup-password');
    expect(mail.text).toContain('ระบบบัญชีผู้ใช้ขององค์กร');
    expect(
      errorCode(await admin(`mutation { resendStaffInvitation(accountId: "${account.id}") { id } }`)),
    ).toBe('INVALID_STATE');
  });

  it('refuses bad input: user name, taken name, mail, scope a role needs', async () => {
    const base = { displayName: 'ทดสอบ', email: 'scope@example.go.th', usesDirectory: false };
    const fieldsOf = async (input: Record<string, unknown>) => {
      const response = await admin(INVITE, { input: { ...base, ...input } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      return (response.errors?.[0].extensions?.fields ?? []).map((field) => [field.field, field.message]);
    };
    expect(await fieldsOf({ username: '5650802', staffRole: 'CENTRAL_ANALYST' })).toEqual([
      ['username', expect.stringContaining('ต้องไม่เป็นตัวเลขล้วน')],
    ]);
    expect(await fieldsOf({ username: 'Has Space', staffRole: 'CENTRAL_ANALYST' })).toHaveLength(1);
    expect(await fieldsOf({ username: 'nacc.central', staffRole: 'CENTRAL_ANALYST' })).toEqual([
      ['username', 'ชื่อผู้ใช้งานนี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น'],
    ]);
    expect(await fieldsOf({ username: 'mailless', staffRole: 'CENTRAL_ANALYST', email: 'not-mail' })).toEqual(
      [['email', 'รูปแบบอีเมลไม่ถูกต้อง']],
    );
    expect(await fieldsOf({ username: 'noprovince', staffRole: 'PROVINCIAL_OFFICE' })).toEqual([
      ['provinceId', 'กรุณาเลือกจังหวัดของสำนักงาน ป.ป.ช. ประจำจังหวัด'],
    ]);
    expect(
      await fieldsOf({ username: 'badprovince', staffRole: 'PROVINCIAL_OFFICE', provinceId: '99' }),
    ).toEqual([['provinceId', 'ไม่พบจังหวัดที่เลือก']]);
    expect(await fieldsOf({ username: 'noregion', staffRole: 'REGIONAL_OFFICE' })).toEqual([
      ['regionId', 'กรุณาเลือกภาคของสำนักงาน ป.ป.ช. ภาค (ภาค 1–9)'],
    ]);
    expect(await fieldsOf({ username: 'badregion', staffRole: 'REGIONAL_OFFICE', regionId: '10' })).toEqual([
      ['regionId', 'กรุณาเลือกภาคของสำนักงาน ป.ป.ช. ภาค (ภาค 1–9)'],
    ]);
    // None of them was created.
    const count = await server.dataSource.getRepository(Account).countBy({ email: 'scope@example.go.th' });
    expect(count).toBe(0);
    // An LAO account is not a staff account: not found.
    const lao = await server.dataSource
      .getRepository(Account)
      .save(
        server.dataSource
          .getRepository(Account)
          .create({ username: world.paMaet.code, role: Role.LAO, laoId: world.paMaet.id, displayName: 'x' }),
      );
    expect(errorCode(await admin(disable(lao.id)))).toBe('NOT_FOUND');
    expect(errorCode(await admin(disable('not-an-id')))).toBe('NOT_FOUND');
  });

  it('changes role and scope: a provincial office becomes a regional office, then central', async () => {
    const officer = await createAccount(server.dataSource, {
      username: 'officer.move',
      role: Role.NACC_PROVINCE,
      provinceId: 65,
      email: 'move@example.go.th',
    });
    const session = await signIn(server, officer.username, officer.password);
    const update = (input: Record<string, unknown>) =>
      admin(UPDATE, {
        input: {
          accountId: officer.id,
          displayName: 'ย้ายงาน',
          email: 'move@example.go.th',
          usesDirectory: false,
          ...input,
        },
      });
    const toRegion = await update({ staffRole: 'REGIONAL_OFFICE', regionId: '6', provinceId: '65' });
    expect(toRegion.errors).toBeUndefined();
    expect(toRegion.data?.updateStaffAccount).toMatchObject({
      staffRole: 'REGIONAL_OFFICE',
      role: 'NACC_REGION',
      region: { id: '6' },
      province: null,
    });
    // The live session follows the new scope at once.
    expect((await session(`{ viewer { account { role } region { id } } }`)).data?.viewer).toEqual({
      account: { role: 'NACC_REGION' },
      region: { id: '6' },
    });
    expect(errorCode(await update({ staffRole: 'PROVINCIAL_OFFICE' }))).toBe('BAD_USER_INPUT');
    const toCentral = await update({ staffRole: 'CENTRAL_ANALYST', regionId: '6' });
    expect(toCentral.data?.updateStaffAccount).toMatchObject({
      role: 'NACC_CENTRAL',
      region: null,
      province: null,
    });

    const audit = await server.dataSource
      .getRepository(AuditEvent)
      .findOneOrFail({ where: { operation: 'updateStaffAccount', outcome: 'OK' }, order: { id: 'DESC' } });
    expect(audit.arguments).toEqual({
      input: expect.objectContaining({ accountId: officer.id, staffRole: 'CENTRAL_ANALYST' }),
    });
  });

  it('disabling ends every live session at once; the account cannot sign in until re-enabled', async () => {
    const officer = await createAccount(server.dataSource, {
      username: 'officer.off',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    const session = await signIn(server, officer.username, officer.password);
    expect((await session(`{ viewer { account { username } } }`)).data?.viewer).not.toBeNull();
    const disabled = await admin(disable(officer.id));
    expect(disabled.data?.disableStaffAccount.disabledAt).not.toBeNull();
    expect(errorCode(await session(`{ laos(first: 1) { totalCount } }`))).toBe('UNAUTHENTICATED');
    const login = await server.anonymous(LOGIN, {
      input: { username: officer.username, password: officer.password },
    });
    expect(errorCode(login)).toBe('INVALID_CREDENTIALS');
    const listed = await admin(`{ staffAccounts(disabled: true) { edges { node { username } } } }`);
    expect(
      listed.data?.staffAccounts.edges.map((edge: { node: { username: string } }) => edge.node.username),
    ).toContain('officer.off');
    expect((await admin(enable(officer.id))).data?.enableStaffAccount.disabledAt).toBeNull();
    await signIn(server, officer.username, officer.password);
    const audit = await server.dataSource
      .getRepository(AuditEvent)
      .findOneOrFail({ where: { operation: 'disableStaffAccount' }, order: { id: 'DESC' } });
    expect(audit).toMatchObject({ outcome: 'OK', arguments: { accountId: officer.id } });
  });

  it('resets a second factor: secret, enrolment and recovery codes cleared, sessions end', async () => {
    const officer = await createAccount(server.dataSource, {
      username: 'officer.totp',
      role: Role.NACC_PROVINCE,
      provinceId: 65,
    });
    // Signed in, then enrolled (as written by an enrolment): a session, a secret, a recovery code.
    const session = await signIn(server, officer.username, officer.password);
    await server.dataSource
      .getRepository(Account)
      .update({ id: officer.id }, { totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date() });
    await server.dataSource.query(
      `INSERT INTO recovery_code (account_id, code_digest) VALUES ($1, repeat('a', 64))`,
      [officer.id],
    );
    const reset = await admin(
      `mutation { resetStaffSecondFactor(accountId: "${officer.id}") { secondFactorEnabled } }`,
    );
    expect(reset.data?.resetStaffSecondFactor).toEqual({ secondFactorEnabled: false });
    const stored = await server.dataSource.getRepository(Account).findOneByOrFail({ id: officer.id });
    expect([stored.totpSecret, stored.totpEnabledAt]).toEqual([null, null]);
    expect(
      await server.dataSource.query(`SELECT 1 FROM recovery_code WHERE account_id = $1`, [officer.id]),
    ).toEqual([]);
    expect(errorCode(await session(`{ laos(first: 1) { totalCount } }`))).toBe('UNAUTHENTICATED');
    const audit = await server.dataSource
      .getRepository(AuditEvent)
      .findOneOrFail({ where: { operation: 'resetStaffSecondFactor' }, order: { id: 'DESC' } });
    expect(JSON.stringify(audit.arguments)).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('never leaves the system without an enabled administrator', async () => {
    const lastRefusal = {
      code: 'LAST_ADMINISTRATOR',
      message: 'ไม่สามารถดำเนินการได้ เพราะบัญชีนี้เป็นผู้ดูแลระบบส่วนกลางคนสุดท้ายที่ใช้งานได้ กรุณากำหนดผู้ดูแลระบบคนอื่นก่อน',
    };
    const refusal = (response: Awaited<ReturnType<GraphQLClient>>) => ({
      code: errorCode(response),
      message: response.errors?.[0].message,
    });
    const demoteSelf = {
      accountId: world.central.id,
      displayName: 'ผู้ดูแล',
      email: 'admin@example.go.th',
      staffRole: 'CENTRAL_ANALYST',
      usesDirectory: false,
    };
    // The only administrator can neither disable nor demote itself.
    expect(refusal(await admin(disable(world.central.id)))).toEqual(lastRefusal);
    expect(refusal(await admin(UPDATE, { input: demoteSelf }))).toEqual(lastRefusal);
    // A second administrator (disabled ones do not count).
    const second = await createAccount(server.dataSource, { username: 'admin.two', administrator: true });
    await admin(disable(second.id));
    expect(refusal(await admin(disable(world.central.id)))).toEqual(lastRefusal);
    await admin(enable(second.id));
    const other = await signIn(server, second.username, second.password);
    // Now either may go, but not both: after the first is disabled, the other is the last.
    expect((await other(disable(world.central.id))).errors).toBeUndefined();
    expect(refusal(await other(disable(second.id)))).toEqual(lastRefusal);
    expect(refusal(await other(UPDATE, { input: { ...demoteSelf, accountId: second.id } }))).toEqual(
      lastRefusal,
    );
    // The disabled administrator's session ended with it.
    expect(errorCode(await admin(`{ staffAccounts { totalCount } }`))).toBe('UNAUTHENTICATED');
    expect((await other(enable(world.central.id))).errors).toBeUndefined();
    admin = await signIn(server, world.central.username, world.central.password);
    // Two enabled administrators: one may demote the other, concurrently at most one of two wins.
    const [a, b] = await Promise.all([
      admin(UPDATE, { input: { ...demoteSelf, accountId: second.id } }),
      other(UPDATE, { input: demoteSelf }),
    ]);
    expect([a, b].filter((response) => response.errors === undefined)).toHaveLength(1);
    const admins = await server.dataSource.getRepository(Account).countBy({ administrator: true });
    expect(admins).toBe(1);
    const audit = await server.dataSource.getRepository(AuditEvent).findOneOrFail({
      where: { operation: 'disableStaffAccount', outcome: 'LAST_ADMINISTRATOR' },
      order: { id: 'DESC' },
    });
    expect(audit.arguments).toEqual({ accountId: second.id });
  });
});
