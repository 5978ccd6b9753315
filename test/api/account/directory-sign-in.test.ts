import { createServer, type Server, type Socket } from 'node:net';
import { Role } from '../../../server/auth/role';
import { DirectoryClient, bindNamesOf, escapeDnValue } from '../../../server/auth/directory';
import { defaultSignInThrottle, type DirectoryConfig } from '../../../server/config';
import { createAccount, createWorld, createLaoAccount, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { freePort } from '../../helpers/free-port';
import { captureLogs } from '../../helpers/log-capture';
import { startLdapServer, type LdapServer } from '../../helpers/ldap-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token viewer { account { username role } province { id } passwordManagedByDirectory } }
}`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;

const directoryPasswords = {
  somchai: 'Dir-Somchai-2565',
  disabled: 'Dir-Disabled-2565',
  ghost: 'Dir-Ghost-2565',
  alice: 'Dir-Alice-2565',
  lao: 'Dir-Lao-2565',
};

describe('staff sign-in through the organisation directory (real slapd)', () => {
  let ldap: LdapServer;
  let server: TestServer;
  let world: World;
  let directory: DirectoryConfig;

  // Why the directory could not be asked goes to the server log (for the operator), not to the caller.
  const serverLog = captureLogs();

  beforeAll(async () => {
    ldap = await startLdapServer(
      [
        { uid: 'somchai', password: directoryPasswords.somchai },
        { uid: 'disabled.officer', password: directoryPasswords.disabled },
        { uid: 'ghost', password: directoryPasswords.ghost },
        // Reached only if a user name could add RDNs to the bind DN: `alice,ou=staff` unescaped.
        { uid: 'alice', ou: 'staff,ou=people', password: directoryPasswords.alice },
        { uid: '5650802', password: directoryPasswords.lao },
      ],
      { tls: true },
    );
    directory = {
      url: ldap.url,
      bindDnTemplate: `uid={username},ou=people,${ldap.suffix}`,
      upnSuffix: null,
      // The app's path goes through StartTLS, checking slapd's self-signed certificate against the CA file.
      startTls: true,
      tlsCaFile: ldap.caFile,
      tlsRejectUnauthorized: true,
      connectTimeoutMs: 2000,
      timeoutMs: 2000,
    };
    // Many sign-ins of the same accounts here: the attempt limits are not what this file tests.
    const generous = { freeFailures: 1000, firstDelaySeconds: 1, maxDelaySeconds: 1, forgetAfterSeconds: 60 };
    server = await startTestServer({
      logLevel: 'error',
      logDestination: serverLog.destination,
      directory,
      signInThrottle: {
        ...defaultSignInThrottle,
        login: { device: generous, pair: generous, address: generous, account: generous },
      },
    });
    world = await createWorld(server.dataSource);
    await createAccount(server.dataSource, {
      username: 'somchai',
      role: Role.NACC_PROVINCE,
      provinceId: world.phitsanulok.id,
      usesDirectory: true,
      password: 'Local-Somchai-2565',
    });
    await createAccount(server.dataSource, {
      username: 'disabled.officer',
      role: Role.NACC_CENTRAL,
      usesDirectory: true,
      disabledAt: new Date(),
    });
    await createAccount(server.dataSource, {
      username: 'alice,ou=staff',
      role: Role.NACC_CENTRAL,
      usesDirectory: true,
      passwordHash: null,
    });
    // An LAO account flagged for the directory by mistake still never goes there.
    await createLaoAccount(server.dataSource, world.dintong, {
      usesDirectory: true,
      password: 'Lao-Local-2565',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await ldap?.stop();
  });

  const login = (username: string, password: string) =>
    server.anonymous(LOGIN, { input: { username, password } });

  it('signs in with the directory password; role and scope come from the local account', async () => {
    const response = await login('somchai', directoryPasswords.somchai);
    expect(response.errors).toBeUndefined();
    expect(response.data?.login.viewer).toEqual({
      account: { username: 'somchai', role: 'NACC_PROVINCE' },
      province: { id: String(world.phitsanulok.id) },
      passwordManagedByDirectory: true,
    });
    const client = server.client(response.data?.login.token);
    expect((await client(`{ laos(first: 5) { totalCount } }`)).data?.laos.totalCount).toBe(2);
  });

  it('refuses a wrong directory password, and the local password of a directory account, as INVALID_CREDENTIALS', async () => {
    const wrong = await login('somchai', 'Not-The-Password-1');
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0].message).toBe('ไม่พบผู้ใช้งาน หรือรหัสผ่านไม่ถูกต้อง');
    // The directory decides the password: the old local one no longer opens the account.
    expect(errorCode(await login('somchai', 'Local-Somchai-2565'))).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a disabled local account even when the directory accepts the password', async () => {
    const response = await login('disabled.officer', directoryPasswords.disabled);
    expect(errorCode(response)).toBe('INVALID_CREDENTIALS');
    expect(response.data?.login ?? null).toBeNull();
  });

  it('refuses a directory user without a local account exactly like a wrong password', async () => {
    const ghost = await login('ghost', directoryPasswords.ghost);
    const wrong = await login('somchai', 'Not-The-Password-2');
    expect(errorCode(ghost)).toBe('INVALID_CREDENTIALS');
    expect(ghost.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('escapes the user name in the bind DN: a name with a comma cannot reach another entry', async () => {
    expect(escapeDnValue('alice,ou=staff')).toBe('alice\\,ou\\=staff');
    expect(escapeDnValue(' #x+y;"<>\\ ')).toBe('\\ #x\\+y\\;\\"\\<\\>\\\\\\ ');
    expect(escapeDnValue('a\u0000b')).toBe('a\\00b');
    expect(bindNamesOf({ ...directory, upnSuffix: 'nacc.go.th' }, 'x@evil.org')).toEqual([
      `uid=x@evil.org,ou=people,${ldap.suffix}`,
    ]);
    // Unescaped, `uid=alice,ou=staff,ou=people,…` is a real entry with this password.
    const response = await login('alice,ou=staff', directoryPasswords.alice);
    expect(errorCode(response)).toBe('INVALID_CREDENTIALS');
    // Filter and wildcard characters name no local account: refused before the directory is asked.
    expect(errorCode(await login('*)(uid=*', directoryPasswords.somchai))).toBe('INVALID_CREDENTIALS');
  });

  it('never sends an LAO account to the directory', async () => {
    expect(errorCode(await login(world.dintong.code, directoryPasswords.lao))).toBe('INVALID_CREDENTIALS');
    const local = await login(world.dintong.code, 'Lao-Local-2565');
    expect(local.errors).toBeUndefined();
    expect(local.data?.login.viewer.passwordManagedByDirectory).toBe(false);
  });

  it('keeps accounts not marked for the directory on their local password', async () => {
    expect((await login('nacc.central', world.central.password)).errors).toBeUndefined();
    expect(errorCode(await login('nacc.central', directoryPasswords.somchai))).toBe('INVALID_CREDENTIALS');
  });

  it('does not change a directory password here: PASSWORD_MANAGED_BY_DIRECTORY', async () => {
    const signedIn = server.client((await login('somchai', directoryPasswords.somchai)).data?.login.token);
    const response = await signedIn(CHANGE_PASSWORD, {
      input: { currentPassword: directoryPasswords.somchai, newPassword: 'Another-Strong-2566!' },
    });
    expect(errorCode(response)).toBe('PASSWORD_MANAGED_BY_DIRECTORY');
    expect(response.errors?.[0].message).toContain('ระบบบัญชีผู้ใช้ขององค์กร');
  });

  it('binds over ldaps:// with the CA file, and refuses an untrusted certificate as unavailable', async () => {
    const ldaps = { ...directory, url: ldap.ldapsUrl!, startTls: false };
    await expect(new DirectoryClient(ldaps).verify('somchai', directoryPasswords.somchai)).resolves.toBe(
      true,
    );
    await expect(new DirectoryClient(ldaps).verify('somchai', 'wrong-password')).resolves.toBe(false);
    const untrusted = new DirectoryClient({ ...ldaps, tlsCaFile: null });
    await expect(untrusted.verify('somchai', directoryPasswords.somchai)).rejects.toMatchObject({
      extensions: { code: 'DIRECTORY_UNAVAILABLE' },
    });
    // An empty password would be an unauthenticated bind, which LDAP answers with success.
    await expect(new DirectoryClient(ldaps).verify('somchai', '')).resolves.toBe(false);
  });

  it('binds as the DN template first, then the UPN (as the legacy did)', () => {
    expect(bindNamesOf({ ...directory, upnSuffix: 'nacc.go.th' }, 'somchai')).toEqual([
      `uid=somchai,ou=people,${ldap.suffix}`,
      'somchai@nacc.go.th',
    ]);
    expect(bindNamesOf({ ...directory, bindDnTemplate: null, upnSuffix: 'nacc.go.th' }, 'somchai')).toEqual([
      'somchai@nacc.go.th',
    ]);
  });

  it('answers DIRECTORY_UNAVAILABLE when the directory does not answer in time', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      const client = new DirectoryClient({
        ...directory,
        url: `ldap://127.0.0.1:${port}`,
        startTls: false,
        timeoutMs: 500,
        connectTimeoutMs: 500,
      });
      await expect(client.verify('somchai', directoryPasswords.somchai)).rejects.toMatchObject({
        extensions: { code: 'DIRECTORY_UNAVAILABLE' },
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('answers DIRECTORY_UNAVAILABLE with a Thai message when slapd is down, and falls back to nothing', async () => {
    const closed = new DirectoryClient({ ...directory, url: `ldap://127.0.0.1:${await freePort()}` });
    await ldap.stop();
    const response = await login('somchai', directoryPasswords.somchai);
    expect(errorCode(response)).toBe('DIRECTORY_UNAVAILABLE');
    expect(response.errors?.[0].message).toContain('ติดต่อระบบบัญชีผู้ใช้ขององค์กร');
    expect(response.data?.login ?? null).toBeNull();
    // (DirectoryClients the tests above call directly log without a request.)
    const logged = serverLog.lines.find((line) => line.msg === 'Directory (LDAP) sign-in failed' && line.req);
    expect(logged).toMatchObject({ level: 50, req: { id: expect.any(String) }, operationType: 'mutation' });
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
    expect(JSON.stringify(logged)).not.toContain(directoryPasswords.somchai);
    // Not the local password either.
    expect(errorCode(await login('somchai', 'Local-Somchai-2565'))).toBe('DIRECTORY_UNAVAILABLE');
    // Accounts that do not use the directory still sign in.
    expect((await login('nacc.phitsanulok', world.provincial.password)).errors).toBeUndefined();
    // A port where nothing listens at all.
    await expect(closed.verify('somchai', 'x')).rejects.toMatchObject({
      extensions: { code: 'DIRECTORY_UNAVAILABLE' },
    });
  });
});
