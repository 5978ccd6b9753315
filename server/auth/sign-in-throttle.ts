import { isIPv4, isIPv6 } from 'node:net';
import type { DataSource, EntityManager } from 'typeorm';
import type { SignInThrottleConfig, ThrottleRule } from '../config';
import { accountKeyOf, DeviceTokens } from './device-token';
import { outsideAudit } from '../modules/audit/audit-context';
import { rateLimitedError } from './rate-limit';
import { log } from '../request-scope';

/**
 * Sign-in throttling without account lockout.
 *
 * Sources: OWASP Authentication Cheat Sheet, "Protect Against Automated Attacks" / "Account
 * Lockout" (count failures; exponential rather than fixed lockout; a lockout must not become a
 * denial of service), and OWASP "Slow Down Online Guessing Attacks with Device Cookies" (trusted
 * clients are throttled individually, untrusted ones share one limit per account).
 *
 * Each attempt is checked against a few keys (table `sign_in_throttle`, shared by every server
 * instance). A key's first `freeFailures` failures cost nothing; then every further failure makes
 * that key wait before its next attempt is accepted: `firstDelaySeconds`, doubling up to
 * `maxDelaySeconds` (a "growing delay", never a lock of the account for everyone). Attempts refused
 * while a key waits are not counted, so hammering does not lengthen anybody's wait.
 *
 * Login keys:
 * - a client with a valid device token of the account: `device:<token id>` only;
 * - any other client: `(account, address)`, `address` (password spraying) and, unless the address
 *   is one the account signed in from lately, `account` (all untrusted clients of the account together).
 * An attacker who hammers an LAO code from elsewhere thus slows down only the untrusted clients of
 * that account, never its known devices and known addresses.
 *
 * An attempt counts as a failure from the moment it is accepted (so that a burst of concurrent
 * guesses cannot slip past the delay) until it proves itself: then the `(account, address)` and
 * device keys start afresh and the shared keys (address, account) give the attempt back.
 */

/** What a key does when its attempt succeeds. */
type OnSuccess = 'reset' | 'refund';
type Bucket = { key: string; rule: ThrottleRule; onSuccess: OnSuccess };

/** The wait after the n-th failure of a key, in seconds. */
export const delayAfter = (failures: number, rule: ThrottleRule): number => {
  if (failures <= rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures - 1, 30);
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** doublings);
};

const expandIPv6 = (address: string): string[] => {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const middle = address.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...middle, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
};

/**
 * The unit an address is counted in: an IPv4 address (also when written IPv4-mapped), or the /64
 * network of an IPv6 address, since one IPv6 subscriber holds a whole /64 (the OWASP device-cookie
 * page warns about IPv6 in per-address limits).
 */
export const addressKeyOf = (address: string): string => {
  const plain = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1];
  if (isIPv4(plain)) return plain;
  if (isIPv6(plain) && !plain.includes('.')) return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
  return plain.slice(0, 100);
};

type Row = { key: string; failures: number; live: boolean; wait_ms: number; now_ms: number };

/** An accepted attempt: call `succeeded` once it proved itself; if it never does, it stays a failure. */
export class ThrottledAttempt {
  constructor(
    private readonly throttle: SignInThrottle,
    private readonly buckets: Bucket[],
  ) {}

  async succeeded(): Promise<void> {
    await this.throttle.settle(this.buckets);
  }
}

export class SignInThrottle {
  readonly deviceTokens: DeviceTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SignInThrottleConfig,
    jwtConfig: ConstructorParameters<typeof DeviceTokens>[0],
  ) {
    this.deviceTokens = new DeviceTokens(jwtConfig, config.deviceTokenTtlDays);
  }

  /**
   * A login attempt of `username` from `address`, with the device token the client holds (if any).
   * Throws RATE_LIMITED (with when to retry) while one of its keys waits.
   */
  async beginLogin(
    username: string,
    address: string,
    deviceToken?: string | null,
  ): Promise<ThrottledAttempt> {
    const rules = this.config.login;
    const account = accountKeyOf(username);
    const device = this.deviceTokens.verify(deviceToken, username);
    if (device)
      return this.begin([{ key: `login:device:${device.id}`, rule: rules.device, onSuccess: 'reset' }]);
    const from = addressKeyOf(address);
    const buckets: Bucket[] = [
      { key: `login:pair:${account}|${from}`, rule: rules.pair, onSuccess: 'reset' },
      { key: `login:address:${from}`, rule: rules.address, onSuccess: 'refund' },
    ];
    if (!(await this.isKnownAddress(account, from))) {
      buckets.push({ key: `login:account:${account}`, rule: rules.account, onSuccess: 'refund' });
    }
    return this.begin(buckets);
  }

  /** After a successful sign-in: the address becomes known and the client gets a new device token. */
  async signedIn(username: string, address: string): Promise<string> {
    await this.rememberAddress(username, address);
    return this.deviceTokens.issue(username);
  }

  /**
   * Checking the current password of a signed-in session (change password): the session is the
   * known client, throttled like a device.
   */
  beginPasswordCheck(sessionId: string): Promise<ThrottledAttempt> {
    return this.begin([
      { key: `password:session:${sessionId}`, rule: this.config.login.device, onSuccess: 'reset' },
    ]);
  }

  /**
   * An activation attempt: throttled per (LAO, address) and per address, never per LAO alone — a
   * code has about 59 bits, which no throttled guessing reaches, so a per-LAO limit would only let
   * an attacker who knows the public 7-digit code keep the LAO from using its real one.
   */
  beginActivation(laoCode: string, address: string): Promise<ThrottledAttempt> {
    const from = addressKeyOf(address);
    const rules = this.config.activation;
    return this.begin([
      { key: `activation:pair:${accountKeyOf(laoCode)}|${from}`, rule: rules.pair, onSuccess: 'reset' },
      { key: `activation:address:${from}`, rule: rules.address, onSuccess: 'refund' },
    ]);
  }

  /**
   * A password-reset request. Every request counts (the answer is the same whether or not user
   * name and e-mail match, and the counters must not tell either), per (account, address) and per
   * address, never per account alone: an attacker elsewhere cannot stop the owner's request.
   */
  async countResetRequest(username: string, address: string): Promise<void> {
    const from = addressKeyOf(address);
    const rules = this.config.resetRequest;
    await this.begin([
      { key: `reset:pair:${accountKeyOf(username)}|${from}`, rule: rules.pair, onSuccess: 'reset' },
      { key: `reset:address:${from}`, rule: rules.address, onSuccess: 'refund' },
    ]);
  }

  /**
   * Whether another reset mail may go to this account now: at most `resetMailsPerLinkLifetime`
   * per link lifetime. When not, the request answers the same and mails nothing — the mailbox then
   * already holds a link sent less than a lifetime ago, so the owner is not kept out.
   */
  async mayMailReset(username: string, linkLifetimeSeconds: number): Promise<boolean> {
    const rows: { failures: number }[] = await this.dataSource.query(
      `INSERT INTO sign_in_throttle (key, failures, next_at, forget_at)
       VALUES ($1, 1, '-infinity', now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN sign_in_throttle.forget_at <= now() THEN 1 ELSE sign_in_throttle.failures + 1 END,
         forget_at = CASE WHEN sign_in_throttle.forget_at <= now() THEN EXCLUDED.forget_at ELSE sign_in_throttle.forget_at END
       RETURNING failures`,
      [`reset:mails:${accountKeyOf(username)}`, linkLifetimeSeconds],
    );
    return rows[0].failures <= this.config.resetMailsPerLinkLifetime;
  }

  /** The address becomes known for the account (a sign-in, activation or password reset from it). */
  async rememberAddress(username: string, address: string): Promise<void> {
    if (this.config.knownAddressDays <= 0) return;
    await this.dataSource.query(
      `INSERT INTO sign_in_throttle (key, failures, next_at, forget_at)
       VALUES ($1, 0, '-infinity', now() + make_interval(days => $2))
       ON CONFLICT (key) DO UPDATE SET forget_at = EXCLUDED.forget_at`,
      [knownKey(accountKeyOf(username), addressKeyOf(address)), this.config.knownAddressDays],
    );
  }

  private async isKnownAddress(account: string, from: string): Promise<boolean> {
    if (this.config.knownAddressDays <= 0) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM sign_in_throttle WHERE key = $1 AND forget_at > now()`,
      [knownKey(account, from)],
    );
    return rows.length > 0;
  }

  /** Accepts the attempt (counted as a failure for now) or throws RATE_LIMITED; atomic over all keys. */
  private async begin(buckets: Bucket[]): Promise<ThrottledAttempt> {
    const sorted = [...buckets].sort((a, b) => (a.key < b.key ? -1 : 1));
    const keys = sorted.map((bucket) => bucket.key);
    const waitMs = await this.withDeadlockRetry((manager) => this.reserve(manager, sorted, keys));
    if (waitMs > 0) throw rateLimitedError(Math.ceil(waitMs / 1000));
    if (Math.random() < 0.01) void this.forgetExpired();
    return new ThrottledAttempt(this, sorted);
  }

  private async reserve(manager: EntityManager, sorted: Bucket[], keys: string[]): Promise<number> {
    await manager.query(
      `INSERT INTO sign_in_throttle (key, failures, next_at, forget_at)
       SELECT key, 0, '-infinity', now() FROM unnest($1::text[]) AS key
       ON CONFLICT (key) DO NOTHING`,
      [keys],
    );
    const rows: Row[] = await manager.query(
      `SELECT key, failures, forget_at > t.now AS live,
              CASE WHEN next_at > t.now THEN extract(epoch FROM next_at - t.now) * 1000 ELSE 0 END::float8 AS wait_ms,
              (extract(epoch FROM t.now) * 1000)::float8 AS now_ms
       FROM sign_in_throttle, (SELECT clock_timestamp() AS now) AS t
       WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE OF sign_in_throttle`,
      [keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    let waitMs = 0;
    const updates = sorted.map((bucket) => {
      const row = byKey.get(bucket.key) as Row;
      const now = row.now_ms;
      if (row.live) waitMs = Math.max(waitMs, row.wait_ms);
      const failures = (row.live ? row.failures : 0) + 1;
      const delayMs = delayAfter(failures, bucket.rule) * 1000;
      return {
        key: bucket.key,
        failures,
        // No wait: no instant either (a concurrent attempt read its clock a moment earlier).
        nextAt: delayMs > 0 ? new Date(now + delayMs).toISOString() : '-infinity',
        forgetAt: new Date(now + delayMs + bucket.rule.forgetAfterSeconds * 1000).toISOString(),
      };
    });
    if (waitMs > 0) return waitMs;
    await manager.query(
      `UPDATE sign_in_throttle t SET failures = v.failures, next_at = v.next_at, forget_at = v.forget_at
       FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS v(key, failures, next_at, forget_at)
       WHERE t.key = v.key`,
      [
        updates.map((u) => u.key),
        updates.map((u) => u.failures),
        updates.map((u) => u.nextAt),
        updates.map((u) => u.forgetAt),
      ],
    );
    return 0;
  }

  /** A succeeded attempt: its own keys start afresh, shared keys give the attempt back. */
  async settle(buckets: Bucket[]): Promise<void> {
    const reset = buckets.filter((bucket) => bucket.onSuccess === 'reset').map((bucket) => bucket.key);
    if (reset.length > 0)
      await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE key = ANY($1::text[])`, [reset]);
    for (const bucket of buckets.filter((b) => b.onSuccess === 'refund')) {
      const { freeFailures, firstDelaySeconds, maxDelaySeconds } = bucket.rule;
      // The wait of the count after the refund, from now; never longer than the wait already set.
      await this.dataSource.query(
        `UPDATE sign_in_throttle SET
           failures = greatest(failures - 1, 0),
           next_at = CASE WHEN failures - 1 <= $2 THEN '-infinity'
             ELSE least(next_at, now() + make_interval(secs =>
               least($4::float8, $3::float8 * power(2, least(failures - 1 - $2 - 1, 30))))) END
         WHERE key = $1`,
        [bucket.key, freeFailures, firstDelaySeconds, maxDelaySeconds],
      );
    }
  }

  /** Rows nobody needs any more (forgotten failures, addresses no longer known). */
  async forgetExpired(): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM sign_in_throttle WHERE forget_at < now()`);
    } catch (error) {
      log().error({ err: error }, 'Clearing expired sign-in throttle rows failed');
    }
  }

  private async withDeadlockRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Counters, not changes of record, committed before the attempt's outcome is known: outside
        // the call's audit, whose row then carries the real outcome (server/modules/audit/audit-context.ts).
        return await outsideAudit(() => this.dataSource.transaction(work));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }
}

const knownKey = (account: string, from: string): string => `login:known:${account}|${from}`;
