import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Load and probes for fault tests (test/faults): every request timed and recorded, so a test can
 * say what was answered, how, and how fast, before, during and after a fault.
 */

export type Sample = {
  startedAt: number;
  latency: number;
  /** Answered 200 with what the caller expected. */
  ok: boolean;
  /** HTTP status; null when no answer came (the connection dropped or the client gave up). */
  status: number | null;
  /** The first GraphQL error's `extensions.code`, or a REST answer's `code`. */
  code: string | null;
  body: string;
};

/** Runs one request, records it in `samples` and returns the sample. */
export const timed = async (
  samples: Sample[],
  request: () => Promise<Response>,
  isOk: (json: never) => boolean,
): Promise<Sample> => {
  const startedAt = Date.now();
  let sample: Omit<Sample, 'startedAt' | 'latency'>;
  try {
    const response = await request();
    const body = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      // not JSON: recorded as is
    }
    const answer = json as { errors?: { extensions?: { code?: string } }[]; code?: string } | null;
    sample = {
      ok: response.status === 200 && isOk(json as never),
      status: response.status,
      code: answer?.errors?.[0]?.extensions?.code ?? answer?.code ?? null,
      body,
    };
  } catch (error) {
    sample = { ok: false, status: null, code: null, body: String((error as Error).cause ?? error) };
  }
  const done = { startedAt, latency: Date.now() - startedAt, ...sample };
  samples.push(done);
  return done;
};

/** A signed-in GraphQL request (15 s client timeout: a hang shows as a long latency, not a stuck test). */
export const graphqlRequest = (url: string, token: string, query: string, variables?: unknown) => () =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });

/** A GET of a probe such as /readyz or /healthz, ok when its JSON `status` is `expected`. */
export const probe = (samples: Sample[], url: string, route: string, expected: string) =>
  timed(
    samples,
    () => fetch(`${url}${route}`, { signal: AbortSignal.timeout(15_000) }),
    (json: { status?: string }) => json?.status === expected,
  );

/** Waits at least `minMs`, then until `enough()` (at most `maxMs` more: a loaded CI machine is slow). */
export const until = async (minMs: number, enough: () => boolean, maxMs = 15_000) => {
  const from = Date.now();
  while (Date.now() - from < minMs || (!enough() && Date.now() - from < minMs + maxMs)) await sleep(50);
};

/** How many samples started at or after `from` (and were ok, or not, when `ok` is given). */
export const since = (samples: Sample[], from: number, ok?: boolean) =>
  samples.filter((s) => s.startedAt >= from && (ok === undefined || s.ok === ok)).length;

/** Samples that started in [from, to). */
export const within = (samples: Sample[], from: number, to: number) =>
  samples.filter((s) => s.startedAt >= from && s.startedAt < to);

/** Counts of `status code` pairs: what a phase was answered. */
export const answers = (samples: Sample[]) =>
  samples.reduce<Record<string, number>>((counts, s) => {
    const key = `${s.status} ${s.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

/** The longest latency of the samples (0 when none). */
export const maxLatency = (samples: Sample[]) => Math.max(0, ...samples.map((s) => s.latency));
