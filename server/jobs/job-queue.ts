import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { JobQueueConfig } from '../config';

/** The schema pg-boss lives in; created by the migration JobQueue1795700300000, never by pg-boss itself. */
export const queueSchema = 'pgboss';

/** The queues of the app. */
export const Queues = {
  /** One mail to deliver (server/mail/mail-queue.ts). */
  mail: 'mail',
  /** One run of the reminder job (server/modules/report/reminder.service.ts), put there by the schedule. */
  reminders: 'reminders',
} as const;
export type QueueName = (typeof Queues)[keyof typeof Queues];

/** A job that failed after its last retry, as NACC central lists it. */
export type FailedJobRow = {
  id: string;
  queue: string;
  key: string | null;
  recipient: string | null;
  attempts: number;
  error: string | null;
  createdAt: Date;
  failedAt: Date | null;
};

export type JobHandler<T> = (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>;

/** pg-boss's database port over a pg pool (the app's own, so the queue shares its limits and timeouts). */
const poolDb = (pool: Pool): PgBoss.Db => ({
  executeSql: (text, values) => pool.query(text, values),
});

/** pg-boss's database port over a TypeORM transaction: a job sent through it commits or rolls back with it. */
export const transactionDb = (manager: EntityManager): PgBoss.Db => ({
  executeSql: async (text, values) => {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('transactionDb needs the manager of a transaction');
    const result = await runner.query(text, values, true);
    return { rows: (result.records ?? []) as unknown[] };
  },
});

/**
 * The Postgres-backed job queue (pg-boss, schema `pgboss`): at-least-once delivery, retries with
 * exponential back-off, failed jobs kept and listed, and cron schedules that fire once per tick
 * whatever the number of app instances. pg-boss never changes its schema here (`migrate: false`):
 * the TypeORM migrations own it.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly handlers = new Map<QueueName, JobHandler<unknown>>();
  private readonly workerIds = new Map<QueueName, string>();
  private started = false;

  constructor(
    private readonly pool: Pool,
    private readonly config: JobQueueConfig,
    private readonly logger: Logger,
  ) {
    this.boss = new PgBoss({
      db: poolDb(pool),
      schema: queueSchema,
      migrate: false,
      supervise: config.workers,
      schedule: config.workers,
      cronMonitorIntervalSeconds: config.scheduleCheckSeconds,
      cronWorkerIntervalSeconds: Math.min(5, config.scheduleCheckSeconds),
    });
    // Without a listener an 'error' event would throw; these are the queue's own maintenance errors
    // (a database that went away for a while, say): logged, the queue carries on.
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** The handler of a queue's jobs; registered before `start`. A handler that throws fails the attempt. */
  handle<T>(queue: QueueName, handler: JobHandler<T>): void {
    this.handlers.set(queue, handler as JobHandler<unknown>);
  }

  /** Checks the schema, creates the queues (idempotent), starts the workers and the reminder schedule. */
  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
    const keep = {
      deleteAfterSeconds: this.config.keepDays * 86_400,
      expireInSeconds: this.config.expireSeconds,
    };
    await this.ensureQueue(Queues.mail, {
      ...keep,
      retryLimit: this.config.mailRetryLimit,
      retryDelay: this.config.mailRetryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: this.config.mailRetryMaxDelaySeconds,
    });
    // A reminder run that fails is tried again a few times; the next tick of the schedule comes anyway.
    await this.ensureQueue(Queues.reminders, {
      ...keep,
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 600,
    });
    if (!this.config.workers) return;
    for (const [queue, handler] of this.handlers) {
      // Each worker takes one job at a time; the mail queue has MAIL_CONCURRENCY of them.
      const workers = queue === Queues.mail ? this.config.mailConcurrency : 1;
      for (let i = 0; i < workers; i += 1) {
        let id = '';
        id = await this.boss.work<unknown>(
          queue,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.config.pollMs / 1000 },
          async ([job]) => {
            try {
              return await this.run(queue, job, handler);
            } finally {
              // pg-boss waits a polling interval after each fetch: a worker that just had a job
              // looks for the next one at once, so a backlog drains at the mail server's pace.
              this.boss.notifyWorker(id);
            }
          },
        );
        if (i === 0) this.workerIds.set(queue, id);
      }
    }
    if (this.config.reminderCron) {
      await this.boss.schedule(Queues.reminders, this.config.reminderCron, {}, { tz: 'Asia/Bangkok' });
    } else {
      await this.boss.unschedule(Queues.reminders);
    }
  }

  /** A queue with these options, created or brought up to date (another release may have had others). */
  private async ensureQueue(name: QueueName, options: Omit<PgBoss.Queue, 'name'>) {
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, options);
    else await this.boss.createQueue(name, { policy: 'standard', ...options });
  }

  private async run(queue: QueueName, job: PgBoss.JobWithMetadata<unknown>, handler: JobHandler<unknown>) {
    try {
      return await handler(job);
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      // A structured line per failed attempt; the last one is an error and the job is listed as failed.
      this.logger[last ? 'error' : 'warn'](
        {
          err: error,
          queue,
          jobId: job.id,
          key: (job.data as { key?: string } | null)?.key ?? null,
          attempt: job.retryCount + 1,
          attempts: job.retryLimit + 1,
        },
        last ? 'job failed after its last retry' : 'job attempt failed; it will be retried',
      );
      throw error;
    }
  }

  /**
   * Enqueues a job; with `manager` (a TypeORM transaction) the job exists only if that transaction
   * commits. This instance's worker is woken to take it at once.
   */
  async send(queue: QueueName, data: object, manager?: EntityManager): Promise<string | null> {
    const id = await this.boss.send(queue, data, manager ? { db: transactionDb(manager) } : {});
    if (!manager) this.wake(queue);
    return id;
  }

  /** Wakes this instance's worker of `queue` (after a transaction that enqueued jobs committed). */
  wake(queue: QueueName): void {
    const id = this.workerIds.get(queue);
    if (id) this.boss.notifyWorker(id);
  }

  /** Jobs of the app's queues that failed after their last retry, newest first (kept JOB_KEEP_DAYS). */
  async failedJobs(first: number): Promise<FailedJobRow[]> {
    const result = await this.pool.query<FailedJobRow>(
      `SELECT id, name AS queue, data->>'key' AS key, data->>'to' AS recipient, retry_count + 1 AS attempts,
              COALESCE(output->>'message', output->'value'->>'message', output::text) AS error,
              created_on AS "createdAt", completed_on AS "failedAt"
         FROM ${queueSchema}.job
        WHERE state = 'failed' AND name = ANY($1::text[])
        ORDER BY completed_on DESC NULLS LAST, id
        LIMIT $2`,
      [Object.values(Queues), first],
    );
    return result.rows;
  }

  /** Jobs per queue and state (created, retry, active, failed): the /metrics gauges. */
  async counts(): Promise<{ queue: string; state: string; count: number }[]> {
    const result = await this.pool.query<{ queue: string; state: string; count: number }>(
      `SELECT name AS queue, state::text AS state, count(*)::int AS count
         FROM ${queueSchema}.job
        WHERE state IN ('created', 'retry', 'active', 'failed') AND name = ANY($1::text[])
        GROUP BY 1, 2`,
      [Object.values(Queues)],
    );
    return result.rows;
  }

  /** Stops the workers (waiting up to `timeoutMs` for jobs in hand) and the schedule; the pool is the app's. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
  }
}
