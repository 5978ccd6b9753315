import { defaultSignInThrottle } from '../../../server/config';
import { ActivationCode } from '../../../server/modules/account/activation-code.entity';
import { createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ISSUE = `mutation($laoId: ID!) { issueActivationCode(laoId: $laoId) { code expiresAt lao { code } } }`;
const ACTIVATE = `mutation($input: ActivateAccountInput!) {
  activateAccount(input: $input) { token viewer { account { username role } lao { code } mustCompleteProfile } }
}`;

describe('activation of LAO accounts', () => {
  let server: TestServer;
  let world: World;
  let central: GraphQLClient;
  let provincial: GraphQLClient;

  const issue = async (client: GraphQLClient, laoId: number): Promise<string> => {
    const response = await client<{ issueActivationCode: { code: string } }>(ISSUE, { laoId: String(laoId) });
    expect(response.errors).toBeUndefined();
    return response.data!.issueActivationCode.code;
  };
  const activate = (laoCode: string, activationCode: string, password = 'Dintong-Secret-2565') =>
    server.anonymous(ACTIVATE, { input: { laoCode, activationCode, password } });

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
  });
  afterAll(() => server.stop());
  beforeEach(() => server.dataSource.query('DELETE FROM sign_in_throttle'));

  it('lets an LAO activate with the code NACC issued, then leads it to the profile', async () => {
    const code = await issue(provincial, world.dintong.id);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const response = await activate(world.dintong.code, code.toLowerCase().replace(/-/g, ' '));
    expect(response.errors).toBeUndefined();
    expect(response.data?.activateAccount.viewer).toEqual({
      account: { username: world.dintong.code, role: 'LAO' },
      lao: { code: world.dintong.code },
      mustCompleteProfile: true,
    });
    const lao = server.client(response.data?.activateAccount.token);
    const read = await lao(`{ lao(code: "${world.dintong.code}") { nameTh } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data?.lao.nameTh).toBe(world.dintong.nameTh);
    await signIn(server, world.dintong.code, 'Dintong-Secret-2565');
  });

  it('stores only a hash of the code', async () => {
    const code = await issue(central, world.paMaet.id);
    const rows = await server.dataSource.getRepository(ActivationCode).findBy({ laoId: world.paMaet.id });
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
  });

  it('refuses a wrong code, and the 7-digit code alone grants nothing', async () => {
    await issue(central, world.wangPikul.id);
    expect(errorCode(await activate(world.wangPikul.code, 'AAAA-BBBB-CCCC'))).toBe('INVALID_ACTIVATION_CODE');
    expect(errorCode(await activate(world.wangPikul.code, ''))).toBe('BAD_USER_INPUT');
  });

  it('refuses a code used once already', async () => {
    const code = await issue(central, world.wangPikul.id);
    expect((await activate(world.wangPikul.code, code)).errors).toBeUndefined();
    expect(errorCode(await activate(world.wangPikul.code, code))).toBe('INVALID_ACTIVATION_CODE');
  });

  it('refuses an expired code, and a code replaced by a newer one', async () => {
    const old = await issue(central, world.paMaet.id);
    const fresh = await issue(central, world.paMaet.id);
    expect(errorCode(await activate(world.paMaet.code, old))).toBe('INVALID_ACTIVATION_CODE');
    await server.dataSource.query(
      `UPDATE activation_code SET expires_at = now() - interval '1 minute' WHERE lao_id = $1`,
      [world.paMaet.id],
    );
    expect(errorCode(await activate(world.paMaet.code, fresh))).toBe('INVALID_ACTIVATION_CODE');
  });

  it('refuses a code revoked by NACC', async () => {
    const code = await issue(central, world.paMaet.id);
    const revoked = await central(`mutation($id: ID!) { revokeActivationCodes(laoId: $id) }`, {
      id: String(world.paMaet.id),
    });
    expect(revoked.data?.revokeActivationCodes).toBe(1);
    expect(errorCode(await activate(world.paMaet.code, code))).toBe('INVALID_ACTIVATION_CODE');
  });

  it('refuses weak passwords without spending the code', async () => {
    const code = await issue(central, world.paMaet.id);
    for (const password of ['short1', 'password123', `${world.paMaet.code}x!`]) {
      const response = await activate(world.paMaet.code, code, password);
      expect(errorCode(response)).toBe('WEAK_PASSWORD');
      expect(response.errors?.[0].extensions?.fields?.[0].field).toBe('password');
      expect(JSON.stringify(response)).not.toContain(password);
    }
    expect((await activate(world.paMaet.code, code, 'Pa-Maet-Strong-88')).errors).toBeUndefined();
  });

  it('slows down guessing per LAO code and address with a Thai message saying when to retry', async () => {
    const free = defaultSignInThrottle.activation.pair.freeFailures;
    const codes: (string | null)[] = [];
    for (let i = 0; i < free + 1; i += 1)
      codes.push(errorCode(await activate(world.dintong.code, `WXYZ-WXYZ-WXY${'ABCDEFGHJK'[i]}`)));
    expect(codes.slice(0, free + 1)).toEqual(Array(free + 1).fill('INVALID_ACTIVATION_CODE'));
    const refused = await activate(world.dintong.code, 'WXYZ-WXYZ-WXYZ');
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].message).toMatch(/กรุณาลองใหม่อีกครั้งในอีก \d+ วินาที/);
  });

  it('keeps provincial NACC to its province: another province’s LAO is “not found”', async () => {
    const response = await provincial(ISSUE, { laoId: String(world.paMaet.id) });
    expect(errorCode(response)).toBe('NOT_FOUND');
    const batch = await provincial(
      `mutation($input: IssueProvinceCodesInput!) { issueActivationCodesForProvince(input: $input) { code } }`,
      { input: { provinceId: String(world.phrae.id) } },
    );
    expect(errorCode(batch)).toBe('NOT_FOUND');
  });

  it('issues a batch for a province, by default only for LAOs not yet activated', async () => {
    const batch = await provincial<{
      issueActivationCodesForProvince: { code: string; lao: { code: string } }[];
    }>(
      `mutation($input: IssueProvinceCodesInput!) { issueActivationCodesForProvince(input: $input) { code lao { code } } }`,
      { input: { provinceId: String(world.phitsanulok.id) } },
    );
    expect(batch.errors).toBeUndefined();
    const activated = new Set([world.dintong.code, world.wangPikul.code]);
    for (const row of batch.data!.issueActivationCodesForProvince)
      expect(activated.has(row.lao.code)).toBe(false);
  });

  it('does not let an LAO issue codes', async () => {
    const lao = await signIn(server, world.dintong.code, 'Dintong-Secret-2565');
    expect(errorCode(await lao(ISSUE, { laoId: String(world.dintong.id) }))).toBe('FORBIDDEN');
    expect(errorCode(await server.anonymous(ISSUE, { laoId: String(world.dintong.id) }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('re-activation hands a lost account back: the old password and sessions stop working', async () => {
    const before = await signIn(server, world.dintong.code, 'Dintong-Secret-2565');
    const code = await issue(central, world.dintong.id);
    expect((await activate(world.dintong.code, code, 'Dintong-Again-2566')).errors).toBeUndefined();
    expect(errorCode(await before(`{ lao(code: "${world.dintong.code}") { id } }`))).toBe('UNAUTHENTICATED');
    await signIn(server, world.dintong.code, 'Dintong-Again-2566');
  });
});
