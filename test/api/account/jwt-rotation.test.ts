import jwt from 'jsonwebtoken';
import { DeviceTokens } from '../../../server/auth/device-token';
import { loadConfig } from '../../../server/config';
import { createWorld, type World } from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const VIEWER = `{ viewer { account { username } } }`;
const LAOS = `{ laos(first: 1) { totalCount } }`;
const oldSecret = 'a3f1c9e07b52d84e6f10c3a9b7d25e48';
const newSecret = '5d8e2b71f04a9c36e1b7d09f28a4c6e3';
const secondFactorKey = '9'.repeat(16) + 'c0ffee12'.repeat(6);

/**
 * One instance's token settings, read as from its environment (a restart with new settings); the
 * second factor's key with them (without JWT_SECRET it cannot be derived from it).
 */
const tokensOf = (env: Record<string, string>) => {
  const { jwt: tokens, secondFactor } = loadConfig({
    NODE_ENV: 'test',
    SECOND_FACTOR_KEY: secondFactorKey,
    ...env,
  });
  return { jwt: tokens, secondFactor };
};

/**
 * Rotating the signing key (docs/operations.md, "Rotating the JWT signing key"): instances on one
 * database, each as configured at one step of the procedure. Nobody is signed out while the old
 * key is still listed; once it is removed its tokens (and any unknown key id) are refused.
 */
describe('JWT signing keys with key ids', () => {
  let before: TestServer; // JWT_SECRET only, as today
  let during: TestServer; // new key added and signing; JWT_SECRET still listed
  let after: TestServer; // JWT_SECRET removed
  let world: World;

  beforeAll(async () => {
    before = await startTestServer({ ...tokensOf({ JWT_SECRET: oldSecret }) });
    world = await createWorld(before.dataSource);
    const shared = { databaseUrl: before.databaseUrl };
    during = await startTestServer(
      { ...tokensOf({ JWT_SECRET: oldSecret, JWT_KEYS: `k2:${newSecret}`, JWT_SIGNING_KEY_ID: 'k2' }) },
      shared,
    );
    after = await startTestServer({ ...tokensOf({ JWT_KEYS: `k2:${newSecret}` }) }, shared);
  });
  afterAll(async () => {
    await after?.stop();
    await during?.stop();
    await before?.stop();
  });

  const user = (client: { token: string | null }) => client.token as string;
  /** Who the token signs in as on `server`, or the error code of a signed-in read. */
  const viewerOn = async (server: TestServer, token: string) => {
    const client = server.client(token);
    const viewer = await client<{ viewer: { account: { username: string } | null } | null }>(VIEWER);
    return viewer.data?.viewer?.account?.username ?? errorCode(await client(LAOS));
  };

  it('keeps old tokens working while the old key is listed, and refuses them once it is removed', async () => {
    const old = user(await signIn(before, 'nacc.central', world.central.password));
    expect(jwt.decode(old, { complete: true })?.header.kid).toBe('default');
    const rotated = user(await signIn(during, 'nacc.central', world.central.password));
    expect(jwt.decode(rotated, { complete: true })?.header.kid).toBe('k2');

    expect(await viewerOn(during, old)).toBe('nacc.central');
    expect(await viewerOn(during, rotated)).toBe('nacc.central');
    expect(await viewerOn(after, rotated)).toBe('nacc.central');
    expect(await viewerOn(after, old)).toBe('UNAUTHENTICATED');
  });

  it('accepts a token from before key ids only with JWT_SECRET, and refuses a key id it does not know', async () => {
    const old = user(await signIn(before, 'nacc.central', world.central.password));
    const { sid, sub, iss, aud } = jwt.decode(old) as jwt.JwtPayload;
    const claims = { sid, sub, iss, aud };
    const withoutKid = jwt.sign(claims, oldSecret, { algorithm: 'HS256', expiresIn: 600 });
    expect(await viewerOn(during, withoutKid)).toBe('nacc.central');
    expect(await viewerOn(after, withoutKid)).toBe('UNAUTHENTICATED');
    // The right secret under a key id nobody lists, and a listed id with another key's secret.
    const unknownKid = jwt.sign(claims, newSecret, { algorithm: 'HS256', expiresIn: 600, keyid: 'k9' });
    const wrongKey = jwt.sign(claims, oldSecret, { algorithm: 'HS256', expiresIn: 600, keyid: 'k2' });
    for (const server of [during, after]) {
      expect(await viewerOn(server, unknownKid)).toBe('UNAUTHENTICATED');
      expect(await viewerOn(server, wrongKey)).toBe('UNAUTHENTICATED');
    }
  });

  it('rotates device tokens with the same keys', () => {
    const device = (server: TestServer) => new DeviceTokens(server.config.jwt, 365);
    const issued = device(before).issue('5650802');
    expect(device(during).verify(issued, '5650802')).not.toBeNull();
    expect(device(after).verify(issued, '5650802')).toBeNull();
    expect(device(after).verify(device(during).issue('5650802'), '5650802')).not.toBeNull();
  });
});
