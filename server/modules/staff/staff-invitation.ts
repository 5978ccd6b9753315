import { IsNull, type EntityManager } from 'typeorm';
import { digest, newResetToken } from '../../auth/secrets';
import { PasswordReset } from '../account/password-reset.entity';

/** The page of the app that takes a setup link's token (client/src/views/auth/setup-password-view.vue). */
export const setupPasswordPath = '/setup-password';

/**
 * A one-time, expiring link to set a first password (a staff invitation, or the first
 * administrator's from `admin:create`). It is a password-reset token (same table, same
 * single use, only its hash stored) with the invitation's lifetime; any older unused link of
 * the account stops working.
 */
export const issueSetupLink = async (
  manager: EntityManager,
  accountId: string,
  options: { ttlHours: number; publicUrl: string; now?: Date },
): Promise<{ id: string; link: string; expiresAt: Date }> => {
  const now = options.now ?? new Date();
  const resets = manager.getRepository(PasswordReset);
  await resets.update({ accountId, usedAt: IsNull() }, { usedAt: now });
  const token = newResetToken();
  const expiresAt = new Date(now.getTime() + options.ttlHours * 3600 * 1000);
  const inserted = await resets.insert({ accountId, tokenHash: digest(token), expiresAt });
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    id: String(inserted.identifiers[0].id),
    link: `${base}${setupPasswordPath}?token=${encodeURIComponent(token)}`,
    expiresAt,
  };
};

/** Outstanding setup links of an account end (it was disabled). */
export const endSetupLinks = (manager: EntityManager, accountId: string, now = new Date()) =>
  manager.getRepository(PasswordReset).update({ accountId, usedAt: IsNull() }, { usedAt: now });
