import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../config';

export type TokenClaims = { sub: string; sid: string };

const algorithm = 'HS256' as const;

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and
 * fails) to parse it as a public key on every verification, about 5% of a request's CPU.
 */
const keys = new Map<string, KeyObject>();
const keyOf = (secret: string): KeyObject => {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
};

const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export const signSessionToken = (config: AppConfig['jwt'], claims: TokenClaims, expiresAt: Date): string =>
  jwt.sign({ sid: claims.sid }, keyOf(config.secret), {
    algorithm,
    subject: claims.sub,
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });

/** Verifies signature (algorithm pinned), issuer, audience and expiry; null when anything is off. */
export const verifySessionToken = (config: AppConfig['jwt'], token: string): TokenClaims | null => {
  try {
    const payload = jwt.verify(token, keyOf(config.secret), {
      algorithms: [algorithm],
      issuer: config.issuer,
      audience: config.audience,
    });
    // Accounts and sessions are keyed by UUID: anything else names none (and would fail the lookup's cast).
    if (typeof payload === 'string' || !isUuid(payload.sub) || !isUuid(payload.sid)) return null;
    return { sub: payload.sub, sid: payload.sid };
  } catch {
    return null;
  }
};
