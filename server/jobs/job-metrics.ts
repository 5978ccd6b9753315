import { Gauge, type Registry } from 'prom-client';
import { type JobQueue, Queues } from './job-queue';

const states = ['created', 'retry', 'active', 'failed'] as const;

/**
 * `jobs{queue, state}` on /metrics: jobs waiting (created), waiting for a retry, running, and failed
 * after their last retry (kept JOB_KEEP_DAYS). Alert on `jobs{state="failed"} > 0` or on growth.
 * Read from the queue's tables at each scrape (one grouped count).
 */
export const registerJobMetrics = (registry: Registry, queue: JobQueue): void => {
  new Gauge({
    name: 'jobs',
    help: 'Jobs of the Postgres job queue by queue and state (failed: after the last retry)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await queue.counts().catch(() => null);
      this.reset();
      if (!counts) return; // the database is away: no figures rather than zeros
      for (const name of Object.values(Queues))
        for (const state of states)
          this.set(
            { queue: name, state },
            counts.find((row) => row.queue === name && row.state === state)?.count ?? 0,
          );
    },
  });
};
