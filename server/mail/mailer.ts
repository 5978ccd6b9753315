import nodemailer, { type Transporter } from 'nodemailer';

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };
export type OutboxEntry = OutgoingMail & { sentAt: Date };

/**
 * Sends mail over SMTP (`SMTP_URL`), each attempt bounded by `timeoutMs` (connecting, the greeting,
 * and any silence of the server). Without it (development) mails are kept in an in-memory outbox,
 * logged and listed at /dev/outbox. The app sends through the job queue (mail-queue.ts), never directly.
 */
export class Mailer {
  private readonly transport: Transporter;
  readonly outbox: OutboxEntry[] = [];

  constructor(
    private readonly options: {
      smtpUrl?: string;
      from: string;
      timeoutMs?: number;
      log?: (mail: OutgoingMail) => void;
    },
  ) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.transport = options.smtpUrl
      ? nodemailer.createTransport({
          url: options.smtpUrl,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        })
      : nodemailer.createTransport({ jsonTransport: true });
  }

  get usesOutbox(): boolean {
    return !this.options.smtpUrl;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.options.from, ...mail });
    if (this.usesOutbox) {
      this.outbox.unshift({ ...mail, sentAt: new Date() });
      this.outbox.splice(50);
      this.options.log?.(mail);
    }
  }

  close(): void {
    this.transport.close();
  }
}
