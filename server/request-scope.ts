import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** What kind of GraphQL operation a request ran; `unknown` when it never got that far (unparsable, refused ahead). */
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/**
 * One HTTP request as its code sees it wherever it runs (resolvers, services, REST handlers,
 * timers it starts): its id, its logger, and for /graphql the operation it ran and the error
 * codes it answered. Kept in an AsyncLocalStorage (node:async_hooks), so code without the
 * GraphQL context logs with the request id too.
 */
export type RequestScope = {
  requestId: string;
  /** The request's logger before the operation was known (pino-http's `req.log`: carries `req.id`). */
  readonly baseLogger: Logger;
  /** `baseLogger`, and once known the operation's name and type (`operation`, `operationType`). */
  logger: Logger;
  /** The GraphQL operation (name as the client gave it, at most 100 characters), once known. */
  operation?: { name: string | null; type: OperationType };
  /** `extensions.code` of each error the GraphQL answer carried. */
  errorCodes: string[];
};

const storage = new AsyncLocalStorage<RequestScope>();

const defaultLevel = () => process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');

/** The logger outside any request (jobs, start-up); the app's own once `setProcessLogger` ran. */
let processLogger: Logger = pino({ level: defaultLevel() });

/** Makes `logger` the one used outside requests (the app's, with its level and destination). */
export const setProcessLogger = (logger: Logger): void => {
  processLogger = logger;
};

/**
 * The logger to use here: inside a request, the request's (every line carries `req.id` and, on
 * /graphql once resolved, `operation` and `operationType`); elsewhere the process's.
 */
export const log = (): Logger => storage.getStore()?.logger ?? processLogger;

/** The request being served here, if any. */
export const requestScope = (): RequestScope | undefined => storage.getStore();

/** A new scope for a request with the given id, logging through `logger`. */
export const newRequestScope = (requestId: string, logger: Logger): RequestScope => ({
  requestId,
  baseLogger: logger,
  logger,
  errorCodes: [],
});

/** Runs `fn` (and everything it starts) inside `scope`. */
export const runInScope = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** Longest operation name kept in logs; clients choose names, so they are cut. */
const MAX_LOGGED_NAME = 100;

/** Records the request's GraphQL operation: later log lines of the request carry it. */
export const noteOperation = (scope: RequestScope, name: string | null, type: OperationType): void => {
  const kept = name === null ? null : name.slice(0, MAX_LOGGED_NAME);
  if (scope.operation?.name === kept && scope.operation.type === type) return;
  scope.operation = { name: kept, type };
  scope.logger = scope.baseLogger.child({ operation: kept ?? 'anonymous', operationType: type });
};

/** Records an error code of an answer sent outside Apollo (e.g. load shedding), for the error metrics. */
export const noteErrorCode = (code: string): void => {
  storage.getStore()?.errorCodes.push(code);
};
