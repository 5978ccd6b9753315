import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { assertAcceptablePassword, hashPassword } from '../../auth/password';
import type { SignInThrottle } from '../../auth/sign-in-throttle';
import { digest, newResetToken } from '../../auth/secrets';
import type { AppConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { MailQueue } from '../../mail/mail-queue';
import { passwordResetMail } from '../../mail/templates';
import { Account } from './account.entity';
import { PasswordReset } from './password-reset.entity';
import type { RequestMeta, SessionService } from './session.service';

const invalidToken = (): AppError =>
  new AppError(
    ErrorCode.INVALID_RESET_TOKEN,
    'ลิงก์ตั้งรหัสผ่านใหม่ไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุ กรุณาขอลิงก์ใหม่จากหน้า "ลืมรหัสผ่าน"',
  );

/**
 * Forgot password: a single-use, expiring link mailed to the registered
 * address; passwords themselves are never mailed (DOMAIN.md, Accounts — Decision).
 */
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly mails: MailQueue,
    private readonly throttle: SignInThrottle,
    private readonly publicUrl: () => string,
  ) {}

  /** Answers the same whether or not code and email match, so it reveals nothing. */
  async request(meta: RequestMeta, username: string, email: string): Promise<boolean> {
    const name = username.trim();
    // Every request counts, per (account, address) and per address: never per account alone.
    await this.throttle.countResetRequest(name, meta.clientAddress);
    const account = await this.dataSource
      .getRepository(Account)
      .findOne({ where: { username: name }, relations: { lao: true } });
    const registered = account?.email ?? account?.lao?.coordinatorEmail ?? null;
    if (!account?.activatedAt || account.disabledAt || !registered) return true;
    if (registered.trim().toLowerCase() !== email.trim().toLowerCase()) return true;
    // At most a few mails per link lifetime; past that the mailbox already holds a valid link.
    if (!(await this.throttle.mayMailReset(account.username, this.config.passwordResetTtlMinutes * 60)))
      return true;

    const token = newResetToken();
    const expiresAt = new Date(Date.now() + this.config.passwordResetTtlMinutes * 60 * 1000);
    const link = `${this.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`;
    // The link and its mail job commit together; the queue delivers it (retrying a failing mail
    // server), so a slow mail server does not make a match answer slower than a miss.
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .getRepository(PasswordReset)
        .insert({ accountId: account.id, tokenHash: digest(token), expiresAt });
      const resetId = String(inserted.identifiers[0].id);
      await this.mails.enqueue(
        `password-reset:${resetId}`,
        passwordResetMail(registered, account.displayName, link, expiresAt),
        manager,
      );
    });
    this.mails.wake();
    return true;
  }

  /**
   * Also takes a staff invitation's link (server/modules/staff), which sets the first
   * password: the account counts as activated from then on. `invalid` is the refusal to give.
   */
  async reset(
    meta: RequestMeta,
    token: string,
    newPassword: string,
    invalid: () => AppError = invalidToken,
  ): Promise<boolean> {
    const reset = await this.dataSource.getRepository(PasswordReset).findOne({
      where: { tokenHash: digest(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      relations: { account: true },
    });
    if (!reset?.account || reset.account.disabledAt) throw invalid();
    assertAcceptablePassword(newPassword, reset.account.username);
    const passwordHash = await hashPassword(newPassword, this.config.passwordHash);
    await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const used = await manager
        .getRepository(PasswordReset)
        .update({ id: reset.id, usedAt: IsNull() }, { usedAt: now });
      if (used.affected !== 1) throw invalid();
      // Any other outstanding link of the account dies with this one.
      await manager
        .getRepository(PasswordReset)
        .update({ accountId: reset.accountId, usedAt: IsNull() }, { usedAt: now });
      await manager.getRepository(Account).update(
        { id: reset.accountId },
        {
          passwordHash,
          passwordChangedAt: now,
          activatedAt: reset.account?.activatedAt ?? now,
          mustChangePassword: false,
        },
      );
      await this.sessions.revokeAll(manager, reset.accountId);
    });
    // The forgotten-password way in works even while attackers slow down the account's untrusted
    // clients: the address that proved it holds the mailbox becomes known to the account.
    await this.throttle.rememberAddress(reset.account.username, meta.clientAddress);
    return true;
  }
}
