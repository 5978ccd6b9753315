import { Account } from '../../../server/modules/account/account.entity';
import { createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token secondFactor { step } viewer { mustChangePassword account { username } } }
}`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) { token viewer { mustChangePassword } }
}`;

/** Legacy passwords kept at import are marked must-change: the first session may only change it. */
describe('must change the password at the first sign-in', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, {
      password: 'Legacy-Kept-2561',
      mustChangePassword: true,
    });
  });
  afterAll(() => server.stop());

  it('gives a session that says so and can do nothing but change the password', async () => {
    const response = await server.anonymous(LOGIN, {
      input: { username: world.dintong.code, password: 'Legacy-Kept-2561' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.viewer.mustChangePassword).toBe(true);
    const client = server.client(response.data?.login.token);
    expect((await client(`{ viewer { mustChangePassword } }`)).data?.viewer.mustChangePassword).toBe(true);

    const refused = await client(`{ lao(code: "${world.dintong.code}") { id } }`);
    expect(errorCode(refused)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(refused.errors?.[0].message).toContain('กรุณาเปลี่ยนรหัสผ่าน');
    expect(errorCode(await client(`{ provinces { id } }`))).toBe('PASSWORD_CHANGE_REQUIRED');
    // Nor do the plain-HTTP routes (site-visit files, exports) see it signed in.
    const bearer = `Bearer ${response.data?.login.token}`;
    expect((await server.app.services.sessions.resolveViewer(bearer)).kind).toBe('anonymous');
    expect((await server.app.services.sessions.resolveViewer(bearer, 'keep')).kind).toBe('account');

    const weak = await client(CHANGE_PASSWORD, {
      input: { currentPassword: 'Legacy-Kept-2561', newPassword: 'password' },
    });
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    const changed = await client(CHANGE_PASSWORD, {
      input: { currentPassword: 'Legacy-Kept-2561', newPassword: 'Brand-New-Dintong-2567' },
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changePassword.viewer.mustChangePassword).toBe(false);
    const fresh = server.client(changed.data?.changePassword.token);
    expect((await fresh(`{ lao(code: "${world.dintong.code}") { id } }`)).data?.lao.id).toBe(
      String(world.dintong.id),
    );
    const stored = await server.dataSource
      .getRepository(Account)
      .findOneByOrFail({ laoId: world.dintong.id });
    expect(stored.mustChangePassword).toBe(false);
    // The old session (and password) are gone.
    expect(errorCode(await client(`{ provinces { id } }`))).toBeNull();
    expect((await client(`{ viewer { mustChangePassword } }`)).data?.viewer ?? null).toBeNull();
  });
});
