import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string };

/**
 * A real SMTP server in-process: mail sent by the app arrives here and is parsed. `refuse(n)`
 * answers the next n messages `451` (try again later); `delayMs` holds each answer back.
 */
export const startSmtpServer = async () => {
  const received: ReceivedMail[] = [];
  const control = { refusals: 0, delayMs: 0, attempts: 0 };
  const waiters: { match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        control.attempts += 1;
        if (control.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, control.delayMs));
        if (control.refusals > 0) {
          control.refusals -= 1;
          callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        void PostalMime.parse(Buffer.concat(chunks)).then((email) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: email.subject ?? '',
            text: email.text ?? '',
            html: email.html ?? '',
          };
          received.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages offered so far, refused ones included. */
    attempts: () => control.attempts,
    /** Refuses the next `n` messages with 451 (0: accept again). */
    refuse(n: number) {
      control.refusals = n;
    },
    /** Holds each answer back this long (two deliveries of one mail overlap). */
    delay(ms: number) {
      control.delayMs = ms;
    },
    /** Resolves with the first mail to `address` among those from index `since` on (received or to come). */
    waitFor(address: string, since = 0, timeoutMs = 10_000): Promise<ReceivedMail> {
      const match = (mail: ReceivedMail) => mail.to.includes(address) && received.indexOf(mail) >= since;
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No mail to ${address} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The reset link in a mail's text. */
export const resetLinkIn = (mail: ReceivedMail): string => {
  const link = /https?:\/\/\S+\/reset-password\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No reset link in mail: ${mail.text}`);
  return link;
};
