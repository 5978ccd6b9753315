import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { graphqlClient } from '../helpers/graphql-client';
import { freePort, runBuiltServerToExit, startBuiltServer } from './helpers';

/**
 * `npm start` owns the embedded PostgreSQL of its data folder: a second start on the same
 * folder refuses instead of stopping the first one's PostgreSQL, while a PostgreSQL whose
 * owner is gone (killed run, even when its PID was handed to another process since) is
 * still recovered. The start banner shows only demo passwords that still work.
 */

const tempDataDir = async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lao-owner-'));
  await chmod(dataDir, 0o755);
  return dataDir;
};

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The banner is complete once the line that ends it is out. */
const bannerOf = async (server: { output(): string }) => {
  for (let i = 0; i < 100 && !server.output().includes('development outbox'); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.output();
};

const signIn = async (url: string, username: string, password: string) => {
  const client = graphqlClient(url);
  const login = await client(
    `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }`,
    { u: username, p: password },
  );
  client.token = login.data?.login.token ?? null;
  return client;
};

describe('npm start owns the embedded PostgreSQL of its data folder', () => {
  it('refuses a second start on the same data folder and leaves the first one serving', async () => {
    const dataDir = await tempDataDir();
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' };
    const first = await startBuiltServer(env);
    let stopped: number | null = null;
    try {
      const nacc = await signIn(first.url, 'nacc.admin', 'Demo-NACC-2565');
      expect(nacc.token).toBeTruthy();
      const postgres = postmasterPid(dataDir);

      // Same folder and port, then same folder on another port: both refused, nothing stopped.
      for (const second of [env, { ...env, EMBEDDED_PG_PORT: String(await freePort()) }]) {
        const refused = await runBuiltServerToExit(second);
        expect(refused.code).not.toBe(0);
        expect(refused.code).not.toBeNull();
        expect(refused.output).toContain(`already running (PID ${first.pid})`);
        expect(refused.output).toContain(dataDir);
        expect(refused.output).toContain('DATA_DIR');
        expect(refused.output).not.toContain('is running at');
      }

      expect(postmasterPid(dataDir)).toBe(postgres);
      expect(isAlive(postgres)).toBe(true);
      const viewer = await nacc(`{ viewer { account { username } } }`);
      expect(viewer.errors).toBeUndefined();
      expect(viewer.data?.viewer.account.username).toBe('nacc.admin');
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      stopped = await first.stop();
    }
    expect(stopped).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    // Stopped cleanly: the folder is free for the next start.
    const next = await startBuiltServer(env);
    expect(await next.stop()).toBe(0);
  }, 120_000);

  it('recovers a PostgreSQL whose owner was killed, even when the owner PID now names another process', async () => {
    const dataDir = await tempDataDir();
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' };
    const first = await startBuiltServer(env);
    first.kill('SIGKILL');
    await first.exited;
    const orphan = postmasterPid(dataDir);
    expect(isAlive(orphan)).toBe(true);

    // The killed server's PID is reused by a live process (here: this test's own process).
    const ownerFile = path.join(dataDir, 'pg.owner');
    const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid: number };
    expect(owner.pid).toBe(first.pid);
    writeFileSync(ownerFile, JSON.stringify({ ...owner, pid: process.pid }));

    const second = await startBuiltServer(env);
    let stopped: number | null = null;
    try {
      const nacc = await signIn(second.url, 'nacc.admin', 'Demo-NACC-2565');
      expect(nacc.token).toBeTruthy();
      expect(isAlive(orphan)).toBe(false);
      expect(JSON.parse(readFileSync(ownerFile, 'utf8')).pid).toBe(second.pid);
    } finally {
      stopped = await second.stop();
    }
    expect(stopped).toBe(0);
    expect(existsSync(ownerFile)).toBe(false);
  }, 120_000);

  it('prints only the demo passwords that still work', async () => {
    const dataDir = await tempDataDir();
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' };
    const first = await startBuiltServer(env);
    try {
      expect(await bannerOf(first)).toContain('nacc.admin / Demo-NACC-2565');
      const nacc = await signIn(first.url, 'nacc.admin', 'Demo-NACC-2565');
      const changed = await nacc(
        `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`,
        { input: { currentPassword: 'Demo-NACC-2565', newPassword: 'Kept-secret-by-the-admin-42' } },
      );
      expect(changed.errors).toBeUndefined();
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startBuiltServer(env);
    try {
      const banner = await bannerOf(second);
      expect(banner).not.toContain('Demo-NACC-2565');
      expect(banner).toContain('nacc.phitsanulok / Demo-Province-2565');
      expect(banner).toContain('5650802 / Demo-Dintong-2565');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);
});
