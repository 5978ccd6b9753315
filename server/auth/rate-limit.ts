import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

const thaiTime = new Intl.DateTimeFormat('th-TH', {
  timeZone: 'Asia/Bangkok',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** RATE_LIMITED with when to retry (seconds under a minute, else minutes, and the Bangkok clock time). */
export const rateLimitedError = (retryAfterSeconds: number): AppError => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const retryAt = new Date(Date.now() + seconds * 1000);
  const wait = seconds < 60 ? `${seconds} วินาที` : `${Math.ceil(seconds / 60)} นาที`;
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก ${wait} (หลังเวลา ${thaiTime.format(retryAt)} น.)`,
    { retryAfterSeconds: seconds, retryAt: retryAt.toISOString() },
  );
};

/**
 * An operation refused as a whole with RATE_LIMITED (a throttled sign-in, activation or reset
 * request) is answered HTTP 429 with `Retry-After`, like a spent cost budget.
 */
export const retryAfterPlugin = <T extends object>(): ApolloServerPlugin<T> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const refused = errors?.find((error) => error.extensions?.code === ErrorCode.RATE_LIMITED);
        const seconds = Number(refused?.extensions?.retryAfterSeconds);
        if (!refused || data || !Number.isFinite(seconds) || response.http.headers.has('retry-after')) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(seconds))));
      },
    };
  },
});
