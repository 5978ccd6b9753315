import { existsSync, mkdtempSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { graphqlClient } from '../helpers/graphql-client';
import { freePort, startBuiltServer } from './helpers';

/**
 * `npm start` without DATABASE_URL: embedded PostgreSQL, demo data once, data kept
 * across restarts, recovery from a run that was killed, clean stop on SIGTERM.
 */
describe('npm start on the embedded PostgreSQL', () => {
  it('keeps data across a killed run and a restart, and stops PostgreSQL on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lao-start-'));
    await chmod(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' };

    const first = await startBuiltServer(env);
    expect(first.output()).toContain('Loaded the demo data.');
    const nacc = graphqlClient(first.url);
    const login = await nacc(
      `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
    );
    nacc.token = login.data?.login.token;
    const laos = await nacc(`{ laos(first: 1, search: "วังพิกุล") { edges { node { id } } } }`);
    const laoId = laos.data?.laos.edges[0].node.id;
    const issued = await nacc(`mutation($id: ID!) { issueActivationCode(laoId: $id) { expiresAt } }`, {
      id: laoId,
    });
    expect(issued.errors).toBeUndefined();

    // Killed without a chance to stop PostgreSQL: the next start must recover.
    first.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const second = await startBuiltServer(env);
    expect(second.output()).not.toContain('Loaded the demo data.');
    const again = graphqlClient(second.url, nacc.token);
    const status = await again(
      `query($id: ID!) { lao(id: $id) { accountStatus { pendingCodeExpiresAt } } }`,
      { id: laoId },
    );
    expect(status.errors).toBeUndefined();
    expect(status.data?.lao.accountStatus.pendingCodeExpiresAt).toBe(
      issued.data?.issueActivationCode.expiresAt,
    );

    expect(await second.stop()).toBe(0);
    expect(second.output()).toContain('SIGTERM');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 90_000);
});
