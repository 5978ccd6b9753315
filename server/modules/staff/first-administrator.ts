import type { DataSource } from 'typeorm';
import { Role } from '../../auth/role';
import type { AppConfig } from '../../config';
import { Mailer } from '../../mail/mailer';
import { staffInvitationMail } from '../../mail/templates';
import { Account } from '../account/account.entity';
import { insertAuditParameters, insertAuditSql } from '../audit/audit-context';
import { ensureReferenceData } from '../geo/reference-data';
import { issueSetupLink } from './staff-invitation';
import { staffUsernamePattern } from './staff.inputs';
import { StaffRole, staffRoleTh } from './staff-role';

/** A refusal of `admin:create` the operator can act on (exit code 2), in Thai and English. */
export class FirstAdministratorRefused extends Error {}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The normalized user name, mail and display name, or a refusal (checked before any database work). */
export const checkFirstAdministrator = (input: { username: string; email: string; displayName?: string }) => {
  const username = input.username.trim().toLowerCase();
  const email = input.email.trim();
  const displayName = input.displayName?.trim() || 'ผู้ดูแลระบบ สำนักงาน ป.ป.ช.';
  if (!staffUsernamePattern.test(username))
    throw new FirstAdministratorRefused(
      'ชื่อผู้ใช้งานต้องมี 3–64 ตัว ใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข จุด ขีด และขีดล่าง และต้องไม่เป็นตัวเลขล้วน\n' +
        'The user name takes 3–64 lower-case letters, digits, dot, dash or underscore, and is not all digits.',
    );
  if (!emailPattern.test(email) || email.length > 254)
    throw new FirstAdministratorRefused(`อีเมลไม่ถูกต้อง: ${email}\nNot a mail address: ${email}`);
  if (displayName.length > 200)
    throw new FirstAdministratorRefused(
      'ชื่อที่แสดงยาวเกิน 200 ตัวอักษร\nThe display name is longer than 200 characters.',
    );
  return { username, email, displayName };
};

/**
 * The first NACC central administrator of an empty system (`npm run admin:create`): the account
 * without a password, a one-time setup link (printed; mailed when SMTP is configured) and an
 * audit row. Refused once any administrator exists (enabled or not): later ones are invited in
 * the app. Two runs at once cannot both succeed (a transaction-wide advisory lock).
 */
export const createFirstAdministrator = async (
  dataSource: DataSource,
  config: AppConfig,
  input: { username: string; email: string; displayName?: string; publicUrl: string; origin: string },
): Promise<{
  accountId: string;
  username: string;
  link: string;
  expiresAt: Date;
  mailed: boolean;
  /** Why the mail could not be sent (the command prints it beside the link), or null. */
  mailError: string | null;
  reference: { provinces: number; districts: number };
}> => {
  const { username, email, displayName } = checkFirstAdministrator(input);

  const created = await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('admin:create'))`);
    const existing = await manager
      .getRepository(Account)
      .findOne({ where: { administrator: true }, order: { createdAt: 'ASC' } });
    if (existing)
      throw new FirstAdministratorRefused(
        `มีผู้ดูแลระบบส่วนกลางอยู่แล้ว (${existing.username}) คำสั่งนี้ใช้สร้างผู้ดูแลระบบคนแรกเท่านั้น ` +
          'ผู้ดูแลระบบคนอื่นให้เชิญจากหน้า "บัญชีเจ้าหน้าที่" ในระบบ\n' +
          `An administrator already exists (${existing.username}). This command creates the first one only; ` +
          'invite further staff in the app (/nacc/staff).',
      );
    if (await manager.getRepository(Account).existsBy({ username }))
      throw new FirstAdministratorRefused(
        `ชื่อผู้ใช้งาน ${username} มีผู้ใช้แล้ว\nThe user name ${username} is taken.`,
      );
    // A new database also needs NACC's regions and Thailand's provinces and districts before
    // its LAO list can be imported and staff scoped: written here when missing.
    const reference = await ensureReferenceData(manager);
    const account = await manager.getRepository(Account).save(
      manager.getRepository(Account).create({
        username,
        displayName,
        email,
        role: Role.NACC_CENTRAL,
        administrator: true,
        passwordHash: null,
        activatedAt: null,
      }),
    );
    const link = await issueSetupLink(manager, account.id, {
      ttlHours: config.staffInvitationTtlHours,
      publicUrl: input.publicUrl,
    });
    // The audit row commits with the account (or neither does).
    await manager.query(
      insertAuditSql,
      insertAuditParameters(
        {
          operation: 'admin:create',
          accountId: account.id,
          actor: input.origin.slice(0, 200),
          role: null,
          clientAddress: 'command line',
          userAgent: null,
          arguments: { username, email, displayName, staffRole: StaffRole.CENTRAL_ADMINISTRATOR },
        },
        'OK',
      ),
    );
    return { account, reference, ...link };
  });

  // Sent directly, not through the job queue: the command runs where no worker may be running yet
  // (a new database, before the first start), and the operator holding the printed link learns
  // at once whether it was mailed; a failure is shown with the link, which they hand over instead.
  let mailed = false;
  let mailError: string | null = null;
  if (config.smtpUrl) {
    const mailer = new Mailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      timeoutMs: config.jobs.smtpTimeoutMs,
    });
    try {
      await mailer.send(
        staffInvitationMail(email, {
          displayName,
          username,
          roleTh: staffRoleTh[StaffRole.CENTRAL_ADMINISTRATOR],
          link: created.link,
          expiresAt: created.expiresAt,
        }),
      );
      mailed = true;
    } catch (error) {
      mailError = error instanceof Error ? error.message : String(error);
    } finally {
      mailer.close();
    }
  }
  return {
    accountId: created.account.id,
    username,
    link: created.link,
    expiresAt: created.expiresAt,
    mailed,
    mailError,
    reference: created.reference,
  };
};
