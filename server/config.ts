import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * A growing delay (server/auth/sign-in-throttle.ts): the first `freeFailures` failures of a key cost
 * nothing; after the next one the key waits `firstDelaySeconds` before another attempt is accepted,
 * doubling with each further failure up to `maxDelaySeconds`. A key's failures are forgotten
 * `forgetAfterSeconds` after its last failure.
 */
export type ThrottleRule = {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterSeconds: number;
};

/**
 * Sign-in throttling (OWASP Authentication Cheat Sheet, "Account Lockout"; OWASP "Slow Down Online
 * Guessing Attacks with Device Cookies"); the numbers and why are in docs/operations.md ("Sign-in throttling").
 */
export type SignInThrottleConfig = {
  login: {
    /** Failures from a client holding a valid device token of the account (that device only). */
    device: ThrottleRule;
    /** Failures of one account from one client address, without a device token. */
    pair: ThrottleRule;
    /** Failures from one client address over all accounts (password spraying). */
    address: ThrottleRule;
    /** Failures of one account from untrusted clients anywhere (no device token, not a known address). */
    account: ThrottleRule;
  };
  /** Wrong activation codes: per (LAO, address) and per address; never per LAO alone. */
  activation: { pair: ThrottleRule; address: ThrottleRule };
  /** Password-reset requests (each one counts): per (account, address) and per address. */
  resetRequest: { pair: ThrottleRule; address: ThrottleRule };
  /** Reset mails sent to one account per link lifetime; more requests answer the same, unsent. */
  resetMailsPerLinkLifetime: number;
  /** Lifetime of a device token (renewed at each sign-in). */
  deviceTokenTtlDays: number;
  /** An address an account signed in from (or reset its password from) stays known this long. */
  knownAddressDays: number;
};

/** A leaky bucket of GraphQL cost points: holds `capacity`, `restorePerSecond` leak out; capacity 0 turns it off. */
export type BudgetRule = { capacity: number; restorePerSecond: number };

/** Limits on each GraphQL request and per-caller budgets (server/graphql/limits, docs/api.md). */
export type ApiLimits = {
  maxDepth: number;
  maxAliases: number;
  /** Lexical tokens of the query text (graphql-js `parse` stops past it). */
  maxTokens: number;
  /** Largest cost of one operation; a caller's effective limit is also at most its bucket's capacity. */
  maxCost: number;
  /** Buckets by kind of caller: signed-in accounts, partner API keys, anonymous callers (per address). */
  budgets: { account: BudgetRule; partner: BudgetRule; anonymous: BudgetRule };
};

/**
 * How many open-data files are made at once (each holds a database connection while the
 * caller downloads it) and how many more may wait for their turn; callers beyond that are
 * told to come back shortly.
 */
export type OpenDataLimits = { concurrent: number; waiting: number };

/**
 * Limits on an uploaded spreadsheet (LAO list, plan book, ITA scores), applied while it is read
 * (server/spreadsheet/read-rows.ts); docs/operations.md ("Hostile files") gives the figures.
 */
export type SpreadsheetLimits = {
  /** Bytes an XLSX may inflate to, all its entries together (IMPORT_MAX_UNPACKED_MB, 20). */
  maxUnpackedBytes: number;
  /** Entries of an XLSX's zip (IMPORT_MAX_ZIP_ENTRIES, 200). */
  maxZipEntries: number;
  /** Rows of the sheet read, empty ones included (IMPORT_MAX_SHEET_ROWS, 100000). */
  maxSheetRows: number;
};

/**
 * GraphQL requests worked on at once (GRAPHQL_MAX_IN_FLIGHT; 0 turns the limit off), requests
 * that may wait for a turn (GRAPHQL_MAX_WAITING) and how long one waits (GRAPHQL_MAX_WAIT_MS).
 */
export type InFlightLimits = { concurrent: number; waiting: number; maxWaitMs: number };

/** A key session tokens are signed and verified with; its `id` travels in each token's header (`kid`). */
export type JwtKey = { id: string; secret: string };

/** The key id of JWT_SECRET among the keys (JWT_KEYS may not use it). */
export const defaultJwtKeyId = 'default';

/**
 * Token keys (docs/operations.md, "Rotating the JWT signing key"). Every listed key verifies the tokens
 * that name it in their `kid`; new tokens are signed with `signingKeyId`'s. A token without a `kid`
 * (issued before key ids) is checked against JWT_SECRET's key.
 */
export type JwtConfig = {
  /**
   * JWT_SECRET: the key with id `default` ('' when only JWT_KEYS is set). The second-factor secrets'
   * key is derived from it unless SECOND_FACTOR_KEY is set.
   */
  secret: string;
  /** JWT_KEYS: further keys, `id:secret` comma-separated. */
  keys?: JwtKey[];
  /** JWT_SIGNING_KEY_ID: the key new tokens are signed with; `default` (JWT_SECRET) when unset. */
  signingKeyId?: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
};

/**
 * How long one kind of work may wait on the database (docs/operations.md, "Bounded waits"); 0 turns
 * a bound off. `statementMs`, `lockMs` and `idleInTransactionMs` are PostgreSQL's own
 * `statement_timeout`, `lock_timeout` and `idle_in_transaction_session_timeout`; `queryMs` is
 * node-postgres' `query_timeout`, kept on this side, which also ends a wait on a hung server (whose
 * own timers cannot fire) and drops that connection.
 */
export type DatabaseTimeouts = {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  queryMs: number;
};

/** Bounded waits on the database, per kind of work (DATABASE_*; server/db/bounded-waits.ts). */
export type DatabaseWaits = {
  /**
   * Longest wait for a pooled connection, a new one or a free one of a full pool
   * (DATABASE_CONNECT_TIMEOUT_MS, 5000): node-postgres' `connectionTimeoutMillis`.
   */
  connectMs: number;
  /** TCP keepalive on database connections after this much idle time (DATABASE_KEEPALIVE_IDLE_MS, 10000; 0: off). */
  keepAliveIdleMs: number;
  /**
   * GraphQL requests and every other statement of the pool (DATABASE_STATEMENT_TIMEOUT_MS 5000,
   * DATABASE_LOCK_TIMEOUT_MS 3000, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS 10000, DATABASE_QUERY_TIMEOUT_MS 6000).
   */
  interactive: DatabaseTimeouts;
  /**
   * Exports, open data and imports, raised per transaction where they run
   * (DATABASE_LONG_STATEMENT_TIMEOUT_MS 300000, DATABASE_LONG_LOCK_TIMEOUT_MS 10000,
   * DATABASE_LONG_IDLE_IN_TRANSACTION_TIMEOUT_MS 60000, DATABASE_LONG_QUERY_TIMEOUT_MS 310000). An
   * open-data file is one cursor, whose statement lasts the whole download: it must end within it.
   */
  long: DatabaseTimeouts;
  /**
   * Migrations (DATABASE_MIGRATION_STATEMENT_TIMEOUT_MS 0: none, DATABASE_MIGRATION_LOCK_TIMEOUT_MS
   * 60000, DATABASE_MIGRATION_IDLE_IN_TRANSACTION_TIMEOUT_MS 0, DATABASE_MIGRATION_QUERY_TIMEOUT_MS 0).
   */
  migration: DatabaseTimeouts;
  /** `/readyz` answers 503 when the pool gives no connection that answers within this (DATABASE_READY_TIMEOUT_MS, 2000). */
  readyMs: number;
};

export type AppConfig = {
  /** Port of the HTTP server; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Public base URL of the web app, used in mailed links. Defaults to the server's own URL. */
  publicUrl?: string;
  /** Session (and device) token signing: JWT_SECRET and/or JWT_KEYS, JWT_SIGNING_KEY_ID, JWT_TTL_SECONDS. */
  jwt: JwtConfig;
  /** Argon2id cost; lowered in tests only. */
  passwordHash: { memoryCost: number; timeCost: number };
  activationCodeTtlHours: number;
  passwordResetTtlMinutes: number;
  /** Lifetime of a staff invitation's (or admin:create's) link to set a first password. */
  staffInvitationTtlHours: number;
  /** `SMTP_URL`; without it mails go to the in-memory development outbox. */
  smtpUrl?: string;
  mailFrom: string;
  /** Development-only outbox page at /dev/outbox (never in production). */
  devOutbox: boolean;
  /**
   * Express `trust proxy` (TRUST_PROXY), so `req.ip` is the client behind a reverse proxy: a hop
   * count (`1`: the proxy in front), `true`/`false`, or addresses/subnets/`loopback`, comma-separated.
   */
  trustProxy: string | boolean | number;
  /** Growing delays after failed sign-ins, activations and reset requests (SIGN_IN_THROTTLE_*). */
  signInThrottle: SignInThrottleConfig;
  /** The clock deadlines are judged by; tests move it. */
  now: () => Date;
  /** Reminder mails go out this many days before a round closes. */
  reminderDaysBefore: number;
  /** How often the reminder job runs; 0 turns it off. */
  reminderIntervalMinutes: number;
  /** The job queue (pg-boss in the `pgboss` schema): mail delivery, retries, the reminder schedule (JOB_*, MAIL_*, REMINDER_CRON). */
  jobs: JobQueueConfig;
  /** pino level (LOG_LEVEL): info by default, silent in tests. */
  logLevel: string;
  /** Where JSON logs go; stdout when unset (tests pass a stream). */
  logDestination?: import('pino').DestinationStream;
  /**
   * Distinct GraphQL operation names kept as labels of the /metrics operation series
   * (GRAPHQL_METRICS_MAX_OPERATIONS, 200; the web client has about 100); later names count as `other`.
   */
  graphqlMetricsMaxOperations: number;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS, comma-separated); empty: same origin only. */
  corsOrigins: string[];
  /** How long anonymous GraphQL reads are served from the shared cache; 0 turns it off. */
  publicCacheSeconds: number;
  /** GraphQL depth, alias, token and cost limits, and per-caller cost budgets (API_MAX_*, API_BUDGET_*). */
  apiLimits: ApiLimits;
  /**
   * Execute GraphQL operations with graphql-jit (GRAPHQL_JIT, on unless `false`): each document is
   * compiled once into plain functions; graphql-js runs what graphql-jit cannot compile.
   */
  graphqlJit: boolean;
  /**
   * Open-data files made at once (OPEN_DATA_CONCURRENT, 2; each holds a database connection
   * while it downloads) and callers that may wait for a turn (OPEN_DATA_WAITING, 16).
   */
  openData: OpenDataLimits;
  /**
   * Load shedding of /graphql: requests worked on at once (GRAPHQL_MAX_IN_FLIGHT, 64; 0 turns
   * it off), requests that may wait for a turn (GRAPHQL_MAX_WAITING, 1024) and how long one
   * waits before it is answered 503 RATE_LIMITED (GRAPHQL_MAX_WAIT_MS, 10000: a burst of 300
   * concurrent submissions clears in 2–3 s here, and is not refused).
   */
  graphqlInFlight: InFlightLimits;
  /** Largest file attached to a site visit, in bytes (SITE_VISIT_FILE_MAX_MB, 10). */
  siteVisitFileMaxBytes: number;
  /** Largest evidence file (photo, document) attached to a progress report, in bytes (REPORT_EVIDENCE_MAX_MB, 10). */
  evidenceFileMaxBytes: number;
  /**
   * Uploaded spreadsheets: inflated size of an XLSX (IMPORT_MAX_UNPACKED_MB, 20; DLA's list of all
   * 7,852 LAOs inflates to about 3 MB), zip entries (IMPORT_MAX_ZIP_ENTRIES, 200) and rows read
   * (IMPORT_MAX_SHEET_ROWS, 100000, empty rows included; the largest import, ITA, takes 50,000).
   */
  spreadsheetLimits: SpreadsheetLimits;
  /** Directory with the built client (index.html); absent in API-only tests. */
  clientDir?: string;
  /** Staff sign-in through the organisation's LDAP / Active Directory (LDAP_*); null: not configured. */
  directory: DirectoryConfig | null;
  /** The staff second factor (TOTP): who must have it, how its secrets are kept (STAFF_SECOND_FACTOR, SECOND_FACTOR_*). */
  secondFactor: SecondFactorConfig;
  /** Bounded waits on the database per kind of work (DATABASE_*_TIMEOUT_MS, DATABASE_KEEPALIVE_IDLE_MS). */
  databaseWaits: DatabaseWaits;
};

/**
 * The Postgres-backed job queue (server/jobs; docs/operations.md, "Jobs and mail"). Every instance
 * runs the workers; pg-boss makes sure each job, and each tick of the reminder schedule, runs once.
 */
export type JobQueueConfig = {
  /** Run the queue's workers and schedule in this process (JOB_WORKERS, default true); false: enqueue only. */
  workers: boolean;
  /** How often an idle worker looks for new jobs (JOB_POLL_MS, 2000; at least 500). Local enqueues wake it at once. */
  pollMs: number;
  /** Mails one instance delivers at once (MAIL_CONCURRENCY, 2); each holds a DB connection while the SMTP server answers. */
  mailConcurrency: number;
  /** Retries of a mail after its first attempt fails (MAIL_RETRY_LIMIT, 12); then it is listed as failed. */
  mailRetryLimit: number;
  /** Base delay before a retry (MAIL_RETRY_DELAY_SECONDS, 10); pg-boss adds 2^n … 2^(n+1) s on the n-th retry. */
  mailRetryDelaySeconds: number;
  /** Longest delay between two attempts (MAIL_RETRY_MAX_DELAY_SECONDS, 3600). */
  mailRetryMaxDelaySeconds: number;
  /** A job still running after this long is failed (and retried) by the queue's supervisor (JOB_EXPIRE_SECONDS, 300). */
  expireSeconds: number;
  /** Finished and failed jobs are kept this long, so failures stay visible (JOB_KEEP_DAYS, 30). */
  keepDays: number;
  /**
   * Cron expression (Asia/Bangkok) of the reminder run (REMINDER_CRON); by default derived from
   * REMINDER_INTERVAL_MINUTES (60 → `0 * * * *`). null: no schedule (a stored one is removed).
   */
  reminderCron: string | null;
  /**
   * How often each instance checks whether a schedule is due (JOB_SCHEDULE_CHECK_SECONDS, 30; 1–45).
   * Whatever the number of instances, one of them sends a due tick, once per minute at most.
   */
  scheduleCheckSeconds: number;
  /** Connection timeouts of an SMTP delivery attempt, ms (SMTP_TIMEOUT_MS, 30000). */
  smtpTimeoutMs: number;
};

/** A cron expression running every `minutes` (0: none): `*\/n` minutes below an hour, else every n hours. */
export const cronEvery = (minutes: number): string | null => {
  if (minutes <= 0) return null;
  if (minutes < 60) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  const hours = Math.max(1, Math.round(minutes / 60));
  return hours === 1 ? '0 * * * *' : hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
};

const jobsFrom = (env: NodeJS.ProcessEnv, reminderIntervalMinutes: number): JobQueueConfig => ({
  workers: env.JOB_WORKERS !== 'false',
  pollMs: Math.max(500, int(env.JOB_POLL_MS, 2000)),
  mailConcurrency: Math.max(1, int(env.MAIL_CONCURRENCY, 2)),
  mailRetryLimit: Math.max(0, int(env.MAIL_RETRY_LIMIT, 12)),
  mailRetryDelaySeconds: Math.max(0, int(env.MAIL_RETRY_DELAY_SECONDS, 10)),
  mailRetryMaxDelaySeconds: Math.max(1, int(env.MAIL_RETRY_MAX_DELAY_SECONDS, 3600)),
  expireSeconds: Math.max(10, int(env.JOB_EXPIRE_SECONDS, 300)),
  keepDays: Math.max(1, int(env.JOB_KEEP_DAYS, 30)),
  reminderCron: env.REMINDER_CRON?.trim() || cronEvery(reminderIntervalMinutes),
  scheduleCheckSeconds: Math.min(45, Math.max(1, int(env.JOB_SCHEDULE_CHECK_SECONDS, 30))),
  smtpTimeoutMs: Math.max(1000, int(env.SMTP_TIMEOUT_MS, 30_000)),
});

/**
 * LDAP / AD simple bind (LEGACY.md §2.1: the legacy bound `cn=<user>` in the directory, then
 * `<user>@<domain>`). `bindDnTemplate` and/or `upnSuffix` name the bind; with both, the DN is
 * tried first, then the UPN.
 */
export type DirectoryConfig = {
  /** ldap://host[:port] or ldaps://host[:port]. */
  url: string;
  /** e.g. `uid={username},ou=people,dc=nacc,dc=go,dc=th`; the user name is escaped for a DN (RFC 4514). */
  bindDnTemplate: string | null;
  /** e.g. `nacc.go.th`: binds as `<username>@nacc.go.th` (Active Directory's UPN). */
  upnSuffix: string | null;
  /** Upgrade an ldap:// connection with StartTLS before binding. */
  startTls: boolean;
  /** PEM file with the CA (or self-signed certificate) the directory's certificate is checked against. */
  tlsCaFile: string | null;
  /** Check the directory's certificate (default true; false only for a test directory). */
  tlsRejectUnauthorized: boolean;
  connectTimeoutMs: number;
  timeoutMs: number;
};

/** Who must use a second factor: administrators only, or every staff account. Others may enrol. */
export type SecondFactorPolicy = 'administrators' | 'all-staff' | 'optional';

export type SecondFactorConfig = {
  policy: SecondFactorPolicy;
  /**
   * AES-256-GCM key of the stored TOTP secrets (SECOND_FACTOR_KEY, 32 bytes as 64 hex digits or
   * base64); null: derived from JWT_SECRET with HKDF.
   */
  key: Buffer | null;
  /** The name authenticator apps show next to the account. */
  issuer: string;
  /** How long a sign-in waits for its code, or an enrolment-only sign-in for its enrolment. */
  challengeTtlSeconds: number;
};

const directoryFrom = (env: NodeJS.ProcessEnv): DirectoryConfig | null => {
  const url = env.LDAP_URL?.trim();
  if (!url) return null;
  if (!/^ldaps?:\/\/[^/\s]+\/?$/i.test(url)) {
    problem('LDAP_URL must be ldap://host[:port] or ldaps://host[:port]');
    return null;
  }
  const bindDnTemplate = env.LDAP_BIND_DN?.trim() || null;
  const upnSuffix =
    env.LDAP_UPN_SUFFIX?.trim()
      .replace(/^\{username\}/, '')
      .replace(/^@/, '') || null;
  if (!bindDnTemplate && !upnSuffix) problem('LDAP_URL needs LDAP_BIND_DN or LDAP_UPN_SUFFIX');
  if (bindDnTemplate && !bindDnTemplate.includes('{username}'))
    problem('LDAP_BIND_DN must contain {username}, e.g. uid={username},ou=people,dc=example,dc=org');
  const startTls = bool(env.LDAP_STARTTLS, false);
  if (startTls && /^ldaps:/i.test(url))
    problem('LDAP_STARTTLS is for ldap:// URLs (ldaps:// is TLS already)');
  return {
    url: url.replace(/\/$/, ''),
    bindDnTemplate,
    upnSuffix,
    startTls,
    tlsCaFile: env.LDAP_TLS_CA_FILE?.trim() || null,
    tlsRejectUnauthorized: bool(env.LDAP_TLS_REJECT_UNAUTHORIZED, true),
    connectTimeoutMs: int(env.LDAP_CONNECT_TIMEOUT_MS, 5000, { min: 100 }),
    timeoutMs: int(env.LDAP_TIMEOUT_MS, 5000, { min: 100 }),
  };
};

const secondFactorKeyFrom = (value: string | undefined): Buffer | null => {
  if (!value) return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length === 32) return key;
  problem('SECOND_FACTOR_KEY must be 32 bytes: 64 hex digits or base64');
  return null;
};

const secondFactorFrom = (env: NodeJS.ProcessEnv, production: boolean): SecondFactorConfig => {
  const policy = env.STAFF_SECOND_FACTOR?.trim()
    ? oneOf<SecondFactorPolicy>(
        env.STAFF_SECOND_FACTOR,
        ['administrators', 'all-staff', 'optional'],
        'optional',
      )
    : undefined;
  return {
    // A real deployment (production, or its own DATABASE_URL) requires it of administrators; the
    // embedded demo database and the test suites leave it optional so demo sign-ins keep working.
    policy:
      policy ?? (production || (env.DATABASE_URL && env.NODE_ENV !== 'test') ? 'administrators' : 'optional'),
    key: secondFactorKeyFrom(env.SECOND_FACTOR_KEY?.trim()),
    issuer: env.SECOND_FACTOR_ISSUER?.trim() || 'ติดตามแผนป้องกันการทุจริต อปท.',
    challengeTtlSeconds: int(env.SECOND_FACTOR_WAIT_MINUTES, 10, { min: 1 }) * 60,
  };
};

/**
 * Validation of the environment (zod). Each setting is read through a small helper (`int`, `bool`,
 * `oneOf`, `url`, …) that checks its value; a bad value is a problem, not a silent default. While
 * `loadConfig` runs, problems are collected and thrown together (ConfigError, which main.ts prints);
 * outside it a helper throws at once.
 *
 * The helpers take the value (`int(env.PORT, 4000)`), so the variable's name is found from the read:
 * `loadConfig` hands the code below an `env` that records each variable read, and a problem names the
 * most recent variable read with that value.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The server cannot start: its configuration is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Reading = { reads: [name: string, value: string | undefined][]; problems: string[] };
let reading: Reading | null = null;

/** `env`, recording the name and value of each variable read from it. */
const recorded = (env: NodeJS.ProcessEnv, into: Reading): NodeJS.ProcessEnv =>
  new Proxy(env, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name === 'string') into.reads.push([name, typeof value === 'string' ? value : undefined]);
      return value;
    },
  });

const nameOf = (value: string): string => {
  for (let i = (reading?.reads.length ?? 0) - 1; i >= 0; i -= 1) {
    const [name, read] = reading!.reads[i];
    if (read === value) return name;
  }
  return 'a setting';
};

/** Records a problem with the configuration (thrown at once outside `loadConfig`). */
const problem = (message: string): void => {
  if (reading) reading.problems.push(message);
  else throw new ConfigError([message]);
};

/**
 * `value` parsed by `schema`; unset or blank: `fallback`. A value the schema refuses is a problem
 * naming the variable and what it expects (`shown: false` keeps the value out of the message).
 */
const checked = <T>(
  value: string | undefined,
  fallback: T,
  schema: z.ZodType<T, string>,
  expects: string,
  shown = true,
): T => {
  if (value === undefined || value.trim() === '') return fallback;
  const result = schema.safeParse(value.trim());
  if (result.success) return result.data;
  problem(`${nameOf(value)}${shown ? `=${JSON.stringify(value)}` : ''}: expected ${expects}`);
  return fallback;
};

/** A whole number, at least `min` (0 unless given) and at most `max`. */
export const int = (
  value: string | undefined,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number =>
  checked(
    value,
    fallback,
    z
      .string()
      .regex(/^[+-]?\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
    max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`,
  );

/** `true` or `false` (also `1`/`0`, `yes`/`no`, any case). */
export const bool = (value: string | undefined, fallback: boolean): boolean =>
  checked(
    value,
    fallback,
    z
      .string()
      .transform((text) => text.toLowerCase())
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
      .transform((text) => text === 'true' || text === '1' || text === 'yes'),
    'true or false',
  );

/** One of `choices`. */
export const oneOf = <T extends string>(value: string | undefined, choices: readonly T[], fallback: T): T =>
  checked(value, fallback, z.enum(choices as [T, ...T[]]), `one of ${choices.join(', ')}`);

/**
 * An absolute URL with one of `protocols` (e.g. `['http', 'https']`); unset: undefined. Its value is
 * never shown in a message (it may hold a password).
 */
export const url = (value: string | undefined, protocols: readonly string[]): string | undefined =>
  checked<string | undefined>(
    value,
    undefined,
    z.string().refine((text) => {
      try {
        return protocols.includes(new URL(text).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    }),
    `a URL (${protocols.map((protocol) => `${protocol}://…`).join(' or ')})`,
    false,
  );

/** Comma-separated items, trimmed, blanks dropped; each must pass `item` (`expects` says what it is). */
export const list = (
  value: string | undefined,
  item: (entry: string) => boolean = () => true,
  expects = 'a comma-separated list',
): string[] =>
  checked(
    value,
    [],
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(item)),
    expects,
  );

/** TRUST_PROXY as Express takes it: a hop count, true/false, or addresses, subnets and named ranges. */
const trustProxyFrom = (value: string | undefined): string | boolean | number => {
  if (value === undefined || value.trim() === '') return 'loopback';
  const text = value.trim();
  if (/^\d+$/.test(text)) return int(value, 0, { max: 10 });
  if (/^(true|false)$/i.test(text)) return bool(value, false);
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const address = (entry: string) => {
    const [ip, prefix, ...rest] = entry.split('/');
    if (named.includes(entry)) return true;
    if (rest.length > 0 || !isIP(ip)) return false;
    return prefix === undefined || /^\d{1,3}$/.test(prefix) || isIP(prefix) === 4;
  };
  return list(value, address, 'a hop count (1: the proxy in front), true, false, or addresses/subnets').join(
    ',',
  );
};

const pinoLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const timeoutsFrom = (
  env: NodeJS.ProcessEnv,
  prefix: string,
  fallback: DatabaseTimeouts,
): DatabaseTimeouts => ({
  statementMs: Math.max(0, int(env[`${prefix}STATEMENT_TIMEOUT_MS`], fallback.statementMs)),
  lockMs: Math.max(0, int(env[`${prefix}LOCK_TIMEOUT_MS`], fallback.lockMs)),
  idleInTransactionMs: Math.max(
    0,
    int(env[`${prefix}IDLE_IN_TRANSACTION_TIMEOUT_MS`], fallback.idleInTransactionMs),
  ),
  queryMs: Math.max(0, int(env[`${prefix}QUERY_TIMEOUT_MS`], fallback.queryMs)),
});

/** Defaults of the bounded waits; docs/operations.md ("Bounded waits") says why these numbers. */
export const defaultDatabaseWaits: DatabaseWaits = {
  connectMs: 5000,
  keepAliveIdleMs: 10_000,
  interactive: { statementMs: 5000, lockMs: 3000, idleInTransactionMs: 10_000, queryMs: 6000 },
  long: { statementMs: 300_000, lockMs: 10_000, idleInTransactionMs: 60_000, queryMs: 310_000 },
  migration: { statementMs: 0, lockMs: 60_000, idleInTransactionMs: 0, queryMs: 0 },
  readyMs: 2000,
};

/**
 * The bounded waits from the environment. Read by the DataSource (server/db/data-source.ts, whose
 * pool is made before the rest of the configuration) as well as by loadConfig.
 */
export const databaseWaitsFrom = (env: NodeJS.ProcessEnv = process.env): DatabaseWaits => {
  const d = defaultDatabaseWaits;
  return {
    connectMs: Math.max(100, int(env.DATABASE_CONNECT_TIMEOUT_MS, d.connectMs)),
    keepAliveIdleMs: Math.max(0, int(env.DATABASE_KEEPALIVE_IDLE_MS, d.keepAliveIdleMs)),
    interactive: timeoutsFrom(env, 'DATABASE_', d.interactive),
    long: timeoutsFrom(env, 'DATABASE_LONG_', d.long),
    migration: timeoutsFrom(env, 'DATABASE_MIGRATION_', d.migration),
    readyMs: Math.max(100, int(env.DATABASE_READY_TIMEOUT_MS, d.readyMs)),
  };
};

const rule = (
  freeFailures: number,
  firstDelaySeconds: number,
  maxDelaySeconds: number,
  forgetAfterSeconds: number,
): ThrottleRule => ({ freeFailures, firstDelaySeconds, maxDelaySeconds, forgetAfterSeconds });

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Defaults of sign-in throttling; docs/operations.md ("Sign-in throttling") says why these numbers. */
export const defaultSignInThrottle: SignInThrottleConfig = {
  login: {
    device: rule(5, 1, 300, DAY),
    pair: rule(3, 2, 900, DAY),
    address: rule(30, 1, 900, HOUR),
    account: rule(10, 1, 900, DAY),
  },
  activation: { pair: rule(5, 2, 900, DAY), address: rule(30, 1, 900, HOUR) },
  resetRequest: { pair: rule(3, 60, HOUR, DAY), address: rule(20, 10, HOUR, HOUR) },
  resetMailsPerLinkLifetime: 3,
  deviceTokenTtlDays: 365,
  knownAddressDays: 30,
};

/** `free/first/max/forget` (four whole numbers, seconds), e.g. SIGN_IN_THROTTLE_LOGIN_PAIR=3/2/900/86400. */
const throttleRule = (value: string | undefined, fallback: ThrottleRule, name: string): ThrottleRule => {
  if (value === undefined || value.trim() === '') return fallback;
  const parts = value.split('/').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0) || parts[1] < 1) {
    problem(`${name} must be four whole numbers free/first/max/forget, e.g. 3/2/900/86400`);
    return fallback;
  }
  const [freeFailures, firstDelaySeconds, maxDelaySeconds, forgetAfterSeconds] = parts;
  return rule(
    freeFailures,
    firstDelaySeconds,
    Math.max(firstDelaySeconds, maxDelaySeconds),
    forgetAfterSeconds,
  );
};

const signInThrottleFrom = (env: NodeJS.ProcessEnv): SignInThrottleConfig => {
  const d = defaultSignInThrottle;
  const read = (name: string, fallback: ThrottleRule) =>
    throttleRule(env[`SIGN_IN_THROTTLE_${name}`], fallback, `SIGN_IN_THROTTLE_${name}`);
  return {
    login: {
      device: read('LOGIN_DEVICE', d.login.device),
      pair: read('LOGIN_PAIR', d.login.pair),
      address: read('LOGIN_ADDRESS', d.login.address),
      account: read('LOGIN_ACCOUNT', d.login.account),
    },
    activation: {
      pair: read('ACTIVATION_PAIR', d.activation.pair),
      address: read('ACTIVATION_ADDRESS', d.activation.address),
    },
    resetRequest: {
      pair: read('RESET_PAIR', d.resetRequest.pair),
      address: read('RESET_ADDRESS', d.resetRequest.address),
    },
    resetMailsPerLinkLifetime: int(env.RESET_MAILS_PER_LINK_LIFETIME, d.resetMailsPerLinkLifetime, {
      min: 1,
    }),
    deviceTokenTtlDays: int(env.DEVICE_TOKEN_TTL_DAYS, d.deviceTokenTtlDays, { min: 1 }),
    knownAddressDays: int(env.KNOWN_ADDRESS_DAYS, d.knownAddressDays),
  };
};

/**
 * Defaults of the GraphQL limits; why these numbers is in docs/api.md ("Limits and cost"). The app's
 * heaviest query costs about 4,000 and its deepest is 6 levels; a partner page of 500 records with
 * a few nested objects costs 2,000–9,000.
 */
export const defaultApiLimits: ApiLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxCost: 50_000,
  budgets: {
    account: { capacity: 100_000, restorePerSecond: 2_000 },
    partner: { capacity: 200_000, restorePerSecond: 10_000 },
    anonymous: { capacity: 50_000, restorePerSecond: 1_000 },
  },
};

const budgetRule = (env: NodeJS.ProcessEnv, prefix: string, fallback: BudgetRule): BudgetRule => ({
  capacity: int(env[`${prefix}CAPACITY`], fallback.capacity),
  restorePerSecond: int(env[`${prefix}RESTORE_PER_SECOND`], fallback.restorePerSecond),
});

const apiLimitsFrom = (env: NodeJS.ProcessEnv): ApiLimits => ({
  maxDepth: int(env.API_MAX_DEPTH, defaultApiLimits.maxDepth),
  maxAliases: int(env.API_MAX_ALIASES, defaultApiLimits.maxAliases),
  maxTokens: int(env.API_MAX_TOKENS, defaultApiLimits.maxTokens),
  maxCost: int(env.API_MAX_COST, defaultApiLimits.maxCost),
  budgets: {
    account: budgetRule(env, 'API_BUDGET_', defaultApiLimits.budgets.account),
    partner: budgetRule(env, 'API_BUDGET_PARTNER_', defaultApiLimits.budgets.partner),
    anonymous: budgetRule(env, 'API_BUDGET_ANONYMOUS_', defaultApiLimits.budgets.anonymous),
  },
});

/**
 * Values that are obviously not secrets: docker/compose.yml's former example, "changeme", "secret",
 * the throwaway values of scripts. Only words with letters outside 0-9a-f, so that a random hex
 * secret never matches by chance.
 */
const placeholderSecret = /change.?(me|it)|placeholder|example|dummy|secret|password|your.?key|not.?used/i;

/** Why `secret` is not good enough to sign tokens in production, or null. */
const weakSecret = (secret: string): string | null => {
  if (secret.length < 32) return `at least 32 characters (it has ${secret.length})`;
  if (placeholderSecret.test(secret) || new Set(secret).size < 10) return 'a random value, not a placeholder';
  return null;
};

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** JWT_SECRET, JWT_KEYS and JWT_SIGNING_KEY_ID (docs/operations.md, "Rotating the JWT signing key"). */
const jwtFrom = (env: NodeJS.ProcessEnv, production: boolean): JwtConfig => {
  const keys: JwtKey[] = [];
  (env.JWT_KEYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const colon = entry.indexOf(':');
      const [id, secret] =
        colon < 0 ? [entry, ''] : [entry.slice(0, colon).trim(), entry.slice(colon + 1).trim()];
      if (!keyIdPattern.test(id) || !secret)
        problem(`JWT_KEYS: entry ${index + 1} must be id:secret (id: letters, digits, . _ -)`);
      else if (id === defaultJwtKeyId) problem(`JWT_KEYS: the key id "${defaultJwtKeyId}" is JWT_SECRET's`);
      else if (keys.some((key) => key.id === id)) problem(`JWT_KEYS: the key id "${id}" is listed twice`);
      else keys.push({ id, secret });
    });
  const secret =
    env.JWT_SECRET?.trim() || (production || keys.length > 0 ? '' : randomBytes(32).toString('hex'));
  if (!secret && keys.length === 0) problem('JWT_SECRET (or JWT_KEYS) must be set in production');
  if (production) {
    const weak = secret ? weakSecret(secret) : null;
    if (weak) problem(`JWT_SECRET: expected ${weak}; make one with \`openssl rand -hex 32\``);
    for (const key of keys) {
      const weakKey = weakSecret(key.secret);
      if (weakKey) problem(`JWT_KEYS: the secret of key "${key.id}": expected ${weakKey}`);
    }
  }
  if (!secret && keys.length > 0 && !env.SECOND_FACTOR_KEY?.trim())
    problem(
      'SECOND_FACTOR_KEY must be set when JWT_SECRET is not (second-factor secrets are otherwise sealed with a key derived from JWT_SECRET)',
    );
  const ids = [...(secret ? [defaultJwtKeyId] : []), ...keys.map((key) => key.id)];
  const signingKeyId =
    env.JWT_SIGNING_KEY_ID?.trim() || (secret ? defaultJwtKeyId : keys.length === 1 ? keys[0].id : undefined);
  if (ids.length > 0 && (!signingKeyId || !ids.includes(signingKeyId)))
    problem(
      `JWT_SIGNING_KEY_ID${signingKeyId ? `="${signingKeyId}"` : ''}: expected the id of the key that signs new tokens, one of ${ids.join(', ')}`,
    );
  return {
    secret,
    keys,
    signingKeyId: signingKeyId ?? defaultJwtKeyId,
    issuer: env.JWT_ISSUER ?? 'lao-plan-monitor',
    audience: env.JWT_AUDIENCE ?? 'lao-plan-monitor-app',
    ttlSeconds: int(env.JWT_TTL_SECONDS, 2 * 60 * 60, { min: 60 }),
  };
};

/**
 * Reads the configuration from the environment; `overrides` wins (tests). Throws a ConfigError
 * listing every problem found (a bad value, a weak secret in production, …).
 */
export const loadConfig = (
  rawEnv: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig => {
  const outer = reading;
  const current: Reading = { reads: [], problems: [] };
  reading = current;
  try {
    const config = readConfig(recorded(rawEnv, current), overrides);
    if (current.problems.length > 0) throw new ConfigError(current.problems);
    return config;
  } finally {
    reading = outer;
  }
};

const readConfig = (env: NodeJS.ProcessEnv, overrides: Partial<AppConfig>): AppConfig => {
  const production = env.NODE_ENV === 'production';
  // main.ts starts an embedded PostgreSQL without DATABASE_URL: a development convenience only.
  if (production && !env.DATABASE_URL?.trim())
    problem('DATABASE_URL must be set when NODE_ENV=production (the embedded PostgreSQL is for development)');
  url(env.DATABASE_URL, ['postgres', 'postgresql']);
  return {
    port: int(env.PORT, 4000, { max: 65535 }),
    host: env.HOST ?? '0.0.0.0',
    publicUrl: url(env.PUBLIC_URL, ['http', 'https']),
    jwt: jwtFrom(env, production),
    passwordHash: { memoryCost: 19456, timeCost: 2 },
    activationCodeTtlHours: int(env.ACTIVATION_CODE_TTL_HOURS, 14 * 24),
    passwordResetTtlMinutes: int(env.PASSWORD_RESET_TTL_MINUTES, 30),
    staffInvitationTtlHours: int(env.STAFF_INVITATION_TTL_HOURS, 72),
    smtpUrl: url(env.SMTP_URL, ['smtp', 'smtps']),
    mailFrom: env.MAIL_FROM ?? 'ระบบติดตามแผนป้องกันการทุจริต อปท. <no-reply@localhost>',
    devOutbox: !production && !env.SMTP_URL,
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    signInThrottle: signInThrottleFrom(env),
    now: () => new Date(),
    publicCacheSeconds: int(env.PUBLIC_CACHE_SECONDS, 30),
    apiLimits: apiLimitsFrom(env),
    logLevel: oneOf(env.LOG_LEVEL, pinoLevels, env.NODE_ENV === 'test' ? 'silent' : 'info'),
    corsOrigins: list(
      env.CORS_ORIGINS,
      (origin) => /^https?:\/\/[^/\s]+$/.test(origin),
      'origins such as https://partner.example.go.th, comma-separated',
    ),
    graphqlMetricsMaxOperations: int(env.GRAPHQL_METRICS_MAX_OPERATIONS, 200),
    reminderDaysBefore: int(env.REMINDER_DAYS_BEFORE, 7),
    graphqlJit: bool(env.GRAPHQL_JIT, true),
    openData: {
      concurrent: int(env.OPEN_DATA_CONCURRENT, 2, { min: 1 }),
      waiting: int(env.OPEN_DATA_WAITING, 16),
    },
    graphqlInFlight: {
      concurrent: int(env.GRAPHQL_MAX_IN_FLIGHT, 64),
      waiting: int(env.GRAPHQL_MAX_WAITING, 1024),
      maxWaitMs: int(env.GRAPHQL_MAX_WAIT_MS, 10_000),
    },
    reminderIntervalMinutes: int(env.REMINDER_INTERVAL_MINUTES, production ? 60 : 0),
    jobs: jobsFrom(env, int(env.REMINDER_INTERVAL_MINUTES, production ? 60 : 0)),
    siteVisitFileMaxBytes: int(env.SITE_VISIT_FILE_MAX_MB, 10, { min: 1 }) * 1024 * 1024,
    evidenceFileMaxBytes: int(env.REPORT_EVIDENCE_MAX_MB, 10, { min: 1 }) * 1024 * 1024,
    spreadsheetLimits: {
      maxUnpackedBytes: int(env.IMPORT_MAX_UNPACKED_MB, 20, { min: 1 }) * 1024 * 1024,
      maxZipEntries: int(env.IMPORT_MAX_ZIP_ENTRIES, 200, { min: 1 }),
      maxSheetRows: int(env.IMPORT_MAX_SHEET_ROWS, 100_000, { min: 1 }),
    },
    directory: directoryFrom(env),
    secondFactor: secondFactorFrom(env, production),
    databaseWaits: databaseWaitsFrom(env),
    ...overrides,
  };
};
