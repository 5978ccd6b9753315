import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startBuiltServer } from '../e2e/helpers';
import { type Sample, graphqlRequest, probe, since, timed, until } from '../helpers/fault-load';
import { graphqlClient } from '../helpers/graphql-client';
import { startFaultCluster } from '../helpers/postgres-cluster';
import { testReport } from '../helpers/report';

/**
 * Fault test: PostgreSQL stops (fast shutdown) under load and comes back. Meanwhile the
 * built server answers errors quickly (never hangs), `/healthz` stays 200, `/readyz`
 * tells the truth (200 / 503 / 200); afterwards it reconnects by itself.
 * The cluster is a throwaway one of its own (test/helpers/postgres-cluster.ts).
 */

describe('PostgreSQL stops and restarts under load', () => {
  it('answers errors meanwhile, reports readiness truthfully, and reconnects by itself', async () => {
    const cluster = await startFaultCluster();
    let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
    let running = true;
    try {
      const admin = new Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE lao_monitor');
      await admin.end();
      server = await startBuiltServer({
        DATABASE_URL: cluster.url('lao_monitor'),
        SEED_DEMO: 'true',
        JWT_SECRET: randomUUID(),
        DATA_DIR: path.join(cluster.dir, 'app'),
      });
      const { url } = server;
      let crashed = false;
      void server.exited.then(() => (crashed = true));
      const login = await graphqlClient(url)(
        `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
      );
      const token: string = login.data?.login.token;
      expect(token).toBeTruthy();

      const graphqlSamples: Sample[] = [];
      const readySamples: Sample[] = [];
      const healthSamples: Sample[] = [];
      const viewer = () =>
        timed(
          graphqlSamples,
          graphqlRequest(url, token, '{ viewer { account { username } } }'),
          (json: { data?: { viewer?: { account?: { username?: string } } } }) =>
            json?.data?.viewer?.account?.username === 'nacc.admin',
        );

      // 20 clients doing a cheap signed-in query back to back; /readyz and /healthz every 100 ms.
      const clients = Array.from({ length: 20 }, async () => {
        while (running) await viewer();
      });
      const poller = (async () => {
        while (running) {
          await Promise.all([
            probe(readySamples, url, '/readyz', 'ready'),
            probe(healthSamples, url, '/healthz', 'ok'),
            sleep(100),
          ]);
        }
      })();

      const loadFrom = Date.now();
      await until(
        1_000,
        () => since(graphqlSamples, loadFrom, true) >= 20 && since(readySamples, loadFrom) >= 3,
      );
      const stopping = Date.now();
      await cluster.stop();
      const down = Date.now();
      await until(3_000, () => since(graphqlSamples, down) >= 20 && since(readySamples, down) >= 5);
      const starting = Date.now();
      await cluster.start();
      const up = Date.now();
      // Back without restarting the server: the first success after PostgreSQL is up.
      let recovered = 0;
      await until(0, () => {
        recovered = graphqlSamples.find((s) => s.ok && s.startedAt >= up)?.startedAt ?? 0;
        return recovered > 0;
      });
      await until(
        1_000,
        () => since(graphqlSamples, recovered + 500) >= 20 && since(readySamples, recovered + 500) >= 3,
      );
      running = false;
      await Promise.all([...clients, poller]);

      const before = (samples: Sample[]) => samples.filter((s) => s.startedAt + s.latency < stopping);
      const whileDown = (samples: Sample[]) =>
        samples.filter((s) => s.startedAt >= down && s.startedAt + s.latency < starting);
      const afterRecovery = (samples: Sample[]) => samples.filter((s) => s.startedAt >= recovered + 500);
      const summary = {
        stopMs: down - stopping,
        startMs: up - starting,
        recoveredMs: recovered ? recovered - up : null,
        requests: graphqlSamples.length,
        maxLatencyDownMs: Math.max(...whileDown(graphqlSamples).map((s) => s.latency)),
        maxLatencyMs: Math.max(...graphqlSamples.map((s) => s.latency)),
        downAnswers: whileDown(graphqlSamples).reduce<Record<string, number>>((counts, s) => {
          const key = `${s.status} ${s.code}`;
          counts[key] = (counts[key] ?? 0) + 1;
          return counts;
        }, {}),
        readyz: readySamples.length,
        maxReadyzLatencyMs: Math.max(...readySamples.map((s) => s.latency)),
      };
      testReport(`PostgreSQL restart under load: ${JSON.stringify(summary)}`);
      if (crashed) throw new Error(`The server died:\n${server.output().slice(-3000)}`);

      // Before: everything answers.
      expect(before(graphqlSamples).length).toBeGreaterThanOrEqual(20);
      expect(before(graphqlSamples).filter((s) => !s.ok)).toEqual([]);
      expect(before(readySamples).filter((s) => !s.ok)).toEqual([]);

      // Down: many requests, each answered quickly with DATABASE_UNAVAILABLE (a Thai message), no internals.
      const failures = whileDown(graphqlSamples);
      expect(failures.length).toBeGreaterThanOrEqual(10);
      const internals = /ECONNREFUSED|SELECT|postgres|5432|terminating|connect/i;
      const wrong = failures.filter(
        (s) =>
          s.ok ||
          s.status === null || // a dropped connection, not an answer
          s.latency >= 5_000 ||
          s.code !== 'DATABASE_UNAVAILABLE' ||
          internals.test(s.body),
      );
      expect(wrong.slice(0, 3)).toEqual([]);
      // No request anywhere in the run hung.
      expect(Math.max(...graphqlSamples.map((s) => s.latency))).toBeLessThan(5_000);

      // /readyz tells the truth: 503 while down, 200 again after; /healthz: the process is alive throughout.
      const readyDown = whileDown(readySamples);
      expect(readyDown.length).toBeGreaterThanOrEqual(3);
      expect(readyDown.map((s) => s.status)).toEqual(readyDown.map(() => 503));
      expect(Math.max(...readySamples.map((s) => s.latency))).toBeLessThan(5_000);
      expect(healthSamples.filter((s) => !s.ok)).toEqual([]);

      // Reconnected by itself, within a few seconds of PostgreSQL being back.
      expect(recovered).toBeGreaterThan(0);
      expect(recovered - up).toBeLessThan(5_000);
      const after = afterRecovery(graphqlSamples);
      expect(after.length).toBeGreaterThanOrEqual(10);
      expect(after.filter((s) => !s.ok)).toEqual([]);
      expect(afterRecovery(readySamples).filter((s) => !s.ok)).toEqual([]);

      expect(await server.stop()).toBe(0);
      server = undefined;
    } finally {
      running = false;
      if (server) {
        server.kill('SIGKILL');
        await server.exited;
      }
      await cluster.destroy();
    }
  }, 90_000);
});
