import type { QueryRunner } from 'typeorm';
import type { InFlightLimits } from '../../server/graphql/limits/in-flight';
import { turnstile } from '../../server/turnstile';
import { startTestServer, type TestServer } from '../helpers/test-server';

type Answer = {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
};

const provinces = `{ provinces { id } }`;

const post = async (server: TestServer, signal?: AbortSignal): Promise<Answer> => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: provinces }),
    signal,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('load shedding of /graphql', () => {
  let base: TestServer;
  /** The instances a test started; all stopped after it (a test may start more than one). */
  const limited: TestServer[] = [];
  let lock: QueryRunner;

  beforeAll(async () => {
    base = await startTestServer();
  });
  afterAll(() => base.stop());
  beforeEach(async () => {
    lock = base.dataSource.createQueryRunner();
  });
  afterEach(async () => {
    if (lock.isTransactionActive) await lock.rollbackTransaction();
    await lock.release();
    for (let server = limited.pop(); server; server = limited.pop()) await server.stop();
  });

  /** A second instance on the same database with these limits. */
  const start = async (limits: InFlightLimits) => {
    const server = await startTestServer({ graphqlInFlight: limits }, { databaseUrl: base.databaseUrl });
    limited.push(server);
    return server;
  };

  /** Holds every read of the province table until `lock` commits. */
  const holdProvinces = async () => {
    await lock.startTransaction();
    await lock.query('LOCK TABLE province IN ACCESS EXCLUSIVE MODE');
  };

  /** Waits until `count` statements wait on the lock: requests that hold their turn. */
  const whenWaitingOnLock = async (count: number) => {
    const waiting = async () =>
      Number(
        (
          await base.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%province%'`,
          )
        )[0].n,
      );
    for (let i = 0; i < 400 && (await waiting()) < count; i++) await sleep(25);
    expect(await waiting()).toBe(count);
  };

  it('answers a request beyond the limit at once with 503, RATE_LIMITED, Retry-After and a Thai message', async () => {
    const server = await start({ concurrent: 1, waiting: 0, maxWaitMs: 10_000 });
    // Turns come back once answered: one after another, every request is served.
    for (let i = 0; i < 3; i++) expect((await post(server)).status).toBe(200);

    await holdProvinces();
    const first = post(server);
    await whenWaitingOnLock(1);
    const refused = await post(server);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      {
        message: 'ขณะนี้มีผู้ใช้งานระบบจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
      },
    ]);

    await lock.commitTransaction();
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
    expect((await post(server)).status).toBe(200);
    // The refusal counts in the per-operation error metrics, by its code.
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(
      /graphql_operation_errors_total\{operation="[^"]+",code="RATE_LIMITED"\} 1\n/,
    );
  });

  it('lets a request wait for a turn, and turns it away once it has waited the longest wait', async () => {
    const server = await start({ concurrent: 1, waiting: 1, maxWaitMs: 400 });
    await holdProvinces();
    const first = post(server);
    await whenWaitingOnLock(1);
    const startedAt = Date.now();
    const waited = await post(server);
    expect(waited.status).toBe(503);
    expect(waited.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(390);
    // The request that waited was never worked on: only the first waits on the lock.
    await whenWaitingOnLock(1);

    const patient = await start({ concurrent: 1, waiting: 1, maxWaitMs: 30_000 });
    const holder = post(patient);
    await whenWaitingOnLock(2);
    const next = post(patient);
    await sleep(200);
    await lock.commitTransaction();
    for (const answer of await Promise.all([first, holder, next])) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });

  it('gives the place of a caller who hung up while waiting to the next one', async () => {
    const server = await start({ concurrent: 1, waiting: 1, maxWaitMs: 30_000 });
    await holdProvinces();
    const first = post(server);
    await whenWaitingOnLock(1);
    const leaving = new AbortController();
    const left = post(server, leaving.signal).catch((error: Error) => error);
    // The queue holds one: while the leaving caller waits, the next is turned away.
    await sleep(100);
    expect((await post(server)).status).toBe(503);
    leaving.abort();
    expect(await left).toMatchObject({ name: 'AbortError' });

    // Once the server has seen the hang-up, the place is free again: the next caller waits instead.
    let next: Promise<Answer> | undefined;
    for (let i = 0; i < 100 && !next; i++) {
      const attempt = post(server);
      const early = await Promise.race([attempt, sleep(150).then(() => undefined)]);
      if (early === undefined) next = attempt;
      else expect(early.status).toBe(503);
    }
    expect(next).toBeDefined();
    await lock.commitTransaction();
    expect((await first).status).toBe(200);
    expect((await next)?.status).toBe(200);
    // The hung-up request was never worked on, and its turn was not lost: one at a time still flows.
    for (let i = 0; i < 3; i++) expect((await post(server)).status).toBe(200);
  });
});

describe('turnstile', () => {
  it('serves waiting callers first come, first served, skipping those that timed out', async () => {
    const turns = turnstile({ concurrent: 1, waiting: 3, maxWaitMs: 50 });
    expect(await turns.enter()).toBe('entered');
    const order: string[] = [];
    const a = turns.enter().then((turn) => order.push(`a:${turn}`));
    await sleep(80); // a has timed out
    const b = turns.enter().then((turn) => order.push(`b:${turn}`));
    const c = turns.enter().then((turn) => order.push(`c:${turn}`));
    expect(turns.load).toEqual({ active: 1, waiting: 2 });
    turns.leave();
    await b;
    turns.leave();
    await c;
    await a;
    expect(order).toEqual(['a:refused', 'b:entered', 'c:entered']);
    turns.leave();
    expect(turns.load).toEqual({ active: 0, waiting: 0 });
  });
});
