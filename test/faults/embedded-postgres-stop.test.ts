import { testReport } from '../helpers/report';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBuiltServer } from '../e2e/helpers';
import { freePort } from '../helpers/free-port';
import { graphqlClient } from '../helpers/graphql-client';

/**
 * Fault test: the embedded PostgreSQL of `npm start` is stopped under the running server
 * (as `pg_ctl stop -m fast` does, or as a second start used to) and stays away for a while:
 * its port is held by something else, so it cannot come back at once. Meanwhile the server
 * answers every GraphQL call with a quick DATABASE_UNAVAILABLE, `/readyz` says 503 and
 * `/healthz` 200; once the port is free again the server's PostgreSQL is back and the next
 * requests succeed, without restarting the server.
 */

type Sample = { at: number; latency: number; status: number | null; code: string | null; ok: boolean };

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Listens on the port as soon as the stopped PostgreSQL has let go of it; drops every connection. */
const holdPort = async (port: number): Promise<Server> => {
  for (let attempt = 0; ; attempt += 1) {
    const server = createServer((socket) => socket.destroy());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      return server;
    } catch (error) {
      if (attempt > 200) throw error;
      await sleep(10);
    }
  }
};

describe('the embedded PostgreSQL stops under a running server', () => {
  it('answers errors while it is away and serves again, by itself, once it is back', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lao-fault-embedded-'));
    await chmod(dataDir, 0o755);
    const pgPort = await freePort();
    const server = await startBuiltServer({
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DATABASE_URL: '',
    });
    let holder: Server | undefined;
    let running = true;
    let stopped: number | null = null;
    try {
      const { url } = server;
      let crashed = false;
      void server.exited.then(() => (crashed = true));
      const login = await graphqlClient(url)(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      );
      const token: string = login.data?.login.token;
      expect(token).toBeTruthy();

      const graphql: Sample[] = [];
      const ready: Sample[] = [];
      const health: Sample[] = [];
      const sample = async (
        samples: Sample[],
        request: () => Promise<Response>,
        isOk: (json: never) => boolean,
      ) => {
        const at = Date.now();
        try {
          const response = await request();
          const json = (await response.json().catch(() => null)) as {
            errors?: { extensions?: { code?: string } }[];
          };
          samples.push({
            at,
            latency: Date.now() - at,
            status: response.status,
            code: json?.errors?.[0]?.extensions?.code ?? null,
            ok: response.status === 200 && isOk(json as never),
          });
        } catch {
          samples.push({ at, latency: Date.now() - at, status: null, code: null, ok: false });
        }
      };
      const viewer = () =>
        sample(
          graphql,
          () =>
            fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ viewer { account { username } } }' }),
              signal: AbortSignal.timeout(15_000),
            }),
          (json: { data?: { viewer?: { account?: { username?: string } } } }) =>
            json?.data?.viewer?.account?.username === 'nacc.admin',
        );
      // Five clients back to back, a pause between requests; probes every 100 ms.
      const clients = Array.from({ length: 5 }, async () => {
        while (running) await Promise.all([viewer(), sleep(20)]);
      });
      const poller = (async () => {
        while (running) {
          await Promise.all([
            sample(
              ready,
              () => fetch(`${url}/readyz`, { signal: AbortSignal.timeout(15_000) }),
              () => true,
            ),
            sample(
              health,
              () => fetch(`${url}/healthz`, { signal: AbortSignal.timeout(15_000) }),
              () => true,
            ),
            sleep(100),
          ]);
        }
      })();
      const between = (samples: Sample[], from: number, to = Infinity) =>
        samples.filter((s) => s.at >= from && s.at + s.latency < to);

      // At least a second and ten answers before (a loaded machine is slow).
      const from = Date.now();
      while (
        Date.now() - from < 1_000 ||
        (graphql.filter((s) => s.ok).length < 10 && Date.now() - from < 15_000)
      ) {
        await sleep(50);
      }
      const postmaster = Number(
        readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      const stopping = Date.now();
      process.kill(postmaster, 'SIGINT'); // fast shutdown
      holder = await holdPort(pgPort);
      // Its listening socket closes first; the postmaster itself exits a moment later.
      for (let i = 0; i < 100 && isAlive(postmaster); i += 1) await sleep(50);
      expect(isAlive(postmaster)).toBe(false);
      const down = Date.now();
      await sleep(4_000); // away for a while: its restarts fail meanwhile
      await new Promise((resolve) => holder!.close(resolve));
      holder = undefined;
      const freed = Date.now();

      let recovered = 0;
      while (!recovered && Date.now() - freed < 40_000) {
        recovered = graphql.find((s) => s.ok && s.at >= freed)?.at ?? 0;
        await sleep(100);
      }
      await sleep(1_500);
      running = false;
      await Promise.all([...clients, poller]);
      if (crashed) throw new Error(`The server died:\n${server.output().slice(-3000)}`);
      testReport(
        `Embedded PostgreSQL away for a while: ${JSON.stringify({
          requests: graphql.length,
          failedWhileAway: between(graphql, down, freed).length,
          recoveredMs: recovered ? recovered - freed : null,
          supervisor: server.output().match(/\[embedded PostgreSQL[^\n]*/g),
        })}`,
      );

      // Before: everything answers.
      expect(between(graphql, 0, stopping).length).toBeGreaterThanOrEqual(10);
      expect(between(graphql, 0, stopping).filter((s) => !s.ok)).toEqual([]);

      // Away: many requests, each a quick JSON answer DATABASE_UNAVAILABLE; /readyz 503, /healthz 200.
      const failures = between(graphql, down, freed);
      expect(failures.length).toBeGreaterThanOrEqual(10);
      expect(
        failures.filter(
          (s) => s.ok || s.status === null || s.latency >= 5_000 || s.code !== 'DATABASE_UNAVAILABLE',
        ),
      ).toEqual([]);
      const readyDown = between(ready, down, freed);
      expect(readyDown.length).toBeGreaterThanOrEqual(10);
      expect(readyDown.filter((s) => s.status !== 503)).toEqual([]);
      expect(health.filter((s) => s.status !== 200)).toEqual([]);

      // Back by itself, the server never restarted, and everything answers again.
      expect(server.output()).toContain('started again');
      expect(recovered).toBeGreaterThan(0);
      const after = between(graphql, recovered + 500);
      expect(after.length).toBeGreaterThanOrEqual(5);
      expect(after.filter((s) => !s.ok)).toEqual([]);
      expect(between(ready, recovered + 500).filter((s) => s.status !== 200)).toEqual([]);
    } finally {
      running = false;
      if (holder) await new Promise((resolve) => holder!.close(resolve));
      // A server that cannot stop its (gone) PostgreSQL would hang on SIGTERM: killed after 20 s.
      const hung = setTimeout(() => server.kill('SIGKILL'), 20_000);
      stopped = await server.stop();
      clearTimeout(hung);
    }
    expect(stopped).toBe(0);
    // Stopped cleanly: PostgreSQL down, the folder free for the next start.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg.owner'))).toBe(false);
  }, 120_000);
});
