import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { defaultJwtKeyId, type JwtConfig } from '../config';

export type TokenClaims = { sub: string; sid: string };

const algorithm = 'HS256' as const;

/**
 * The keys of a configuration by key id, as KeyObjects made once per configuration: given a string,
 * jsonwebtoken first tries (and fails) to parse it as a public key on every verification, about 5%
 * of a request's CPU. `derive` turns a configured secret into the key of one kind of token (device
 * tokens use their own keys derived from the same secrets).
 */
export class TokenKeys {
  private static readonly cache = new WeakMap<JwtConfig, Map<string, TokenKeys>>();
  private readonly byId = new Map<string, KeyObject>();
  readonly signingKeyId: string;

  private constructor(config: JwtConfig, derive: (secret: string) => Buffer) {
    if (config.secret) this.byId.set(defaultJwtKeyId, createSecretKey(derive(config.secret)));
    for (const key of config.keys ?? []) this.byId.set(key.id, createSecretKey(derive(key.secret)));
    this.signingKeyId = config.signingKeyId ?? defaultJwtKeyId;
  }

  /** The keys of `config` for one kind of token (`kind` names the derivation, cached with it). */
  static of(config: JwtConfig, kind = 'session', derive = (secret: string) => Buffer.from(secret, 'utf8')) {
    let kinds = TokenKeys.cache.get(config);
    if (!kinds) TokenKeys.cache.set(config, (kinds = new Map()));
    let keys = kinds.get(kind);
    if (!keys) kinds.set(kind, (keys = new TokenKeys(config, derive)));
    return keys;
  }

  /** The key new tokens are signed with. */
  signing(): KeyObject {
    const key = this.byId.get(this.signingKeyId);
    if (!key) throw new Error(`JWT_SIGNING_KEY_ID "${this.signingKeyId}" names no configured key`);
    return key;
  }

  /**
   * The key a token names in its header (`kid`); a token without one (issued before key ids) is
   * JWT_SECRET's. Null for an unknown or retired key: the token is refused.
   */
  forToken(token: string): KeyObject | null {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.header !== 'object') return null;
    const kid = decoded.header.kid ?? defaultJwtKeyId;
    return typeof kid === 'string' ? (this.byId.get(kid) ?? null) : null;
  }
}

const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export const signSessionToken = (config: JwtConfig, claims: TokenClaims, expiresAt: Date): string => {
  const keys = TokenKeys.of(config);
  return jwt.sign({ sid: claims.sid }, keys.signing(), {
    algorithm,
    keyid: keys.signingKeyId,
    subject: claims.sub,
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
};

/**
 * Verifies signature (algorithm pinned, with the key the token's `kid` names), issuer, audience and
 * expiry; null when anything is off.
 */
export const verifySessionToken = (config: JwtConfig, token: string): TokenClaims | null => {
  try {
    const key = TokenKeys.of(config).forToken(token);
    if (!key) return null;
    const payload = jwt.verify(token, key, {
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
