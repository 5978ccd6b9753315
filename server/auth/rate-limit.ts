import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig, RateLimitRule } from '../config';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

export type LimitedAction = 'login' | 'activation' | 'reset';

const thaiTime = new Intl.DateTimeFormat('th-TH', {
  timeZone: 'Asia/Bangkok',
  hour: '2-digit',
  minute: '2-digit',
});

export const rateLimitedError = (retryAfterSeconds: number): AppError => {
  const retryAt = new Date(Date.now() + retryAfterSeconds * 1000);
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก ${minutes} นาที (หลังเวลา ${thaiTime.format(retryAt)} น.)`,
    { retryAfterSeconds, retryAt: retryAt.toISOString() },
  );
};

/**
 * Attempt counters per account and per client address, kept in Postgres
 * (table `rate_limit`, created by a migration) so several server instances share them.
 */
export class RateLimits {
  private readonly limiters: Record<
    LimitedAction,
    { account: RateLimiterPostgres; address: RateLimiterPostgres }
  >;

  constructor(pool: Pool, rules: AppConfig['rateLimits']) {
    const make = (keyPrefix: string, rule: RateLimitRule) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limit',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points: rule.points,
        duration: rule.durationSeconds,
      });
    this.limiters = {
      login: {
        account: make('login:account', rules.loginPerAccount),
        address: make('login:address', rules.loginPerAddress),
      },
      activation: {
        account: make('activation:account', rules.activationPerAccount),
        address: make('activation:address', rules.activationPerAddress),
      },
      reset: {
        account: make('reset:account', rules.resetPerAccount),
        address: make('reset:address', rules.resetPerAddress),
      },
    };
  }

  /** Counts one attempt; throws RATE_LIMITED (with when to retry) once either budget is spent. */
  async consume(action: LimitedAction, accountKey: string, address: string): Promise<void> {
    const { account, address: byAddress } = this.limiters[action];
    const results = await Promise.allSettled([
      account.consume(accountKey.toLowerCase()),
      byAddress.consume(address),
    ]);
    const blocked = results
      .map((result) => (result.status === 'rejected' ? result.reason : null))
      .filter((reason) => reason !== null);
    for (const reason of blocked) {
      if (!(reason instanceof RateLimiterRes)) throw reason;
    }
    if (blocked.length > 0) {
      const wait = Math.max(...blocked.map((reason: RateLimiterRes) => reason.msBeforeNext));
      throw rateLimitedError(Math.ceil(wait / 1000));
    }
  }

  /** A success clears the account's counter (not the address's). */
  async clear(action: LimitedAction, accountKey: string): Promise<void> {
    await this.limiters[action].account.delete(accountKey.toLowerCase());
  }
}
