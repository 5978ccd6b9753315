import { randomUUID } from 'node:crypto';
import { defaultSignInThrottle, loadConfig } from '../../server/config';
import { Lao } from '../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createAccount,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../factories';
import { errorCode } from '../helpers/graphql-client';
import { signIn } from '../helpers/sign-in';
import { startSmtpServer } from '../helpers/smtp-server';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Several API instances on one database: nothing held in one instance's memory has to be seen
 * by another. Sessions, login attempts, reminder claims and idempotency keys live in Postgres;
 * the anonymous read cache is per instance on purpose (a few seconds stale at most). That the
 * GraphQL cost budget is one bucket across instances is shown in test/api/limits.test.ts
 * ("is one bucket for several server instances on the same database").
 */

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const VIEWER = `{ viewer { account { username } } }`;
const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`;
const IMPLEMENTATION = `{ implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { edges { node { lao { code } reportedCount } } } }`;
const PUBLIC_IMPLEMENTATION = `{ publicImplementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { lao { code } reportedCount } }`;
const cacheSeconds = 3;

describe('two API instances on one database', () => {
  // 2566's 6-month round closes on 1 May 2023 (Bangkok): open, and within 7 days of closing.
  const clock = { now: new Date('2023-04-25T03:00:00.000Z') };
  // Every instance must sign and verify with the same secret (JWT_SECRET in production).
  const jwt = { ...loadConfig({ NODE_ENV: 'test' }).jwt, secret: 'one-secret-for-every-instance-0123456789' };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let a: TestServer;
  let b: TestServer;
  let world: World;
  const projects: Record<string, string> = {};

  type Row = { lao: { code: string }; reportedCount: number };
  /** From a list (`publicImplementation`) or a connection (`implementation`). */
  const reportedCount = (rows: Row[] | { edges: { node: Row }[] }, code: string) =>
    (Array.isArray(rows) ? rows : rows.edges.map((edge) => edge.node)).find((row) => row.lao.code === code)
      ?.reportedCount;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const overrides = {
      jwt,
      now: () => clock.now,
      smtpUrl: smtp.url,
      devOutbox: false,
      reminderDaysBefore: 7,
      publicCacheSeconds: cacheSeconds,
    };
    a = await startTestServer(overrides);
    b = await startTestServer(overrides, { databaseUrl: a.databaseUrl });
    const ds = a.dataSource;
    world = await createWorld(ds);
    await createCycle(ds);
    for (const [lao, email] of [
      [world.dintong, 'dintong@example.go.th'],
      [world.wangPikul, 'wangpikul@example.go.th'],
    ] as const) {
      await ds.getRepository(Lao).update(lao.id, { ...completeProfile, coordinatorEmail: email });
      await createLaoAccount(ds, lao, { password: 'Lao-Pass-2565-x' });
      const client = await signIn(a, lao.code, 'Lao-Pass-2565-x');
      for (const name of ['โครงการ ก', 'โครงการ ข']) {
        const created = await client(
          `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
          { input: projectFields({ name }) },
        );
        projects[`${lao.code}:${name}`] = created.data!.createProject.id;
      }
    }
    await ds.query(`UPDATE plan SET status = 'PASSED' WHERE fiscal_year = 2566`);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await smtp?.stop();
  });

  it('accepts on one instance a session started on the other, and ends it everywhere', async () => {
    const onA = await signIn(a, world.central.username, world.central.password);
    const onB = b.client(onA.token);
    expect((await onB(VIEWER)).data?.viewer).toEqual({ account: { username: world.central.username } });
    expect((await onB(`mutation { logout }`)).data?.logout).toBe(true);
    expect((await onA(VIEWER)).data?.viewer).toBeNull();
  });

  it('counts failed sign-ins across instances: the free ones split over both, then either one slows the pair down', async () => {
    const account = await createAccount(a.dataSource, { username: 'tried.twice' });
    expect(defaultSignInThrottle.login.pair.freeFailures).toBe(3);
    const attempt = (server: TestServer, password: string) =>
      server.anonymous(LOGIN, { input: { username: account.username, password } });
    // Three free failures and the fourth, which sets the first delay.
    for (const server of [a, b, a, b]) {
      expect(errorCode(await attempt(server, 'wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    }
    // Even the right password waits now, on both instances.
    expect(errorCode(await attempt(b, account.password))).toBe('RATE_LIMITED');
    expect(errorCode(await attempt(a, account.password))).toBe('RATE_LIMITED');
  });

  it('counts a report submitted on one instance at once in the implementation table read on the other', async () => {
    const lao = await signIn(a, world.dintong.code, 'Lao-Pass-2565-x');
    const central = await signIn(b, world.central.username, world.central.password);
    const before = (await central(IMPLEMENTATION)).data?.implementation;
    expect(reportedCount(before, world.dintong.code)).toBe(0);
    const input = {
      projectId: projects[`${world.dintong.code}:โครงการ ก`],
      fiscalYear: 2566,
      round: 'SIX_MONTH',
      inOrdinance: true,
      ordinanceBudget: '20000',
      disbursed: '15000',
      status: 'COMPLETED',
      idempotencyKey: randomUUID(),
    };
    const submitted = await lao(SUBMIT, { input });
    expect(submitted.errors).toBeUndefined();
    expect(reportedCount((await central(IMPLEMENTATION)).data?.implementation, world.dintong.code)).toBe(1);
    // The idempotency key is shared too: the same submission retried on the other instance writes nothing.
    const retried = await b.client(lao.token)(SUBMIT, { input });
    expect(retried.data?.submitReport.id).toBe(submitted.data?.submitReport.id);
    expect(reportedCount((await central(IMPLEMENTATION)).data?.implementation, world.dintong.code)).toBe(1);
  });

  it('sends each reminder once when the job runs on both instances at the same time', async () => {
    const before = smtp.received.length;
    const runs = await Promise.all([
      a.app.services.reminders.run(),
      b.app.services.reminders.run(),
      a.app.services.reminders.run(),
      b.app.services.reminders.run(),
    ]);
    // Both LAOs still miss reports: two reminders in all, whichever instance claimed each.
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(2);
    await smtp.waitFor('dintong@example.go.th', before);
    await smtp.waitFor('wangpikul@example.go.th', before);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate would have arrived by now
    expect(
      smtp.received
        .slice(before)
        .map((mail) => mail.to.join())
        .sort(),
    ).toEqual(['dintong@example.go.th', 'wangpikul@example.go.th']);
    expect(await Promise.all([a.app.services.reminders.run(), b.app.services.reminders.run()])).toEqual([
      0, 0,
    ]);
  });

  it(`caches anonymous reads per instance for at most ${cacheSeconds} s: stale by design, then fresh on both`, async () => {
    const read = async (server: TestServer, token?: string | null) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: PUBLIC_IMPLEMENTATION }),
      });
      const body = (await response.json()) as { data: { publicImplementation: [] } };
      return {
        cache: response.headers.get('x-cache'),
        reported: reportedCount(body.data.publicImplementation, world.wangPikul.code),
      };
    };
    expect(await read(a)).toEqual({ cache: 'MISS', reported: 0 });
    expect(await read(b)).toEqual({ cache: 'MISS', reported: 0 }); // B keeps its own cache
    const cachedUntil = Date.now() + cacheSeconds * 1000;
    expect(await read(a)).toEqual({ cache: 'HIT', reported: 0 });

    const lao = await signIn(b, world.wangPikul.code, 'Lao-Pass-2565-x');
    const submitted = await lao(SUBMIT, {
      input: {
        projectId: projects[`${world.wangPikul.code}:โครงการ ก`],
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '1000',
        disbursed: '0',
        status: 'IN_PROGRESS',
        idempotencyKey: randomUUID(),
      },
    });
    expect(submitted.errors).toBeUndefined();
    // Within the TTL both instances still answer citizens from their caches; signed-in reads are never cached.
    expect(await read(a)).toEqual({ cache: 'HIT', reported: 0 });
    expect(await read(b)).toEqual({ cache: 'HIT', reported: 0 });
    expect(await read(a, lao.token)).toEqual({ cache: null, reported: 1 });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cachedUntil + 50 - Date.now())));
    expect(await read(a)).toEqual({ cache: 'MISS', reported: 1 });
    expect(await read(b)).toEqual({ cache: 'MISS', reported: 1 });
  });
});
