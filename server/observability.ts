import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express, Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import pino, { type DestinationStream, type Logger } from 'pino';
import pinoHttp from 'pino-http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  newRequestScope,
  noteOperation,
  type OperationType,
  requestScope,
  type RequestScope,
  runInScope,
  setProcessLogger,
} from './request-scope';
import { activeTraceIds, annotateActiveSpan, tracingEnabled } from './tracing';

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
      // With tracing on, each line names the trace and span it was written in.
      ...(tracingEnabled ? { mixin: () => activeTraceIds() ?? {} } : {}),
    },
    options.destination,
  );
  setProcessLogger(logger);
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
        // The request's GraphQL operation, on its closing line once known (nothing added before).
        customProps: (req) => {
          const operation = scopes.get(req)?.operation;
          return (
            operation
              ? { operation: operation.name ?? 'anonymous', operationType: operation.type }
              : undefined
          ) as object;
        },
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
  app.use(requestScopes(logger));

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

/** Each request's scope (server/request-scope.ts), by its Express request. */
const scopes = new WeakMap<object, RequestScope>();

/** The scope `requestScopes` opened for this request. */
export const scopeOfRequest = (req: Request): RequestScope | undefined => scopes.get(req);

/**
 * Opens each request's scope: the rest of the request (and whatever it starts) logs through
 * `log()` with the request id (pino-http's `req.log`; the process logger when it is silent).
 */
const requestScopes =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    const scope = newRequestScope(requestIdOf(req), (req as Request & { log?: Logger }).log ?? logger);
    scopes.set(req, scope);
    runInScope(scope, next);
  };

/** GraphQL operation names as they appear in metric labels (`GRAPHQL_METRICS_MAX_OPERATIONS`). */
export class OperationLabels {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  /**
   * `anonymous` for an unnamed operation; a name the server has seen on a valid operation, up to
   * `max` distinct names (first come, first kept); `other` for the rest: clients choose names, and
   * each distinct label is a series Prometheus keeps.
   */
  of(name: string | null | undefined, resolved: boolean): string {
    if (!name) return 'anonymous';
    if (this.seen.has(name)) return name;
    // Names of operations that did not validate never take a place (any text can be sent).
    if (!resolved || !/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) || this.seen.size >= this.max)
      return 'other';
    this.seen.add(name);
    return name;
  }
}

/** Bounded error codes as labels: Apollo's and ours are UPPER_SNAKE; anything else is `OTHER`. */
const codeLabel = (code: unknown): string =>
  typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';

/**
 * Per-operation metrics of /graphql: `graphql_operation_duration_seconds{operation,type}` (from the
 * request's arrival to its answer, including answers served from the caches and load shedding)
 * and `graphql_operation_errors_total{operation,code}` (one per error of an answer, by
 * `extensions.code`). The middleware goes first on /graphql; the plugin tells it what Apollo ran.
 */
export const graphqlOperationMetrics = (
  registry: Registry,
  options: { maxOperations: number },
): { middleware: RequestHandler; plugin: () => ApolloServerPlugin } => {
  const labels = new OperationLabels(options.maxOperations);
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL requests by operation name and type (query, mutation, subscription; unknown: not run)',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_operation_errors_total',
    help: 'Errors in GraphQL answers by operation name and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.once('finish', () => {
      const scope = scopes.get(req);
      const resolved = scope?.operation?.type !== undefined && scope.operation.type !== 'unknown';
      const given = (req.body as { operationName?: unknown } | undefined)?.operationName;
      const name = scope?.operation ? scope.operation.name : typeof given === 'string' ? given : null;
      const operation = labels.of(name, resolved);
      // Answers served ahead of Apollo from a cache are queries (only queries are cached).
      const cached = res.getHeader('x-cache') === 'HIT' || res.getHeader('x-aggregate-cache') === 'HIT';
      const type: OperationType = scope?.operation?.type ?? (cached ? 'query' : 'unknown');
      stop({ operation, type });
      for (const code of scope?.errorCodes ?? []) errors.inc({ operation, code });
    });
    next();
  };
  const plugin = (): ApolloServerPlugin => ({
    async requestDidStart({ request }) {
      const scope = requestScope();
      if (!scope) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          noteOperation(scope, operationName ?? null, operation.operation);
          annotateActiveSpan({
            'graphql.operation.name': scope.operation?.name ?? 'anonymous',
            'graphql.operation.type': operation.operation,
          });
        },
        async didEncounterErrors({ operation }) {
          if (!operation) noteOperation(scope, request.operationName ?? null, 'unknown');
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? [])
            scope.errorCodes.push(codeLabel(error.extensions?.code));
        },
      };
    },
  });
  return { middleware, plugin };
};
