import { randomBytes } from 'node:crypto';

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
 * GraphQL requests worked on at once (GRAPHQL_MAX_IN_FLIGHT; 0 turns the limit off), requests
 * that may wait for a turn (GRAPHQL_MAX_WAITING) and how long one waits (GRAPHQL_MAX_WAIT_MS).
 */
export type InFlightLimits = { concurrent: number; waiting: number; maxWaitMs: number };

export type AppConfig = {
  /** Port of the HTTP server; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Public base URL of the web app, used in mailed links. Defaults to the server's own URL. */
  publicUrl?: string;
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
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
  /** Express `trust proxy` setting, so `req.ip` is the client behind a reverse proxy. */
  trustProxy: string | boolean;
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
  /** Directory with the built client (index.html); absent in API-only tests. */
  clientDir?: string;
  /** Staff sign-in through the organisation's LDAP / Active Directory (LDAP_*); null: not configured. */
  directory: DirectoryConfig | null;
  /** The staff second factor (TOTP): who must have it, how its secrets are kept (STAFF_SECOND_FACTOR, SECOND_FACTOR_*). */
  secondFactor: SecondFactorConfig;
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
  if (!/^ldaps?:\/\/[^/\s]+\/?$/i.test(url))
    throw new Error('LDAP_URL must be ldap://host[:port] or ldaps://host[:port]');
  const bindDnTemplate = env.LDAP_BIND_DN?.trim() || null;
  const upnSuffix =
    env.LDAP_UPN_SUFFIX?.trim()
      .replace(/^\{username\}/, '')
      .replace(/^@/, '') || null;
  if (!bindDnTemplate && !upnSuffix) throw new Error('LDAP_URL needs LDAP_BIND_DN or LDAP_UPN_SUFFIX');
  if (bindDnTemplate && !bindDnTemplate.includes('{username}'))
    throw new Error('LDAP_BIND_DN must contain {username}, e.g. uid={username},ou=people,dc=example,dc=org');
  const startTls = env.LDAP_STARTTLS === 'true';
  if (startTls && /^ldaps:/i.test(url))
    throw new Error('LDAP_STARTTLS is for ldap:// URLs (ldaps:// is TLS already)');
  return {
    url: url.replace(/\/$/, ''),
    bindDnTemplate,
    upnSuffix,
    startTls,
    tlsCaFile: env.LDAP_TLS_CA_FILE?.trim() || null,
    tlsRejectUnauthorized: env.LDAP_TLS_REJECT_UNAUTHORIZED !== 'false',
    connectTimeoutMs: Math.max(100, int(env.LDAP_CONNECT_TIMEOUT_MS, 5000)),
    timeoutMs: Math.max(100, int(env.LDAP_TIMEOUT_MS, 5000)),
  };
};

const secondFactorKeyFrom = (value: string | undefined): Buffer | null => {
  if (!value) return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('SECOND_FACTOR_KEY must be 32 bytes: 64 hex digits or base64');
  return key;
};

const secondFactorFrom = (env: NodeJS.ProcessEnv, production: boolean): SecondFactorConfig => {
  const policy = env.STAFF_SECOND_FACTOR?.trim();
  if (policy && !['administrators', 'all-staff', 'optional'].includes(policy))
    throw new Error('STAFF_SECOND_FACTOR must be administrators, all-staff or optional');
  return {
    // A real deployment (production, or its own DATABASE_URL) requires it of administrators; the
    // embedded demo database and the test suites leave it optional so demo sign-ins keep working.
    policy:
      (policy as SecondFactorPolicy | undefined) ??
      (production || (env.DATABASE_URL && env.NODE_ENV !== 'test') ? 'administrators' : 'optional'),
    key: secondFactorKeyFrom(env.SECOND_FACTOR_KEY?.trim()),
    issuer: env.SECOND_FACTOR_ISSUER?.trim() || 'ติดตามแผนป้องกันการทุจริต อปท.',
    challengeTtlSeconds: Math.max(30, int(env.SECOND_FACTOR_WAIT_MINUTES, 10) * 60),
  };
};

const int = (value: string | undefined, fallback: number): number => {
  const parsed = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
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
    throw new Error(`${name} must be four whole numbers free/first/max/forget, e.g. 3/2/900/86400`);
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
    resetMailsPerLinkLifetime: Math.max(
      1,
      int(env.RESET_MAILS_PER_LINK_LIFETIME, d.resetMailsPerLinkLifetime),
    ),
    deviceTokenTtlDays: Math.max(1, int(env.DEVICE_TOKEN_TTL_DAYS, d.deviceTokenTtlDays)),
    knownAddressDays: Math.max(0, int(env.KNOWN_ADDRESS_DAYS, d.knownAddressDays)),
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

/** Reads the configuration from the environment; `overrides` wins (tests). */
export const loadConfig = (
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig => {
  const production = env.NODE_ENV === 'production';
  const secret = env.JWT_SECRET ?? (production ? undefined : randomBytes(32).toString('hex'));
  if (!secret) throw new Error('JWT_SECRET must be set in production');
  return {
    port: int(env.PORT, 4000),
    host: env.HOST ?? '0.0.0.0',
    publicUrl: env.PUBLIC_URL,
    jwt: {
      secret,
      issuer: env.JWT_ISSUER ?? 'lao-plan-monitor',
      audience: env.JWT_AUDIENCE ?? 'lao-plan-monitor-app',
      ttlSeconds: int(env.JWT_TTL_SECONDS, 2 * 60 * 60),
    },
    passwordHash: { memoryCost: 19456, timeCost: 2 },
    activationCodeTtlHours: int(env.ACTIVATION_CODE_TTL_HOURS, 14 * 24),
    passwordResetTtlMinutes: int(env.PASSWORD_RESET_TTL_MINUTES, 30),
    staffInvitationTtlHours: int(env.STAFF_INVITATION_TTL_HOURS, 72),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'ระบบติดตามแผนป้องกันการทุจริต อปท. <no-reply@localhost>',
    devOutbox: !production && !env.SMTP_URL,
    trustProxy: env.TRUST_PROXY === undefined ? 'loopback' : env.TRUST_PROXY,
    signInThrottle: signInThrottleFrom(env),
    now: () => new Date(),
    publicCacheSeconds: int(env.PUBLIC_CACHE_SECONDS, 30),
    apiLimits: apiLimitsFrom(env),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    reminderDaysBefore: int(env.REMINDER_DAYS_BEFORE, 7),
    graphqlJit: env.GRAPHQL_JIT !== 'false',
    openData: {
      concurrent: Math.max(1, int(env.OPEN_DATA_CONCURRENT, 2)),
      waiting: Math.max(0, int(env.OPEN_DATA_WAITING, 16)),
    },
    graphqlInFlight: {
      concurrent: Math.max(0, int(env.GRAPHQL_MAX_IN_FLIGHT, 64)),
      waiting: Math.max(0, int(env.GRAPHQL_MAX_WAITING, 1024)),
      maxWaitMs: Math.max(0, int(env.GRAPHQL_MAX_WAIT_MS, 10_000)),
    },
    reminderIntervalMinutes: int(env.REMINDER_INTERVAL_MINUTES, production ? 60 : 0),
    jobs: jobsFrom(env, int(env.REMINDER_INTERVAL_MINUTES, production ? 60 : 0)),
    siteVisitFileMaxBytes: Math.max(1, int(env.SITE_VISIT_FILE_MAX_MB, 10)) * 1024 * 1024,
    directory: directoryFrom(env),
    secondFactor: secondFactorFrom(env, production),
    ...overrides,
  };
};
