import type { EventEmitter } from 'node:events';

/**
 * How many callers are served at once, how many more may wait for a turn, and (optionally)
 * for how long one waits before it is turned away.
 */
export type TurnstileLimits = { concurrent: number; waiting: number; maxWaitMs?: number };

/** What became of a caller at the turnstile: its turn came, it was turned away, or it left while waiting. */
export type Turn = 'entered' | 'refused' | 'gone';

/** A caller that can hang up: an HTTP response, closed once answered or once its connection is gone. */
export type Caller = EventEmitter & { readonly closed: boolean };

type Waiter = { settled: boolean; settle(turn: Turn): void };

/**
 * A first-come, first-served turnstile. `enter` resolves with the caller's turn; a caller that
 * enters calls `leave` once it is done. Given `caller` (an HTTP response), a caller whose
 * connection closes while it waits leaves the queue at once, so nobody works for a caller who
 * has already given up.
 */
export const turnstile = ({ concurrent, waiting, maxWaitMs }: TurnstileLimits) => {
  let active = 0;
  // May still hold waiters that timed out or left; `leave` skips them.
  const queue: Waiter[] = [];
  let queued = 0;
  return {
    enter(caller?: Caller): Promise<Turn> {
      // Already gone (it hung up while its body was read): no turn taken, none to give back.
      if (caller?.closed) return Promise.resolve('gone');
      if (active < concurrent) {
        active += 1;
        return Promise.resolve('entered');
      }
      if (queued >= waiting) return Promise.resolve('refused');
      return new Promise<Turn>((resolve) => {
        const gone = () => waiter.settle('gone');
        const timer =
          maxWaitMs === undefined ? undefined : setTimeout(() => waiter.settle('refused'), maxWaitMs);
        const waiter: Waiter = {
          settled: false,
          settle(turn) {
            if (waiter.settled) return;
            waiter.settled = true;
            queued -= 1;
            clearTimeout(timer);
            caller?.off('close', gone);
            resolve(turn);
          },
        };
        caller?.once('close', gone);
        queue.push(waiter);
        queued += 1;
      });
    },
    /** Ends a turn: the next caller still waiting enters in its place. */
    leave(): void {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (!next.settled) {
          next.settle('entered');
          return;
        }
      }
      active -= 1;
    },
    /** Callers being served and callers waiting (tests read it). */
    get load(): { active: number; waiting: number } {
      return { active, waiting: queued };
    },
  };
};
