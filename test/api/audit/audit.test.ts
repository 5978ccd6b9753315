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

  it('writes the row in the transaction of the change; a row that cannot be written fails the call', async () => {
    const central = await signIn(server, world.central.username, world.central.password);
    const issue = () => central(`mutation { issueActivationCode(laoId: "${world.paMaet.id}") { code } }`);
    expect((await issue()).errors).toBeUndefined();
    // The code and the audit row were written by one transaction (the same xmin).
    const direct = new Client({ connectionString: server.databaseUrl });
    await direct.connect();
    try {
      const {
        rows: [same],
      } = await direct.query(
        `SELECT (SELECT xmin::text FROM activation_code WHERE lao_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1) AS change,
                (SELECT xmin::text FROM audit_event WHERE operation = 'issueActivationCode' ORDER BY chain_seq DESC LIMIT 1) AS audit`,
        [world.paMaet.id],
      );
      expect(same.change).toBe(same.audit);

      // The database refuses these calls' audit rows from now on.
      await direct.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.operation IN ('issueActivationCode', 'logout') THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
      await direct.query(
        `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_audit()`,
      );
      const codes = `SELECT count(*)::int AS n FROM activation_code WHERE lao_id = $1`;
      const before = (await direct.query(codes, [world.paMaet.id])).rows[0].n;
      // A change in a transaction: refused with its row, rolled back.
      expect(errorCode(await issue())).toBe('AUDIT_UNAVAILABLE');
      expect((await direct.query(codes, [world.paMaet.id])).rows[0].n).toBe(before);
      // A change outside a transaction (logout revokes the session in one statement): its row goes
      // first; refused, the call fails before the change.
      expect(errorCode(await central(`mutation { logout }`))).toBe('AUDIT_UNAVAILABLE');
      expect((await central(`{ viewer { account { id } } }`)).data?.viewer?.account.id).toBe(
        world.central.id,
      );
      await direct.query(`DROP TRIGGER refuse_audit ON audit_event`);
      await direct.query(`DROP FUNCTION refuse_audit()`);
    } finally {
      await direct.end();
    }
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
