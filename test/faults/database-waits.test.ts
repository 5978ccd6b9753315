import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startBuiltServer } from '../e2e/helpers';
import {
  answers,
  graphqlRequest,
  maxLatency,
  probe,
  type Sample,
  since,
  timed,
  until,
  within,
} from '../helpers/fault-load';
import {
  halfWritten,
  prepareSubmissions,
  SUBMIT,
  type Submission,
  type SubmissionWorld,
  storedReports,
} from '../helpers/fault-submissions';
import { graphqlClient } from '../helpers/graphql-client';
import { type FaultCluster, startFaultCluster } from '../helpers/postgres-cluster';
import { testReport } from '../helpers/report';

/**
 * Fault tests of the bounded waits on the database (docs/operations.md, "Bounded waits"), on the
 * built server and a PostgreSQL cluster of their own: a row lock held by another connection, a hung
 * PostgreSQL (SIGSTOP of the postmaster and every backend) and a crashed one (`pg_ctl stop -m
 * immediate`, crash recovery at the next start), each under load. Every request is answered within
 * the bound; nothing is half-written; no acknowledged report is lost; the service recovers by itself.
 * The bounds are short here so the file stays short; production's defaults are longer.
 */

const BOUNDS = {
  DATABASE_CONNECT_TIMEOUT_MS: 1000,
  DATABASE_STATEMENT_TIMEOUT_MS: 1500,
  DATABASE_LOCK_TIMEOUT_MS: 1000,
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 3000,
  DATABASE_QUERY_TIMEOUT_MS: 2000,
  DATABASE_READY_TIMEOUT_MS: 500,
};
/**
 * The longest a request may take while the database misbehaves: one wait for a connection and one
 * query past its client-side bound (the first failure ends the request), plus slack for a loaded
 * two-core machine. The hang lasts longer, so a request that waited for the database to come back
 * would be past it.
 */
const BOUND_MS = BOUNDS.DATABASE_CONNECT_TIMEOUT_MS + BOUNDS.DATABASE_QUERY_TIMEOUT_MS + 2500;
const HANG_MS = BOUND_MS + 1500;
const FISCAL_YEAR = 2570;

/** The LAO of the lock test, of the load under the hang, and the two of the crash. */
const LAO_COUNT = 4;
const PROJECTS_PER_LAO = 40;

describe('bounded waits on the database', () => {
  let cluster: FaultCluster;
  let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
  let crashed = false;
  let world: SubmissionWorld;
  let adminToken: string;
  const figures: Record<string, unknown> = {};

  /** A short-lived connection of the test's own (the crash ends long-lived ones). */
  const withPg = async <T>(work: (pg: Client) => Promise<T>): Promise<T> => {
    const pg = new Client({ connectionString: cluster.url('lao_monitor') });
    await pg.connect();
    try {
      return await work(pg);
    } finally {
      await pg.end().catch(() => undefined);
    }
  };
  const submitTimed = (samples: Sample[], submission: Submission) =>
    timed(
      samples,
      graphqlRequest(server!.url, submission.token, SUBMIT, { input: submission.input }),
      (json: { data?: { submitReport?: { id?: string } } }) => Boolean(json?.data?.submitReport?.id),
    );
  const ofLao = (index: number) => world.submissions.filter((s) => s.laoId === world.laos[index].id);

  beforeAll(async () => {
    cluster = await startFaultCluster();
    const admin = new Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE lao_monitor');
    await admin.end();
    server = await startBuiltServer({
      DATABASE_URL: cluster.url('lao_monitor'),
      SEED_DEMO: 'true',
      JWT_SECRET: randomUUID(),
      DATA_DIR: path.join(cluster.dir, 'app'),
      ...Object.fromEntries(Object.entries(BOUNDS).map(([name, value]) => [name, String(value)])),
    });
    void server.exited.then(() => (crashed = true));
    world = await withPg((pg) =>
      prepareSubmissions(pg, server!.url, {
        laoCount: LAO_COUNT,
        projectsPerLao: PROJECTS_PER_LAO,
        fiscalYear: FISCAL_YEAR,
      }),
    );
    const login = await graphqlClient(server.url)(
      `mutation { login(input: { username: "nacc.admin", password: "Demo-NACC-2565" }) { token } }`,
    );
    adminToken = login.data?.login.token;
    expect(adminToken).toBeTruthy();
  }, 60_000);

  afterAll(async () => {
    testReport(`Bounded waits (bounds ${JSON.stringify(BOUNDS)}): ${JSON.stringify(figures)}`);
    if (server) {
      const code = await server.stop();
      expect(code).toBe(0);
    }
    await cluster?.destroy();
  });

  afterEach(() => {
    if (crashed) throw new Error(`The server died:\n${server!.output().slice(-3000)}`);
  });

  it('answers submissions on a row another connection holds with DATABASE_LOCK_TIMEOUT, writes nothing, and takes them once the lock is gone', async () => {
    const [held, ...others] = [ofLao(0).slice(0, 5), ofLao(0).slice(5, 7)];
    const free = others.flat();
    const holder = new Client({ connectionString: cluster.url('lao_monitor') });
    await holder.connect();
    const samples: Sample[] = [];
    const freeSamples: Sample[] = [];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM project WHERE id = ANY($1) FOR UPDATE', [
        held.map((s) => s.projectId),
      ]);
      await Promise.all([
        ...held.map((s) => submitTimed(samples, s)),
        ...free.map((s) => submitTimed(freeSamples, s)),
      ]);
      // Nothing of the refused submissions was written, while the lock is still held.
      const stored = await withPg((pg) =>
        storedReports(
          pg,
          [...held, ...free].map((s) => s.projectId),
        ),
      );
      expect(held.filter((s) => stored.has(s.projectId))).toEqual([]);
      expect(free.filter((s) => !stored.has(s.projectId)).map((s) => s.projectId)).toEqual([]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    figures.lockTimeout = { maxLatencyMs: maxLatency(samples), answers: answers(samples) };

    // Each answered with the lock code and its Thai message, after waiting about the lock bound, not longer.
    expect(samples.map((s) => [s.status, s.code])).toEqual(held.map(() => [200, 'DATABASE_LOCK_TIMEOUT']));
    for (const sample of samples) {
      expect(JSON.parse(sample.body).errors[0].message).toMatch(/กำลังถูกแก้ไขโดยรายการอื่น/);
      expect(sample.latency).toBeGreaterThanOrEqual(BOUNDS.DATABASE_LOCK_TIMEOUT_MS - 50);
      expect(sample.latency).toBeLessThan(BOUND_MS);
    }
    // The other projects of the same LAO were not held up.
    expect(freeSamples.filter((s) => !s.ok)).toEqual([]);

    // The lock released, the same submissions (same idempotency keys) are taken once each.
    const retried: Sample[] = [];
    await Promise.all(held.map((s) => submitTimed(retried, s)));
    expect(retried.filter((s) => !s.ok)).toEqual([]);
    await withPg(async (pg) => {
      const stored = await storedReports(
        pg,
        held.map((s) => s.projectId),
      );
      expect(held.map((s) => stored.get(s.projectId)?.values)).toEqual(held.map((s) => s.expected));
      expect(
        await halfWritten(
          pg,
          world.projects.map((p) => p.id),
        ),
      ).toEqual([]);
    });
  });

  it('answers every request within the bound while PostgreSQL hangs, reports not ready, and recovers by itself', async () => {
    const url = server!.url;
    const graphqlSamples: Sample[] = [];
    const writeSamples: Sample[] = [];
    const readySamples: Sample[] = [];
    const healthSamples: Sample[] = [];
    let running = true;
    // 10 clients reading back to back, 3 submitting (one LAO's projects), /readyz and /healthz every 100 ms.
    const readers = Array.from({ length: 10 }, async () => {
      while (running)
        await timed(
          graphqlSamples,
          graphqlRequest(url, adminToken, '{ viewer { account { username } } }'),
          (json: { data?: { viewer?: { account?: { username?: string } } } }) =>
            json?.data?.viewer?.account?.username === 'nacc.admin',
        );
    });
    const queue = [...ofLao(1)];
    const writers = Array.from({ length: 3 }, async () => {
      while (running) {
        const next = queue.shift();
        if (!next) break;
        const sample = await submitTimed(writeSamples, next);
        if (!sample.ok) queue.push(next); // tried again later, with its own key
      }
    });
    const poller = (async () => {
      while (running)
        await Promise.all([
          probe(readySamples, url, '/readyz', 'ready'),
          probe(healthSamples, url, '/healthz', 'ok'),
          sleep(100),
        ]);
    })();
    let hangAt = 0;
    let resumedAt = 0;
    let recovered = 0;
    let stopped: number[] = [];
    try {
      const loadFrom = Date.now();
      await until(
        1000,
        () => since(graphqlSamples, loadFrom, true) >= 20 && since(readySamples, loadFrom) >= 3,
      );
      hangAt = Date.now();
      stopped = cluster.hang();
      await sleep(HANG_MS);
      resumedAt = Date.now();
      cluster.resume();
      await until(0, () => {
        recovered = graphqlSamples.find((s) => s.ok && s.startedAt >= resumedAt)?.startedAt ?? 0;
        return recovered > 0;
      });
      await until(
        1000,
        () => since(graphqlSamples, recovered + 500) >= 20 && since(readySamples, recovered + 500) >= 3,
      );
    } finally {
      cluster.resume();
      running = false;
      await Promise.all([...readers, ...writers, poller]);
    }

    // Answered while hung: requests that started once the hang began and before it ended.
    const hung = within(graphqlSamples, hangAt, resumedAt);
    const readyHung = within(readySamples, hangAt + BOUNDS.DATABASE_READY_TIMEOUT_MS, resumedAt);
    const readyAfter = readySamples.filter((s) => s.startedAt >= recovered + 500);
    const firstReadyAfter = readySamples.find((s) => s.ok && s.startedAt >= resumedAt);
    figures.hung = {
      hangMs: resumedAt - hangAt,
      processesStopped: stopped.length,
      requests: graphqlSamples.length + writeSamples.length,
      requestsWhileHung: hung.length,
      answersWhileHung: answers(hung),
      writesWhileHung: answers(within(writeSamples, hangAt, resumedAt)),
      maxLatencyMs: maxLatency([...graphqlSamples, ...writeSamples]),
      maxReadyzLatencyMs: maxLatency(readySamples),
      recoveredMs: recovered - resumedAt,
      slowest: [
        ...graphqlSamples.map((s) => ({ ...s, w: false })),
        ...writeSamples.map((s) => ({ ...s, w: true })),
      ]
        .sort((x, y) => y.latency - x.latency)
        .slice(0, 3)
        .map((s) => `${s.w ? 'W' : 'R'} +${s.startedAt - hangAt} ${s.latency} ${s.status} ${s.code}`),
      readyAgainMs: firstReadyAfter ? firstReadyAfter.startedAt + firstReadyAfter.latency - resumedAt : null,
    };

    // Every request answered (no dropped connection), none past the bound.
    expect([...graphqlSamples, ...writeSamples, ...readySamples].filter((s) => s.status === null)).toEqual(
      [],
    );
    expect(maxLatency([...graphqlSamples, ...writeSamples])).toBeLessThan(BOUND_MS);
    expect(maxLatency(readySamples)).toBeLessThan(BOUNDS.DATABASE_READY_TIMEOUT_MS + 1000);
    // While hung: many requests, each a database code (a query past its bound, no connection within
    // the bound, a connection dropped) with a Thai message; /readyz 503.
    expect(hung.length).toBeGreaterThanOrEqual(10);
    const wrong = hung.filter(
      (s) =>
        !s.ok &&
        (!['DATABASE_TIMEOUT', 'DATABASE_BUSY', 'DATABASE_UNAVAILABLE'].includes(s.code ?? '') ||
          !/ฐานข้อมูล/.test(s.body)),
    );
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(hung.filter((s) => !s.ok).length).toBeGreaterThanOrEqual(10);
    expect(readyHung.length).toBeGreaterThanOrEqual(5);
    expect(readyHung.map((s) => s.status)).toEqual(readyHung.map(() => 503));
    // /healthz: the process is alive throughout. PostgreSQL did not crash: the same postmaster, no
    // process of it killed (the backends of connections the server dropped have ended, as they do).
    expect(healthSamples.filter((s) => !s.ok)).toEqual([]);
    expect(alive(stopped[0])).toBe(true);
    expect(cluster.processes()[0]).toBe(stopped[0]);
    expect(
      cluster.log().match(/.*(terminated by signal|server process .* was terminated|PANIC).*/g),
    ).toBeNull();
    // Recovered by itself, within a few seconds of SIGCONT; everything answers again.
    expect(recovered).toBeGreaterThan(0);
    expect(recovered - resumedAt).toBeLessThan(5000);
    expect(graphqlSamples.filter((s) => s.startedAt >= recovered + 500 && !s.ok)).toEqual([]);
    expect(readyAfter.length).toBeGreaterThanOrEqual(3);
    expect(readyAfter.filter((s) => !s.ok)).toEqual([]);
    // The submissions not taken yet (those that failed while hung among them) go through now.
    const rest: Sample[] = [];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await submitTimed(rest, next);
      }),
    );
    expect(rest.filter((s) => !s.ok)).toEqual([]);
    // Nothing is half-written; every submission of the LAO is there.
    await withPg(async (pg) => {
      const stored = await storedReports(
        pg,
        ofLao(1).map((s) => s.projectId),
      );
      expect(ofLao(1).filter((s) => stored.get(s.projectId)?.values === undefined)).toEqual([]);
      expect(
        await halfWritten(
          pg,
          world.projects.map((p) => p.id),
        ),
      ).toEqual([]);
    });
  });

  it('loses no acknowledged report when PostgreSQL crashes under submissions, answers within the bound and recovers by itself', async () => {
    const submissions = [...ofLao(2), ...ofLao(3)];
    const samples: Sample[] = [];
    const acknowledged = new Map<number, { reportId: string; submission: Submission }>();
    const queue = [...submissions];
    let crashAt = 0;
    let downAt = 0;
    let upAt = 0;
    let crash: Promise<void> | undefined;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const sample = await submitTimed(samples, next);
        if (sample.ok) {
          acknowledged.set(next.projectId, {
            reportId: JSON.parse(sample.body).data.submitReport.id,
            submission: next,
          });
          // Crash PostgreSQL once a third is acknowledged, with the rest in flight.
          if (acknowledged.size >= submissions.length / 3 && !crash) {
            crashAt = Date.now();
            crash = (async () => {
              await cluster.stop('immediate');
              downAt = Date.now();
              await sleep(500);
              await cluster.start(); // crash recovery: replays the WAL
              upAt = Date.now();
            })();
          }
        } else {
          queue.push(next); // not acknowledged: sent again later with its own idempotency key
          await sleep(50);
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    await crash;
    const finished = Date.now();
    expect(crashAt).toBeGreaterThan(0);

    const firstAckAfter = samples.find((s) => s.ok && s.startedAt >= upAt);
    const failed = samples.filter((s) => !s.ok);
    figures.crashed = {
      submissions: submissions.length,
      requests: samples.length,
      acknowledgedBeforeCrash: samples.filter((s) => s.ok && s.startedAt + s.latency <= crashAt).length,
      failedAnswers: answers(failed),
      maxLatencyMs: maxLatency(samples),
      stopMs: downAt - crashAt,
      crashRecoveryStartMs: upAt - downAt,
      recoveredMs: firstAckAfter ? firstAckAfter.startedAt + firstAckAfter.latency - upAt : null,
      totalMs: finished - started,
    };

    // Every request answered within the bound, failures with a database code.
    expect(samples.filter((s) => s.status === null)).toEqual([]);
    expect(maxLatency(samples)).toBeLessThan(BOUND_MS);
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.filter(
        (s) => !['DATABASE_UNAVAILABLE', 'DATABASE_BUSY', 'DATABASE_TIMEOUT'].includes(s.code ?? ''),
      ),
    ).toEqual([]);
    expect(firstAckAfter).toBeDefined();
    expect(firstAckAfter!.startedAt - upAt).toBeLessThan(5000);

    // Durability: every submission acknowledged at any time is there after crash recovery, with its
    // values and the same report id; each project has one report; nothing is half-written.
    expect(acknowledged.size).toBe(submissions.length);
    await withPg(async (pg) => {
      const stored = await storedReports(
        pg,
        submissions.map((s) => s.projectId),
      );
      const lost = [...acknowledged.values()].filter(
        ({ reportId, submission }) =>
          stored.get(submission.projectId)?.id !== Number(reportId) ||
          JSON.stringify(stored.get(submission.projectId)?.values) !== JSON.stringify(submission.expected),
      );
      expect(lost.map(({ submission }) => submission.projectId)).toEqual([]);
      expect(stored.size).toBe(submissions.length);
      expect(
        await halfWritten(
          pg,
          world.projects.map((p) => p.id),
        ),
      ).toEqual([]);
    });
  });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
