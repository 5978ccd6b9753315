import 'reflect-metadata';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { print, type DocumentNode } from 'graphql';
import { Pool } from 'pg';
import { signSessionToken } from '../server/auth/jwt';
import { loadConfig } from '../server/config';
import { embeddedUrl } from '../server/db/data-source';
import { startEmbeddedPostgres } from '../server/db/embedded';
import { statisticsSql } from '../server/modules/analytics/analytics.service';
import { countsSql, summaryDriftSql } from '../server/modules/report/implementation.service';
import { RoundKind } from '../server/modules/report/report.enums';
import { thresholdParams } from '../server/modules/report/reporting-rules';
import { freePort } from '../test/helpers/free-port';
import { type LoadFigures, openLoop } from './open-loop';

/**
 * `npm run bench` (part 1): the deadline-day load on the national dataset.
 * Starts PostgreSQL (DATABASE_URL, or an embedded one in .data/bench), loads the
 * national dataset once (`npm run seed:national`), runs the built server as
 * `npm start` does (NODE_ENV=production) and drives it over loopback HTTP with
 * autocannon, flow by flow, then a deadline-day mix. Every flow sends the
 * GraphQL documents the Vue client itself sends. Prints a table and writes
 * bench/results/deadline-day.json.
 */

const root = path.resolve(__dirname, '..');

/**
 * The GraphQL documents of the Vue client itself, loaded at run time: the client's
 * files are type-checked by vue-tsc under its own (ESM) settings, not this one's.
 * `appRoot` is another checkout for the A/B mode (bench/ab.bench.ts): each build is
 * driven with what its own client sends.
 */
const clientDocuments = (appRoot: string, file: string): Record<string, DocumentNode> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(appRoot, 'client', 'src', 'graphql', file));
export const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const fiscalYear = 2569; // the last complete year: both rounds reported
const currentYear = 2570; // the open 6-month round of deadline day
const jwtSecret = randomBytes(32).toString('hex');
const config = loadConfig({ ...process.env, JWT_SECRET: jwtSecret });

export type FlowResult = LoadFigures & {
  flow: string;
  /** Offered load (req/s) of a fixed-rate run; absent for runs at saturation. */
  offeredRate?: number;
  /** Peak resident memory of the server during this flow (VmHWM, reset before it), MB. */
  peakMemoryMb?: number;
};

const body = (document: DocumentNode, variables: Record<string, unknown>) =>
  JSON.stringify({ query: print(document), variables });

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** Percentile from autocannon's histogram summary (it reports p2_5…p99 and p99_9). */
const percentiles = (latency: autocannon.Histogram) => {
  const byKey = latency as unknown as Record<string, number>;
  return { p50: byKey.p50, p95: byKey.p97_5 !== undefined ? estimateP95(byKey) : byKey.p90, p99: byKey.p99 };
};
/** autocannon has no p95 bucket: interpolate between p90 and p97.5. */
const estimateP95 = (byKey: Record<string, number>) =>
  Math.round((byKey.p90 + ((95 - 90) / (97.5 - 90)) * (byKey.p97_5 - byKey.p90)) * 100) / 100;

export const startDatabase = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(root, '.data', 'bench'));
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  return { url: embeddedUrl(port), stop: () => db.stop() };
};

export const ensureNationalData = async (url: string) => {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const [{ count }] = (
      await pool.query(`SELECT count(*)::int AS count FROM lao`).catch(() => ({ rows: [{ count: 0 }] }))
    ).rows;
    if (count >= 7000) return;
  } finally {
    await pool.end();
  }
  console.log('Loading the national dataset (npm run seed:national) …');
  const started = Date.now();
  const seeded = spawnSync(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      'server/scripts/seed-national.ts',
      '--reset',
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
  );
  if (seeded.status !== 0) throw new Error('seed:national failed');
  console.log(`National dataset loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

/** Spawns a server process and waits until its output says it listens; `stop` sends SIGTERM and waits. */
const spawnServer = async (
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: string,
  cwd = root,
) => {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${output}`);
    if (Date.now() - started > 60_000) throw new Error(`${name} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, stop };
};

export const startServer = async (databaseUrl: string, appRoot = root) => {
  const port = await freePort();
  // BENCH_SERVER_ARGS: extra Node flags for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const { child, stop } = await spawnServer(
    'Server',
    [...nodeArgs, path.join(appRoot, 'dist', 'server', 'main.js')],
    {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      // The bench drives thousands of requests per second from one address and a few
      // accounts: budgets stay on (their SQL runs) but never refuse.
      API_BUDGET_RESTORE_PER_SECOND: '1000000000',
      API_BUDGET_PARTNER_RESTORE_PER_SECOND: '1000000000',
      API_BUDGET_ANONYMOUS_RESTORE_PER_SECOND: '1000000000',
      REMINDER_INTERVAL_MINUTES: '0',
    },
    'is running at',
    appRoot,
  );
  /** Peak resident memory of the server process (VmHWM), MB. */
  const peakMemoryMb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  };
  /** Starts a new peak: Linux resets VmHWM to the current RSS on `5 > /proc/<pid>/clear_refs`. */
  const resetPeakMemory = () => {
    try {
      writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    } catch {
      // not Linux, or not allowed: the peak stays the whole run's
    }
  };
  /** CPU time (user + system) the server process has used so far, seconds (Linux; clock ticks of 10 ms). */
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    peakMemoryMb,
    resetPeakMemory,
    cpuSeconds,
    stop,
  };
};

type Caller = { laoId: string; token: string; projects: string[] };

/** Sessions straight in the database and their JWTs: signing in 500 LAOs over HTTP would take minutes of argon2. */
export const prepareCallers = async (url: string) => {
  const pool = new Pool({ connectionString: url, max: 2 });
  const expiresAt = new Date(Date.now() + 6 * 60 * 60 * 1000);
  const session = async (accountId: string) => {
    const [{ id }] = (
      await pool.query(`INSERT INTO session (account_id, expires_at) VALUES ($1, $2) RETURNING id`, [
        accountId,
        expiresAt,
      ])
    ).rows;
    return signSessionToken(config.jwt, { sub: accountId, sid: id }, expiresAt);
  };
  try {
    const [central] = (await pool.query(`SELECT id FROM account WHERE role = 'NACC_CENTRAL' LIMIT 1`)).rows;
    // Deadline day: 600 LAOs (every 13th) whose plan of the current year passed, none of whose
    // projects is reported yet in the open 6-month round. The bench makes it so before each run
    // (their plan PASSED, earlier bench submissions removed), so runs are repeatable.
    const chosen = `SELECT l.id FROM lao l JOIN account a ON a.lao_id = l.id AND a.role = 'LAO'
                     WHERE l.id % 13 = 0 AND EXISTS (SELECT 1 FROM plan WHERE lao_id = l.id AND fiscal_year = $1)
                     ORDER BY l.id LIMIT 600`;
    await pool.query(`UPDATE plan SET status = 'PASSED' WHERE fiscal_year = $1 AND lao_id IN (${chosen})`, [
      currentYear,
    ]);
    await pool.query(
      `DELETE FROM report WHERE fiscal_year = $1 AND round = 'SIX_MONTH' AND lao_id IN (${chosen})`,
      [currentYear],
    );
    const laos = (
      await pool.query(
        `SELECT a.id AS account_id, l.id AS lao_id, l.code,
                array_agg(p.id ORDER BY p.id) AS unreported
           FROM lao l
           JOIN account a ON a.lao_id = l.id AND a.role = 'LAO'
           JOIN project p ON p.lao_id = l.id AND p.fiscal_years @> ARRAY[$1::smallint] AND p.review_status <> 'REJECTED'
          WHERE l.id IN (${chosen})
          GROUP BY a.id, l.id ORDER BY l.id`,
        [currentYear],
      )
    ).rows;
    if (laos.length < 50) throw new Error(`Only ${laos.length} LAOs have a plan for ${currentYear}; reseed`);
    const callers: Caller[] = [];
    for (const row of laos) {
      callers.push({
        laoId: String(row.lao_id),
        token: await session(row.account_id),
        projects: row.unreported ?? [],
      });
    }
    const codes = laos.map((row) => String(row.code));
    const provinces = (await pool.query(`SELECT id FROM province ORDER BY id`)).rows.map((r) => String(r.id));
    const names = (await pool.query(`SELECT name_th FROM lao ORDER BY random() LIMIT 200`)).rows.map(
      (r: { name_th: string }) =>
        r.name_th.replace(/^(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร)/, '').slice(0, 4),
    );
    return { central: await session(central.id), callers, codes, provinces, names };
  } finally {
    await pool.end();
  }
};

export type Prepared = Awaited<ReturnType<typeof prepareCallers>>;
export type Flow = { name: string; weight: number; next: (p: Prepared) => { token?: string; body: string } };

const submissionStatuses = ['COMPLETED', 'IN_PROGRESS', 'COMPLETED', 'UNABLE'] as const;

/** The flows, with the GraphQL documents of the client in `appRoot`. */
export const flowsOf = (appRoot: string): Flow[] => {
  const { LAO_SUMMARY_QUERY, STATISTICS_QUERY } = clientDocuments(appRoot, 'queries/analytics.query');
  const { PROJECTS_QUERY } = clientDocuments(appRoot, 'queries/projects.query');
  const { PUBLIC_LAO_QUERY, PUBLIC_LAO_SEARCH_QUERY } = clientDocuments(appRoot, 'queries/public.query');
  const { IMPLEMENTATION_QUERY, REPORT_PROJECTS_QUERY } = clientDocuments(appRoot, 'queries/report.query');
  const { SUBMIT_REPORT_MUTATION } = clientDocuments(appRoot, 'mutations/report.mutation');
  return [
    {
      name: 'LAO home summary',
      weight: 15,
      next: (p) => {
        const caller = pick(p.callers);
        return { token: caller.token, body: body(LAO_SUMMARY_QUERY, { laoId: caller.laoId, fiscalYear }) };
      },
    },
    {
      name: 'LAO project list (year)',
      weight: 15,
      next: (p) => {
        const caller = pick(p.callers);
        return {
          token: caller.token,
          body: body(PROJECTS_QUERY, { laoId: caller.laoId, fiscalYear: currentYear, first: 50 }),
        };
      },
    },
    {
      name: 'LAO report form load',
      weight: 20,
      next: (p) => {
        const caller = pick(p.callers);
        return {
          token: caller.token,
          body: body(REPORT_PROJECTS_QUERY, { laoId: caller.laoId, fiscalYear: currentYear, first: 100 }),
        };
      },
    },
    {
      name: 'LAO report submission',
      weight: 10,
      next: (p) => {
        // Each submission reports a different project (deadline day: many LAOs, first versions).
        const callers = p.callers.filter((c) => c.projects.length > 0);
        if (callers.length === 0) throw new Error('Every prepared project is reported: raise the LAO count');
        const caller = pick(callers);
        const projectId = caller.projects.pop() as string;
        const status = pick(submissionStatuses);
        return {
          token: caller.token,
          body: body(SUBMIT_REPORT_MUTATION, {
            input: {
              projectId: String(projectId),
              fiscalYear: currentYear,
              round: 'SIX_MONTH',
              inOrdinance: true,
              ordinanceBudget: '50000.00',
              disbursed: status === 'COMPLETED' ? '48250.50' : '12000.00',
              status,
              ...(status === 'UNABLE' ? { unableReason: 'NO_BUDGET' } : {}),
              idempotencyKey: randomUUID(),
            },
          }),
        };
      },
    },
    {
      name: 'NACC province implementation table',
      weight: 5,
      next: (p) => ({
        token: p.central,
        body: body(IMPLEMENTATION_QUERY, {
          fiscalYear,
          round: 'TWELVE_MONTH',
          provinceId: pick(p.provinces),
          first: 10000,
        }),
      }),
    },
    {
      name: 'NACC national statistics',
      weight: 3,
      next: (p) => ({
        token: p.central,
        body: body(STATISTICS_QUERY, { fiscalYear, round: 'TWELVE_MONTH' }),
      }),
    },
    {
      // The open round as reports land: in the mix, every submission changes one province's row.
      name: 'NACC national statistics (open round)',
      weight: 1,
      next: (p) => ({
        token: p.central,
        body: body(STATISTICS_QUERY, { fiscalYear: currentYear, round: 'SIX_MONTH' }),
      }),
    },
    {
      name: 'NACC who has not reported',
      weight: 2,
      next: (p) => ({
        token: p.central,
        body: body(IMPLEMENTATION_QUERY, {
          fiscalYear: currentYear,
          round: 'SIX_MONTH',
          provinceId: pick(p.provinces),
          onlyIncomplete: true,
          first: 10000,
        }),
      }),
    },
    {
      name: 'Public LAO search (Thai fragment)',
      weight: 15,
      next: (p) => ({ body: body(PUBLIC_LAO_SEARCH_QUERY, { search: pick(p.names), first: 20 }) }),
    },
    {
      name: 'Public LAO page',
      weight: 15,
      next: (p) => ({ body: body(PUBLIC_LAO_QUERY, { code: pick(p.codes) }) }),
    },
  ];
};

export const flows: Flow[] = flowsOf(root);

/** Runs one load: `choose` picks the next request for every request autocannon sends. */
export const drive = async (
  url: string,
  name: string,
  choose: () => { token?: string; body: string },
  seconds = duration,
): Promise<FlowResult> => {
  let graphqlErrors = 0;
  let firstError: string | null = null;
  const request: CannonRequest = {
    method: 'POST',
    path: '/graphql',
    setupRequest: (req) => {
      const next = choose();
      return {
        ...req,
        body: next.body,
        headers: {
          'content-type': 'application/json',
          ...(next.token ? { authorization: `Bearer ${next.token}` } : {}),
        },
      };
    },
    onResponse: (status, responseBody) => {
      if (status === 200 && responseBody.includes('"errors"')) {
        graphqlErrors += 1;
        firstError ??= responseBody.slice(0, 300);
      }
    },
  };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [request],
  });
  if (firstError) console.log(`  ${name}: first GraphQL error: ${firstError}`);
  return {
    flow: name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    ...percentiles(result.latency),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
  };
};

/** One run at a fixed offered rate with evenly spaced arrivals (bench/open-loop.ts). */
const driveAtRate = async (
  url: string,
  name: string,
  choose: () => { token?: string; body: string },
  seconds: number,
  rate: number,
): Promise<FlowResult> => {
  const { firstError, ...result } = await openLoop(url, choose, seconds, rate);
  if (firstError) console.log(`  ${name}: first GraphQL error: ${firstError}`);
  return { flow: name, ...result, offeredRate: rate };
};

/** The same SQL as the API runs for an aggregate table, through `pg` directly with a prepared statement. */
const rawSql = async (url: string, name: string, text: string, params: () => unknown[]) => {
  const pool = new Pool({ connectionString: url, max: connections > 10 ? 10 : connections });
  const latencies: number[] = [];
  const end = Date.now() + Math.min(duration, 5) * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const started = process.hrtime.bigint();
      await pool.query({ name, text, values: params() });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 10 }, worker));
  const seconds = (Date.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] * 100) / 100;
  return { rps: Math.round(latencies.length / seconds), p50: at(0.5), p95: at(0.95) };
};

const peerVersion = '5.1.5';
const peerDir = path.join(root, '.data', 'postgraphile-peer');

/**
 * PostGraphile v5, the best GraphQL-over-Postgres peer, over the same database: installed on
 * first use into .data/postgraphile-peer (never a dependency of the app), serving the LAO
 * project list through `bench_peer.lao_projects_of_year` (bench/postgraphile-peer.ts).
 * BENCH_PEER=off skips it.
 */
const startPeer = async (databaseUrl: string) => {
  if (!existsSync(path.join(peerDir, 'node_modules', 'postgraphile'))) {
    console.log(`Installing PostGraphile ${peerVersion} into .data/postgraphile-peer (bench only) …`);
    mkdirSync(peerDir, { recursive: true });
    writeFileSync(path.join(peerDir, 'package.json'), '{ "name": "postgraphile-peer", "private": true }\n');
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', `postgraphile@${peerVersion}`], {
      cwd: peerDir,
      stdio: 'inherit',
    });
    if (npm.status !== 0) throw new Error('Installing PostGraphile failed');
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_peer`);
    await pool.query(`CREATE OR REPLACE FUNCTION bench_peer.lao_projects_of_year(lao_id integer, fiscal_year smallint)
      RETURNS SETOF public.project LANGUAGE sql STABLE AS $$
        SELECT * FROM public.project p WHERE p.lao_id = $1 AND p.fiscal_years @> ARRAY[$2] ORDER BY p.lao_id, p.id
      $$`);
  } finally {
    await pool.end();
  }
  const port = await freePort();
  const { stop } = await spawnServer(
    'PostGraphile',
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      path.join(__dirname, 'postgraphile-peer.ts'),
      peerDir,
      databaseUrl,
      String(port),
    ],
    { ...process.env, NODE_ENV: 'production' },
    'PostGraphile peer is running',
  );
  return { url: `http://127.0.0.1:${port}`, stop };
};

/** The same read as our `LAO project list (year)` flow: the fields of ProjectFields that are columns, and the LAO. */
const peerProjectsQuery = `query ($laoId: Int!, $fiscalYear: Int!, $first: Int!) {
  benchPeerLaoProjectsOfYear(laoId: $laoId, fiscalYear: $fiscalYear, first: $first) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { id rowId version name workType fiscalYears quarters primaryDimension additionalDimensions
      essence antiCorruptionBudget localDevelopmentBudget targetGroups objectives remarks reviewStatus reviewReason
      reviewedAt updatedAt laoByLaoId { id rowId code nameTh } } }
  }
}`;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rows where the kept per-LAO summaries differ from a recomputation from every project and report (0 = exact). */
export const summaryDrift = async (url: string): Promise<number> => {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM (${summaryDriftSql}) d`);
    return rows[0].n as number;
  } finally {
    await pool.end();
  }
};

/** The client's initial JavaScript: what index.html loads before anything else, gzipped. */
const clientInitialJsKb = () => {
  const dir = path.join(root, 'dist', 'client');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length,
    0,
  );
  return Math.round(bytes / 102.4) / 10;
};

/** A partner pulls one fiscal year of reports, 500 per page, as fast as the API answers. */
const partnerPull = async (url: string, centralToken: string) => {
  const created = await post(url, centralToken, {
    query: `mutation { createApiKey(input: { name: "bench", organisation: "สถ.", scopes: [REPORTS], validDays: 1 }) { secret } }`,
  });
  const key = created.data.createApiKey.secret as string;
  const latencies: number[] = [];
  let after: string | null = null;
  let records = 0;
  const started = Date.now();
  do {
    const t = Date.now();
    const page = await post(url, key, {
      query: `query($after: String) { reports(fiscalYear: ${fiscalYear}, first: 500, after: $after) {
        edges { node { id projectId laoId fiscalYear round status inOrdinance ordinanceBudget disbursed unableReason version updatedAt } }
        pageInfo { hasNextPage endCursor } } }`,
      variables: { after },
    });
    latencies.push(Date.now() - t);
    if (page.errors) throw new Error(JSON.stringify(page.errors));
    records += page.data.reports.edges.length;
    after = page.data.reports.pageInfo.hasNextPage ? page.data.reports.pageInfo.endCursor : null;
  } while (after);
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    records,
    pages: latencies.length,
    seconds: Math.round(seconds * 10) / 10,
    recordsPerSecond: Math.round(records / seconds),
    pageP50: latencies[Math.floor(latencies.length / 2)],
    pageP95: latencies[Math.floor(latencies.length * 0.95)],
  };
};

/**
 * The open-data files of one fiscal year's reports (every report of the country), downloaded
 * as a citizen would: seconds, size and the server's peak memory during each.
 */
const openDataDownloads = async (
  url: string,
  server: { resetPeakMemory(): void; peakMemoryMb(): number },
) => {
  const downloads = [];
  for (const format of ['csv', 'xlsx']) {
    const file = `reports-${fiscalYear}.${format}`;
    server.resetPeakMemory();
    const started = Date.now();
    const response = await fetch(`${url}/open-data/${file}`);
    if (response.status !== 200 || !response.body) throw new Error(`${file}: HTTP ${response.status}`);
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
    downloads.push({
      file,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      megabytes: Math.round(bytes / 2 ** 20),
      peakMemoryMb: Math.round(server.peakMemoryMb()),
    });
  }
  return downloads;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const post = async (url: string, token: string, payload: unknown): Promise<any> => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  return response.json();
};

const ratio = (results: FlowResult[], name: string, sqlRps: number): number | null => {
  const api = results.find((r) => r.flow.toLowerCase().includes(name));
  return api ? Math.round((api.rps / sqlRps) * 100) / 100 : null;
};

export const runDeadlineDayBench = async () => {
  if (!existsSync(path.join(root, 'dist', 'server', 'main.js'))) throw new Error('Run `npm run build` first');
  const database = await startDatabase();
  try {
    await ensureNationalData(database.url);
    const prepared = await prepareCallers(database.url);
    const server = await startServer(database.url);
    try {
      const results: FlowResult[] = [];
      let peakMemoryMb = 0;
      /** One run, with the server's peak memory during it. */
      const measure = async (
        name: string,
        choose: () => { token?: string; body: string },
        seconds = duration,
        rate?: number,
      ) => {
        server.resetPeakMemory();
        const result = rate
          ? await driveAtRate(server.url, name, choose, seconds, rate)
          : await drive(server.url, name, choose, seconds);
        result.peakMemoryMb = Math.round(server.peakMemoryMb());
        peakMemoryMb = Math.max(peakMemoryMb, result.peakMemoryMb);
        results.push(result);
        console.log(
          `  ${name.padEnd(46)} ${String(result.rps).padStart(6)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  errors ${result.errors + result.non2xx + result.graphqlErrors}  ${result.peakMemoryMb} MB`,
        );
        return result;
      };
      // Warm-up: JIT, caches, pools.
      await drive(server.url, 'warm-up', () => flows[0].next(prepared), 3);
      // BENCH_FLOWS=home,statistics runs only the flows whose names contain one of the words.
      const only = process.env.BENCH_FLOWS?.toLowerCase().split(',');
      const chosen = flows.filter((f) => !only || only.some((word) => f.name.toLowerCase().includes(word)));
      // At saturation: 50 connections send as fast as the server answers (throughput; latency is queueing).
      for (const flow of chosen) await measure(flow.name, () => flow.next(prepared));
      const wanted = (word: string) => !only || only.includes(word);
      const totalWeight = flows.reduce((sum, flow) => sum + flow.weight, 0);
      const mixed = () => {
        let roll = Math.random() * totalWeight;
        const flow = flows.find((f) => (roll -= f.weight) < 0) ?? flows[0];
        return flow.next(prepared);
      };
      if (wanted('mix')) await measure('Deadline-day mix', mixed, duration * 2);
      // At a fixed offered rate (BENCH_RATE, default 200 req/s, far above a real deadline day's peak),
      // arrivals evenly spaced whatever the server answers: the latency a user sees when it is not saturated.
      const rate = Number(process.env.BENCH_RATE ?? 200);
      if (rate > 0) {
        for (const flow of chosen.filter((f) => f.name.startsWith('LAO') || f.name.startsWith('NACC'))) {
          await measure(`${flow.name} @ ${rate} req/s`, () => flow.next(prepared), duration, rate);
        }
        if (wanted('mix')) await measure(`Deadline-day mix @ ${rate * 5} req/s`, mixed, duration, rate * 5);
      }
      const [high, medium] = thresholdParams(RoundKind.TWELVE_MONTH);
      const raw = {
        provinceTable: await rawSql(
          database.url,
          'bench_province_table',
          `SELECT * FROM (${countsSql('l.province_id = $5')}) t ORDER BY percentage DESC NULLS LAST, lao_id LIMIT 10000`,
          () => [fiscalYear, 'TWELVE_MONTH', high, medium, Number(pick(prepared.provinces))],
        ),
        nationalStatistics: await rawSql(
          database.url,
          'bench_statistics',
          statisticsSql('TRUE', false),
          () => [fiscalYear, 'TWELVE_MONTH', high, medium],
        ),
      };
      // Against PostGraphile v5 on the same read, in this run, alternating A B A B A B.
      let peer: { ours: number[]; postgraphile: number[]; ratioOfMedians: number } | null = null;
      const projectList = flows.find((f) => f.name === 'LAO project list (year)') as Flow;
      if (
        process.env.BENCH_PEER !== 'off' &&
        (!only || only.some((w) => projectList.name.toLowerCase().includes(w)))
      ) {
        const postgraphile = await startPeer(database.url);
        try {
          const peerRequest = () => {
            const caller = pick(prepared.callers);
            return {
              body: JSON.stringify({
                query: peerProjectsQuery,
                variables: { laoId: Number(caller.laoId), fiscalYear: currentYear, first: 50 },
              }),
            };
          };
          await drive(postgraphile.url, 'peer warm-up', peerRequest, 3);
          const ours: number[] = [];
          const theirs: number[] = [];
          for (let round = 0; round < 3; round += 1) {
            ours.push(
              (await measure(`${projectList.name} (A/B ${round + 1})`, () => projectList.next(prepared))).rps,
            );
            const other = await drive(
              postgraphile.url,
              `PostGraphile v5: LAO project list (A/B ${round + 1})`,
              peerRequest,
            );
            results.push(other);
            console.log(
              `  ${other.flow.padEnd(46)} ${String(other.rps).padStart(6)} req/s  p50 ${other.p50} ms  p95 ${other.p95} ms`,
            );
            theirs.push(other.rps);
          }
          peer = {
            ours,
            postgraphile: theirs,
            ratioOfMedians: Math.round((median(ours) / median(theirs)) * 100) / 100,
          };
        } finally {
          await postgraphile.stop();
        }
      }
      server.resetPeakMemory();
      const partner = wanted('partner') ? await partnerPull(server.url, prepared.central) : null;
      peakMemoryMb = Math.max(peakMemoryMb, Math.round(server.peakMemoryMb()));
      const openData = wanted('open-data') ? await openDataDownloads(server.url, server) : null;
      for (const d of openData ?? []) peakMemoryMb = Math.max(peakMemoryMb, d.peakMemoryMb);
      // The summaries the tables read, after every submission of the run, against a recomputation.
      const driftStarted = Date.now();
      const driftRows = await summaryDrift(database.url);
      const driftSeconds = Math.round((Date.now() - driftStarted) / 100) / 10;
      const summary = {
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
        },
        settings: { seconds: duration, connections, fiscalYear, currentYear },
        flows: results,
        rawSql: raw,
        ratios: {
          provinceTableApiOverSql: ratio(results, 'province implementation', raw.provinceTable.rps),
          statisticsApiOverSql: ratio(results, 'national statistics', raw.nationalStatistics.rps),
        },
        partnerPull: partner,
        openData,
        summaryDrift: { rows: driftRows, seconds: driftSeconds },
        postgraphile: peer,
        serverPeakMemoryMb: peakMemoryMb,
        clientInitialJsKbGzip: clientInitialJsKb(),
      };
      return summary;
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
};

export const printDeadlineDay = (summary: Awaited<ReturnType<typeof runDeadlineDayBench>>) => {
  console.log(
    '\nDeadline-day benchmark (national dataset, loopback HTTP: autocannon at saturation, an open loop at a fixed rate)',
  );
  console.log(
    `${'flow'.padEnd(48)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'peak MB'.padStart(9)}`,
  );
  for (const r of summary.flows) {
    console.log(
      `${r.flow.padEnd(48)}${String(r.rps).padStart(8)}${String(r.p50).padStart(9)}${String(r.p95).padStart(9)}${String(r.p99).padStart(9)}${String(r.errors + r.non2xx + r.graphqlErrors).padStart(8)}${String(r.peakMemoryMb ?? '').padStart(9)}`,
    );
  }
  console.log(
    `raw SQL (pg, prepared, 10 connections): province table ${summary.rawSql.provinceTable.rps} req/s (p95 ${summary.rawSql.provinceTable.p95} ms), national statistics ${summary.rawSql.nationalStatistics.rps} req/s (p95 ${summary.rawSql.nationalStatistics.p95} ms)`,
  );
  console.log(
    `API ÷ raw SQL throughput: province table ${summary.ratios.provinceTableApiOverSql}, statistics ${summary.ratios.statisticsApiOverSql}`,
  );
  const p = summary.partnerPull;
  if (p)
    console.log(
      `partner pull of ${summary.settings.fiscalYear} reports: ${p.records} records in ${p.pages} pages, ${p.seconds} s (${p.recordsPerSecond} records/s, page p50 ${p.pageP50} ms, p95 ${p.pageP95} ms)`,
    );
  for (const d of summary.openData ?? [])
    console.log(`open data ${d.file}: ${d.megabytes} MB in ${d.seconds} s, server peak ${d.peakMemoryMb} MB`);
  if (summary.postgraphile)
    console.log(
      `LAO project list vs PostGraphile v5 (same run, A/B ×3): ours ${summary.postgraphile.ours.join('/')} req/s, PostGraphile ${summary.postgraphile.postgraphile.join('/')} req/s, ratio of medians ${summary.postgraphile.ratioOfMedians}`,
    );
  console.log(
    `summaries vs. a recomputation from scratch after the run: ${summary.summaryDrift.rows} differing rows (${summary.summaryDrift.seconds} s)`,
  );
  console.log(`server peak memory (VmHWM): ${summary.serverPeakMemoryMb} MB`);
  console.log(`client initial JavaScript: ${summary.clientInitialJsKbGzip} KB gzipped`);
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'deadline-day.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`written: bench/results/deadline-day.json`);
};
