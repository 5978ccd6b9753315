import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

/**
 * TOTP (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps; a code of the
 * step before or after is accepted too (clock drift), never one of a step already used.
 */
const period = 30;

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, issuer: string, accountName: string): string =>
  generateURI({ secret, issuer, label: accountName });

/** The time step of a valid code at `now` (to remember against replay), or null. */
export const verifyTotp = (
  secret: string,
  code: string,
  lastStep: number | null,
  now: Date,
): number | null => {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      period,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: period,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
};

/** Recovery codes: 10 symbols of an unambiguous alphabet (≈50 bits), shown as XXXXX-XXXXX. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const recoveryCodeCount = 10;

export const newRecoveryCodes = (): string[] =>
  Array.from({ length: recoveryCodeCount }, () => {
    const symbols = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
  });

/** What people type: any case, with or without the dash or spaces. */
export const normalizeRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const recoveryCodeDigest = (code: string): string =>
  createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');

/**
 * TOTP secrets at rest: AES-256-GCM under a key from the configuration, bound to the account
 * (its id is the additional data, so a ciphertext copied to another account does not open).
 * Stored as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url); the key id names the key in use.
 */
export class SecretBox {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** The key of SECOND_FACTOR_KEY, else one derived from the JWT secret (HKDF-SHA256). */
  static fromConfig(explicitKey: Buffer | null, jwtSecret: string): SecretBox {
    // Only JWT_KEYS, no JWT_SECRET: loadConfig requires SECOND_FACTOR_KEY (docs/operations.md).
    if (!explicitKey && !jwtSecret) throw new Error('SECOND_FACTOR_KEY must be set when JWT_SECRET is not');
    return new SecretBox(
      explicitKey ??
        Buffer.from(hkdfSync('sha256', jwtSecret, 'lao-plan-monitor', 'totp-secret-encryption-v1', 32)),
    );
  }

  seal(plaintext: string, accountId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(accountId));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.keyId, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, accountId: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !ciphertext)
      throw new Error('A stored TOTP secret is not in the expected format');
    if (keyId !== this.keyId)
      throw new Error(
        `A stored TOTP secret was sealed with another key (${keyId}, this server has ${this.keyId}): SECOND_FACTOR_KEY (or JWT_SECRET without it) changed`,
      );
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(accountId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
