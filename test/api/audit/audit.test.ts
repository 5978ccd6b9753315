import { Client } from 'pg';
import { createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, graphqlClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LOG = `query($operation: String) { auditLog(operation: $operation) { totalCount edges { node { operation outcome actor role clientAddress userAgent arguments } } } }`;

describe('audit log of sign-ins and writes', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
  });
  afterAll(() => server.stop());

  it('records sign-ins that succeed and fail, with who and from where, never the password', async () => {
    const client = graphqlClient(server.url, null, { 'user-agent': 'audit-test/1.0' });
    await client(
      `mutation { login(input: { username: "${world.dintong.code}", password: "Wrong-Password-1" }) { token } }`,
    );
    await client(
      `mutation { login(input: { username: "${world.dintong.code}", password: "Dintong-Pass-2565" }) { token } }`,
    );
    const central = await signIn(server, world.central.username, world.central.password);
    const log = await central(LOG, { operation: 'login' });
    const events = log.data?.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(events.slice(1)).toEqual([
      expect.objectContaining({
        operation: 'login',
        outcome: 'OK',
        actor: world.dintong.code,
        role: null,
        userAgent: 'audit-test/1.0',
      }),
      expect.objectContaining({
        operation: 'login',
        outcome: 'INVALID_CREDENTIALS',
        actor: world.dintong.code,
      }),
    ]);
    expect(events[1].clientAddress).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(log)).not.toContain('Dintong-Pass-2565');
    expect(JSON.stringify(log)).not.toContain('Wrong-Password-1');
    expect(events[1].arguments).toEqual({ input: { username: world.dintong.code, password: '[redacted]' } });
  });

  it('records writes by signed-in callers, refused ones included', async () => {
    const lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    expect(
      errorCode(await lao(`mutation { issueActivationCode(laoId: "${world.paMaet.id}") { code } }`)),
    ).toBe('FORBIDDEN');
    const central = await signIn(server, world.central.username, world.central.password);
    const issued = await central(`mutation { issueActivationCode(laoId: "${world.paMaet.id}") { code } }`);
    const code = issued.data?.issueActivationCode.code as string;
    const log = await central(LOG, { operation: 'issueActivationCode' });
    const events = log.data?.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(events.map((e: { outcome: string; role: string }) => [e.outcome, e.role])).toEqual([
      ['OK', 'NACC_CENTRAL'],
      ['FORBIDDEN', 'LAO'],
    ]);
    expect(JSON.stringify(log)).not.toContain(code);
  });

  it('is append-only in the database and readable only by NACC central', async () => {
    // On a connection of its own: the server's logs every failed statement, and these fail on purpose.
    const direct = new Client({ connectionString: server.databaseUrl });
    await direct.connect();
    await expect(direct.query(`UPDATE audit_event SET outcome = 'OK'`)).rejects.toThrow(/append-only/);
    await expect(direct.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await direct.end();
    const provincial = await signIn(server, world.provincial.username, world.provincial.password);
    expect(errorCode(await provincial(LOG))).toBe('FORBIDDEN');
    expect(errorCode(await server.anonymous(LOG))).toBe('UNAUTHENTICATED');
  });
});
