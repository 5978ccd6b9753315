import { randomUUID } from 'node:crypto';
import type { Express, Request } from 'express';
import type { Pool } from 'pg';
import pino, { type DestinationStream, type Logger } from 'pino';
import pinoHttp from 'pino-http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Structured JSON logs (one line per request, with its request id; the
 * Authorization header and cookies are redacted) and Prometheus metrics at
 * /metrics: request rate, latency and errors by route, the DB pool, and Node's own.
 */
export const setUpObservability = (
  app: Express,
  options: { level: string; destination?: DestinationStream; pool: Pool },
): { logger: Logger; registry: Registry } => {
  const logger = pino(
    {
      level: options.level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    options.destination,
  );
  const requestId = (
    req: { headers: Request['headers'] },
    res: { setHeader(name: string, value: string): unknown },
  ) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', id);
    return id;
  };
  if (logger.isLevelEnabled('fatal')) {
    app.use(
      pinoHttp({
        logger,
        genReqId: requestId,
        // Query strings may carry tokens of reset links: log the path only.
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            path: req.url.split('?')[0],
          }),
        },
      }),
    );
  } else {
    // LOG_LEVEL=silent: no request line can be written, so pino-http's per-request work is skipped;
    // requests keep their ids (x-request-id, audit records).
    app.use((req, res, next) => {
      (req as Request & { id?: string }).id = requestId(req, res);
      next();
    });
  }

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  poolGauge('db_pool_connections_total', 'Connections open in the DB pool', () => options.pool.totalCount);
  poolGauge('db_pool_connections_idle', 'Idle connections in the DB pool', () => options.pool.idleCount);
  poolGauge(
    'db_pool_clients_waiting',
    'Requests waiting for a DB connection',
    () => options.pool.waitingCount,
  );

  app.use((req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      // Few, fixed route labels: the API, the exports, and everything else.
      const route = path.startsWith('/graphql')
        ? '/graphql'
        : path.startsWith('/exports') || path.startsWith('/open-data')
          ? '/exports'
          : 'other';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return { logger, registry };
};

export const requestIdOf = (req: Request): string =>
  String((req as Request & { id?: unknown }).id ?? randomUUID());
