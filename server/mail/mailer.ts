import nodemailer, { type Transporter } from 'nodemailer';

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };
export type OutboxEntry = OutgoingMail & { sentAt: Date };

/**
 * Sends mail over SMTP (`SMTP_URL`). Without it (development) mails are kept in
 * an in-memory outbox, printed on the console and listed at /dev/outbox.
 */
export class Mailer {
  private readonly transport: Transporter;
  readonly outbox: OutboxEntry[] = [];

  constructor(private readonly options: { smtpUrl?: string; from: string; log?: (line: string) => void }) {
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(options.smtpUrl)
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
      (this.options.log ?? console.log)(`[dev outbox] to ${mail.to}: ${mail.subject}\n${mail.text}`);
    }
  }

  close(): void {
    this.transport.close();
  }
}
