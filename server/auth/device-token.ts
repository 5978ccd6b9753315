import { createHmac, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../config';
import { TokenKeys } from './jwt';

/**
 * Device tokens (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a successful
 * sign-in the client receives a signed token naming the account; sent with a later login of that
 * account, it marks the client as a known device, throttled only by its own failures and never by
 * what an attacker does elsewhere. It proves nothing else: the password is still required.
 *
 * A JWT (HS256) with its own audience and keys derived from the session keys (JWT_SECRET, JWT_KEYS;
 * the same key ids), so that a device token can never pass as a session token nor the other way round. One token per account (the cheat sheet's
 * "device cookies per account", so that one shared computer does not mix up several offices).
 */
export type DeviceClaims = { account: string; id: string };

const algorithm = 'HS256' as const;

/** The name every counter and token uses for an account: what people type, trimmed, any case. */
export const accountKeyOf = (username: string): string => username.trim().toLowerCase();

export class DeviceTokens {
  private readonly keys: TokenKeys;
  private readonly audience: string;

  constructor(
    private readonly jwtConfig: AppConfig['jwt'],
    private readonly ttlDays: number,
  ) {
    this.keys = TokenKeys.of(jwtConfig, 'device', (secret) =>
      createHmac('sha256', secret).update('device-token v1').digest(),
    );
    this.audience = `${jwtConfig.audience}:device`;
  }

  /** A fresh token for the account (a new id each time: the OWASP page renews it at every sign-in). */
  issue(username: string): string {
    return jwt.sign({}, this.keys.signing(), {
      algorithm,
      keyid: this.keys.signingKeyId,
      subject: accountKeyOf(username),
      jwtid: randomBytes(12).toString('base64url'),
      issuer: this.jwtConfig.issuer,
      audience: this.audience,
      expiresIn: this.ttlDays * 24 * 3600,
    });
  }

  /** The token's claims when it is genuine, unexpired and names this account; otherwise null (untrusted). */
  verify(token: string | null | undefined, username: string): DeviceClaims | null {
    if (!token || token.length > 1024) return null;
    try {
      const key = this.keys.forToken(token);
      if (!key) return null;
      const payload = jwt.verify(token, key, {
        algorithms: [algorithm],
        issuer: this.jwtConfig.issuer,
        audience: this.audience,
      });
      if (typeof payload === 'string' || typeof payload.jti !== 'string') return null;
      if (payload.sub !== accountKeyOf(username)) return null;
      return { account: payload.sub, id: payload.jti };
    } catch {
      return null;
    }
  }
}
