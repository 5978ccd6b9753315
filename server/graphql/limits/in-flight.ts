import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../../errors/error-codes';
import type { InFlightLimits } from '../../config';
import { noteErrorCode } from '../../request-scope';
import { turnstile } from '../../turnstile';

/** Defined by the configuration that holds it (server/config.ts); named here too for callers of `limitInFlight`. */
export type { InFlightLimits };

/** How long a caller turned away is asked to wait before trying again, seconds. */
const RETRY_AFTER_SECONDS = 1;

/** The answer to a request turned away: what Apollo would send for any refusal, with HTTP 503. */
const refuse = (res: Response) => {
  noteErrorCode(ErrorCode.RATE_LIMITED);
  res
    .status(503)
    .set('Retry-After', String(RETRY_AFTER_SECONDS))
    .json({
      errors: [
        {
          message: 'ขณะนี้มีผู้ใช้งานระบบจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่',
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: RETRY_AFTER_SECONDS },
        },
      ],
    });
};

/**
 * Express middleware before admission: sheds load when more GraphQL requests arrive than the
 * server can work on. Without it, a backlog (PostgreSQL slow or locked, a burst of heavy
 * reports) queues without bound inside the server, each waiting request holds its memory,
 * and the server goes on working for callers who have long given up. With it, a request waits
 * at most `maxWaitMs` for one of `concurrent` turns, and is otherwise answered at once with
 * 503, RATE_LIMITED and Retry-After (the client says so in Thai); a caller that hangs up while
 * it waits leaves the queue. It cannot bound the wait of requests the server has not read yet:
 * when its one thread is the bottleneck they queue in the kernel (docs/benchmarks.md).
 */
export const limitInFlight = (limits: InFlightLimits): RequestHandler => {
  if (limits.concurrent <= 0) return (_req, _res, next) => next();
  const turns = turnstile(limits);
  return (_req: Request, res: Response, next: NextFunction): void => {
    void turns.enter(res).then((turn) => {
      if (turn === 'gone') return;
      if (turn === 'refused') {
        refuse(res);
        return;
      }
      // 'close' comes once the answer is sent or the connection is gone, whichever is first.
      res.once('close', () => turns.leave());
      next();
    });
  };
};
