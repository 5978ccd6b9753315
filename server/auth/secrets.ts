import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Unambiguous alphabet: no 0/O, 1/I/L. 32 symbols → 5 bits each. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A 12-symbol activation code (≈59 bits), shown as XXXX-XXXX-XXXX. */
export const newActivationCode = (): string => {
  const symbols = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8].map((start) => symbols.slice(start, start + 4).join('')).join('-');
};

/** What people type: any case, with or without dashes and spaces. */
export const normalizeActivationCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const newResetToken = (): string => randomBytes(32).toString('base64url');

/** High-entropy secrets are stored as SHA-256 digests (no salt needed, lookup by digest). */
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
