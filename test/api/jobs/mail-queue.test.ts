import PgBoss from 'pg-boss';
import { loadConfig } from '../../../server/config';
import { Queues, queueSchema } from '../../../server/jobs/job-queue';
import { pgBossConstruction } from '../../../server/migrations/1795700300000-JobQueue';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startSmtpServer } from '../../helpers/smtp-server';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const mail = (to: string, subject: string) => ({ to, subject, text: `${subject}: body` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (jobs finish a moment after they are queued). */
const eventually = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(100);
  }
};

/**
 * The job queue (pg-boss) under mail: a refusing mail server is retried with back-off and the mail
 * arrives once; one that keeps refusing ends in the failed list NACC central reads, on /metrics and
 * in the log; two app instances (two workers on one database) never send one key twice, reminders
 * included; the schedule is the queue's; the queue's schema is the migration's frozen SQL.
 */
describe('jobs: mail through the queue', () => {
  // 2566's 6-month round closes on 1 May 2023 (Bangkok): open, and within 7 days of closing.
  const clock = { now: new Date('2023-04-25T03:00:00.000Z') };
  const jwt = { ...loadConfig({ NODE_ENV: 'test' }).jwt, secret: 'one-secret-for-every-instance-0123456789' };
  const logLines: { level: number; msg: string; key?: string; attempt?: number }[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let a: TestServer;
  let b: TestServer;
  let world: World;
  let central: GraphQLClient;
  const minute = () => Math.floor(Date.now() / 60_000);
  const startMinute = minute();

  const jobState = async (key: string): Promise<string[]> =>
    (
      await a.dataSource.query(
        `SELECT state::text FROM ${queueSchema}.job WHERE name = $1 AND data->>'key' = $2 ORDER BY created_on`,
        [Queues.mail, key],
      )
    ).map((row: { state: string }) => row.state);
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const base = loadConfig({ NODE_ENV: 'test' });
    const overrides = {
      jwt,
      now: () => clock.now,
      smtpUrl: smtp.url,
      devOutbox: false,
      reminderDaysBefore: 7,
      logLevel: 'warn',
      logDestination: {
        write: (line: string) => {
          logLines.push(JSON.parse(line));
        },
      },
      // Tiny delays: three attempts, at most 1 s apart.
      jobs: {
        ...base.jobs,
        pollMs: 500,
        mailRetryLimit: 2,
        mailRetryDelaySeconds: 0,
        mailRetryMaxDelaySeconds: 1,
        reminderCron: '* * * * *',
        scheduleCheckSeconds: 1,
      },
    };
    a = await startTestServer(overrides);
    b = await startTestServer(overrides, { databaseUrl: a.databaseUrl });
    world = await createWorld(a.dataSource);
    central = await signIn(a, world.central.username, world.central.password);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await smtp?.stop();
  });
  beforeEach(() => {
    smtp.refuse(0);
    smtp.delay(0);
  });

  it('creates the queue schema from the migration’s frozen copy of pg-boss’s own SQL', async () => {
    // A pg-boss upgrade that changes its schema fails here: it needs a new migration (docs/operations.md).
    const ours = pgBossConstruction.replace(/\s+/g, ' ').trim();
    const theirs = PgBoss.getConstructionPlans(queueSchema)
      .replace(/^\s*(BEGIN|COMMIT);\s*$/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    expect(ours).toBe(theirs);
    expect(await a.app.services.jobs.boss.schemaVersion()).toBe(26);
  });

  it('retries a mail the server refuses, with growing delays, and delivers it exactly once', async () => {
    smtp.refuse(2);
    const attemptsBefore = smtp.attempts();
    const started = Date.now();
    await a.app.services.mails.enqueue('test:retried', mail('retried@example.go.th', 'ลองใหม่'));
    const arrived = await smtp.waitFor('retried@example.go.th', 0, 20_000);
    expect(arrived.subject).toBe('ลองใหม่');
    // Two refusals, then the third attempt: each retry waited for its back-off.
    expect(smtp.attempts() - attemptsBefore).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    await eventually(async () => (await jobState('test:retried')).join() === 'completed');
    await sleep(300);
    expect(mailsTo('retried@example.go.th')).toHaveLength(1);
    // Each failed attempt is a structured warning naming the mail's key.
    const warnings = logLines.filter((l) => l.key === 'test:retried' && l.level === 40);
    expect(warnings.map((l) => l.attempt)).toEqual([1, 2]);
  });

  it('lists a mail that keeps failing for NACC central, counts it on /metrics and logs it as an error', async () => {
    smtp.refuse(1000);
    await a.app.services.mails.enqueue('test:hopeless', mail('hopeless@example.go.th', 'ไม่มีวันถึง'));
    await eventually(async () => (await jobState('test:hopeless')).join() === 'failed');
    smtp.refuse(0);
    const listed = await central(
      `{ failedJobs(first: 10) { id queue key recipient attempts error failedAt } }`,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.failedJobs).toEqual([
      expect.objectContaining({
        queue: 'mail',
        key: 'test:hopeless',
        recipient: 'hopeless@example.go.th',
        attempts: 3,
        error: expect.stringContaining('451'),
      }),
    ]);
    expect(mailsTo('hopeless@example.go.th')).toHaveLength(0);
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    expect(metrics).toMatch(/^jobs\{queue="mail",state="failed"\} 1$/m);
    const last = logLines.find((l) => l.key === 'test:hopeless' && l.level === 50);
    expect(last?.msg).toBe('job failed after its last retry');

    // Retried by hand (docs/operations.md), it goes out once the server accepts mail again.
    await a.dataSource.query(
      `UPDATE ${queueSchema}.job SET state = 'retry', retry_limit = retry_limit + 1, start_after = now()
        WHERE name = 'mail' AND id = $1 AND state = 'failed'`,
      [listed.data?.failedJobs[0].id],
    );
    await smtp.waitFor('hopeless@example.go.th', 0, 10_000);
    expect((await central(`{ failedJobs { id } }`)).data?.failedJobs).toEqual([]);
  });

  it('never sends one key twice, whichever of two instances’ workers takes its jobs', async () => {
    // The same mail queued twice on each instance, the server slow to answer: the workers overlap.
    smtp.delay(300);
    await Promise.all([
      a.app.services.mails.enqueue('test:once', mail('once@example.go.th', 'ครั้งเดียว')),
      b.app.services.mails.enqueue('test:once', mail('once@example.go.th', 'ครั้งเดียว')),
      a.app.services.mails.enqueue('test:once', mail('once@example.go.th', 'ครั้งเดียว')),
      b.app.services.mails.enqueue('test:once', mail('once@example.go.th', 'ครั้งเดียว')),
    ]);
    await eventually(async () => (await jobState('test:once')).every((state) => state === 'completed'));
    expect(mailsTo('once@example.go.th')).toHaveLength(1);
    // A sent key is never sent again, even when a job for it comes later.
    await b.app.services.mails.enqueue('test:once', mail('once@example.go.th', 'ครั้งเดียว'));
    await eventually(async () => (await jobState('test:once')).every((state) => state === 'completed'));
    expect(mailsTo('once@example.go.th')).toHaveLength(1);
  });

  it('fires the schedule once per tick although both instances check it every second', async () => {
    // Due every minute, checked each second by two instances: unguarded, about two runs a second.
    const runs = async (): Promise<number> =>
      (
        await a.dataSource.query(`SELECT count(*)::int AS n FROM ${queueSchema}.job WHERE name = $1`, [
          Queues.reminders,
        ])
      )[0].n;
    await eventually(async () => (await runs()) >= 1);
    await sleep(3000);
    expect(await runs()).toBeLessThanOrEqual(minute() - startMinute + 1);
  });

  it('runs the reminders from the queue’s schedule: ticks on both instances mail each LAO once', async () => {
    expect(await a.app.services.jobs.boss.getSchedules(Queues.reminders)).toEqual([
      expect.objectContaining({ name: Queues.reminders, cron: '* * * * *', timezone: 'Asia/Bangkok' }),
    ]);
    await createCycle(a.dataSource);
    await a.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { ...completeProfile, coordinatorEmail: 'dintong.jobs@example.go.th' });
    await createLaoAccount(a.dataSource, world.dintong, { password: 'Lao-Pass-2565-x' });
    const lao = await signIn(a, world.dintong.code, 'Lao-Pass-2565-x');
    const created = await lao(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
      {
        input: projectFields({ name: 'โครงการ ก' }),
      },
    );
    expect(created.errors).toBeUndefined();
    await a.dataSource.query(`UPDATE plan SET status = 'PASSED' WHERE fiscal_year = 2566`);
    // Ticks as the schedule sends them, a late duplicate included, taken by either instance's worker.
    smtp.refuse(1); // the first delivery attempt fails too: retried, still once
    await Promise.all([
      a.app.services.jobs.send(Queues.reminders, {}),
      b.app.services.jobs.send(Queues.reminders, {}),
      a.app.services.jobs.send(Queues.reminders, {}),
    ]);
    const reminder = await smtp.waitFor('dintong.jobs@example.go.th', 0, 20_000);
    expect(reminder.subject).toContain('รอบ 6 เดือน ปีงบประมาณ 2566');
    await eventually(
      async () =>
        (
          await a.dataSource.query(
            `SELECT count(*)::int AS n FROM ${queueSchema}.job WHERE state <> 'completed' AND name = ANY($1)`,
            [[Queues.reminders, Queues.mail]],
          )
        )[0].n === 0,
    );
    expect(mailsTo('dintong.jobs@example.go.th')).toHaveLength(1);
  });
});
