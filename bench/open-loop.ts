import http from 'node:http';

/** What a load run measured: answers, their rate, latency percentiles (ms) and failures (refusals apart). */
export type LoadFigures = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts (open loop: also requests unanswered `graceSeconds` after the last was due). */
  errors: number;
  non2xx: number;
  graphqlErrors: number;
};

/** What one open-loop run measured; latencies counted from each request's scheduled start. */
export type OpenLoopResult = LoadFigures & { firstError: string | null };

const graceSeconds = 5;

/**
 * Sends POST /graphql requests at a fixed rate with evenly spaced arrivals, whatever the
 * server answers (an open loop, as users arrive), over keep-alive connections opened as
 * needed. Each latency is counted from the moment its request was due, so a server that
 * falls behind shows the wait, not only its service time.
 *
 * Not autocannon's `overallRate`: it gives each connection a quota per second and sends the
 * quota back to back when the second starts (50 connections at 200 req/s: 200 requests in
 * one burst each second), and corrects for coordinated omission with an expected interval of
 * `ceil(1 / rate)` = 1 ms, which records a 100 ms answer as 100 samples. Its "fixed rate"
 * latencies were those of the bursts.
 */
export const openLoop = async (
  url: string,
  choose: () => { token?: string; body: string },
  seconds: number,
  rate: number,
): Promise<OpenLoopResult> => {
  const target = new URL('/graphql', url);
  // As many connections as requests outstanding (up to 4,096, within the 20,000 descriptors
  // here): with 256, requests beyond waited inside this agent, and a server that falls behind
  // never saw the backlog it would see from thousands of users each on their own connection.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4096 });
  const total = Math.max(1, Math.round(seconds * rate));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let graphqlErrors = 0;
  let firstError: string | null = null;
  let settled = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let grace: NodeJS.Timeout | undefined;
    const settle = () => {
      settled += 1;
      if (settled === total) {
        clearTimeout(grace);
        resolve();
      }
    };
    const send = (due: number) => {
      const next = choose();
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            ...(next.token ? { authorization: `Bearer ${next.token}` } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            // Refusals (503 from load shedding) are counted, not timed: the figures are of answers.
            if (response.statusCode !== 200) non2xx += 1;
            else {
              latencies.push(performance.now() - due);
              const text = Buffer.concat(chunks).toString();
              if (text.includes('"errors"')) {
                graphqlErrors += 1;
                firstError ??= text.slice(0, 300);
              }
            }
            settle();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        settle();
      });
      request.end(next.body);
    };
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        send(start + sent * interval);
        sent += 1;
      }
      if (sent < total) {
        setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
        return;
      }
      // Every request is out: what is still unanswered after the grace period counts as an error.
      grace = setTimeout(() => {
        errors += total - settled;
        settled = total;
        resolve();
      }, graceSeconds * 1000);
    };
    tick();
  });
  const elapsed = Math.max(seconds, (performance.now() - start) / 1000);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies.length === 0 ? 0 : Math.round(latencies[Math.floor(q * (latencies.length - 1))] * 10) / 10;
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    non2xx,
    graphqlErrors,
    firstError,
  };
};
