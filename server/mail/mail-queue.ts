import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { type JobQueue, Queues, transactionDb } from '../jobs/job-queue';
import type { Mailer, OutgoingMail } from './mailer';

/**
 * A mail job: its stable key (e.g. `reminder:<lao>:<fiscal year>:<round>`, `password-reset:<id>`),
 * the recipient (shown in the failed-jobs list) and the mail itself, sealed: reset and setup links
 * carry tokens, which the database otherwise only ever holds as hashes.
 */
export type MailJob = { key: string; to: string; sealed: string };

/**
 * Mail through the job queue: at-least-once delivery with idempotent sends. A delivery claims its
 * key in `mail_sent` and sends in the same transaction: it commits only once the SMTP server has
 * accepted the mail, so a key already there is never sent again (a retry, a second worker, a job
 * sent twice), and a second worker on the same key waits for the first one's outcome. Only a
 * crash between the SMTP server's acceptance and the commit can send a mail twice.
 */
export class MailQueue {
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    options: { secret: string | Buffer; sendTimeoutMs: number },
  ) {
    this.key = Buffer.from(
      hkdfSync('sha256', options.secret, 'lao-plan-monitor', 'mail-queue-encryption-v1', 32),
    );
    this.sendTimeoutMs = options.sendTimeoutMs;
    queue.handle<MailJob>(Queues.mail, (job) => this.deliver(job.data));
  }

  private readonly sendTimeoutMs: number;

  /** Enqueues one mail under its stable key; in `manager`'s transaction when given (then `wake()` after the commit). */
  async enqueue(key: string, mail: OutgoingMail, manager?: EntityManager): Promise<void> {
    await this.queue.send(Queues.mail, this.job(key, mail), manager);
  }

  /** Enqueues many mails in one statement, in `manager`'s transaction; `wake()` after the commit. */
  async enqueueAll(mails: { key: string; mail: OutgoingMail }[], manager: EntityManager): Promise<void> {
    if (mails.length === 0) return;
    await this.queue.boss.insert(
      Queues.mail,
      mails.map(({ key, mail }) => ({ name: Queues.mail, data: this.job(key, mail) })),
      { db: transactionDb(manager) },
    );
  }

  /** Wakes this instance's mail worker (after a transaction that enqueued mails committed). */
  wake(): void {
    this.queue.wake(Queues.mail);
  }

  private job(key: string, mail: OutgoingMail): MailJob {
    return { key, to: mail.to, sealed: this.seal(key, JSON.stringify(mail)) };
  }

  /** Sends the mail of a job unless its key was sent already; throws (the attempt fails) when the SMTP server refuses. */
  async deliver(job: MailJob): Promise<{ sent: boolean }> {
    const mail = JSON.parse(this.open(job.key, job.sealed)) as OutgoingMail;
    const sent = await this.dataSource.transaction(async (manager) => {
      // The transaction stays open while the SMTP server answers: longer than the send may take.
      await manager.query(
        `SELECT set_config('idle_in_transaction_session_timeout', $1, true), set_config('statement_timeout', $1, true)`,
        [`${this.sendTimeoutMs * 3 + 10_000}ms`],
      );
      const claimed: unknown[] = await manager.query(
        `INSERT INTO mail_sent (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`,
        [job.key],
      );
      if (claimed.length === 0) return false;
      await this.mailer.send(mail);
      return true;
    });
    this.logger[sent ? 'info' : 'warn'](
      { key: job.key },
      sent ? 'mail sent' : 'mail not sent again: its key was sent already',
    );
    return { sent };
  }

  /** Forgets keys older than `days` (their jobs are gone by then: JOB_KEEP_DAYS). */
  async prune(days: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM mail_sent WHERE sent_at < now() - make_interval(days => $1)`, [
      days,
    ]);
  }

  /** AES-256-GCM under a key derived from SECOND_FACTOR_KEY or JWT_SECRET; the mail's key is the additional data. */
  private seal(key: string, plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  private open(key: string, sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || ciphertext === undefined) throw new Error(`Mail ${key}: not a sealed mail`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(key));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new Error(
        `Mail ${key}: cannot be opened with this server's key (JWT_SECRET changed since it was queued)`,
      );
    }
  }
}
