import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import {
  drive,
  duration,
  ensureNationalData,
  type Flow,
  type FlowResult,
  flowsOf,
  prepareCallers,
  type Prepared,
  startDatabase,
  startServer,
  summaryDrift,
} from './deadline-day.bench';

/**
 * `BENCH_AB=<commit> npm run bench`: another build (A, e.g. the commit before a refactoring)
 * against this tree's build (B) in one run, on the same database and the same prepared
 * callers. A is checked out in a git worktree under the temp dir with this tree's
 * node_modules hard-linked and built there (kept for the next run). Both servers run at
 * once; each flow is driven A B A B … (`BENCH_AB_ROUNDS`, default 3) while the other server
 * idles, so the VM's drift falls on both alike. Each build is sent the GraphQL documents
 * of its own client (`BENCH_AB_DOCUMENTS=A`: both get A's). B starts first and migrates;
 * A must find nothing to migrate (its migrations a prefix of B's), or the run stops. A server
 * migrates only forward at its start, never rolls back. `BENCH_AB_SQL=on` also counts each build's
 * statements per request with pg_stat_statements (embedded database: preloaded for the run
 * and unloaded again at the next start). Prints medians per flow and the ratio B/A and
 * writes bench/results/ab.json (docs/benchmarks.md).
 */

const root = path.resolve(__dirname, '..');
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const sameDocuments = process.env.BENCH_AB_DOCUMENTS === 'A';

const git = (args: string[], cwd = root) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: 'inherit' });

/** The other build: a detached worktree of `commit` in the temp dir, with this tree's node_modules, built. */
export const prepareBuild = (commit: string): { sha: string; dir: string } => {
  const sha = git(['rev-parse', '--verify', `${commit}^{commit}`]);
  const dir = path.join(os.tmpdir(), `bench-ab-${sha.slice(0, 7)}`);
  if (!existsSync(path.join(dir, '.git'))) {
    console.log(`A/B: checking out ${sha.slice(0, 7)} into ${dir} …`);
    git(['worktree', 'add', '--detach', dir, sha]);
  }
  if (git(['rev-parse', 'HEAD'], dir) !== sha) throw new Error(`${dir} is not at ${sha}: remove it`);
  if (!existsSync(path.join(dir, 'node_modules'))) {
    run('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')], root);
  }
  if (!existsSync(path.join(dir, 'dist', 'server', 'main.js'))) {
    console.log(`A/B: building ${sha.slice(0, 7)} …`);
    run('npm', ['run', 'build'], dir);
  }
  return { sha, dir };
};

const middle = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
};
const round2 = (value: number) => Math.round(value * 100) / 100;

type Statement = { query: string; calls: number; ms: number };

/** pg_stat_statements in a schema of its own (`bench_stats`), preloaded if need be: returns the database URL to use. */
const enableStatementStats = async (
  database: Awaited<ReturnType<typeof startDatabase>>,
): Promise<{ database: Awaited<ReturnType<typeof startDatabase>>; stats: Pool }> => {
  const preloaded = async (url: string) => {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      const { rows } = await pool.query(`SHOW shared_preload_libraries`);
      return String(rows[0].shared_preload_libraries).includes('pg_stat_statements');
    } finally {
      await pool.end();
    }
  };
  if (!(await preloaded(database.url))) {
    if (process.env.DATABASE_URL)
      throw new Error('BENCH_AB_SQL=on: preload pg_stat_statements in DATABASE_URL');
    const pool = new Pool({ connectionString: database.url, max: 1 });
    await pool.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await pool.end();
    await database.stop();
    database = await startDatabase();
  }
  const stats = new Pool({ connectionString: database.url, max: 1 });
  await stats.query(`CREATE SCHEMA IF NOT EXISTS bench_stats`);
  await stats.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA bench_stats`);
  // Back to the usual settings at the database's next start (the extension stays, unused).
  await stats.query(`ALTER SYSTEM RESET shared_preload_libraries`);
  return { database, stats };
};

const readStatements = async (stats: Pool): Promise<Map<string, Statement>> => {
  const { rows } = await stats.query(
    `SELECT queryid::text AS id, query, calls::int AS calls, total_exec_time AS ms
       FROM bench_stats.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%'`,
  );
  return new Map(rows.map((r) => [r.id as string, { query: r.query, calls: r.calls, ms: r.ms }]));
};

/**
 * Waits until the server has worked off what the last run left (autocannon stops sending at
 * the end, not the requests already read): /healthz answers at once and no statement of the
 * database is running. Else the next run would pay for them, and count their statements.
 */
const settle = async (serverUrl: string, watch: Pool) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const started = Date.now();
    await fetch(`${serverUrl}/healthz`).then((response) => response.arrayBuffer());
    const answeredMs = Date.now() - started;
    const { rows } = await watch.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
    );
    if (answeredMs < 20 && rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

type Side = 'A' | 'B';
type Run = FlowResult & { statements?: Map<string, Statement>; cpuMsPerRequest?: number };
type Build = {
  side: Side;
  label: string;
  server: Awaited<ReturnType<typeof startServer>>;
  flows: Flow[];
};

/** The deadline-day mix of one build's flows (the weights of `flows`). */
const mixOf = (flows: Flow[], prepared: Prepared) => {
  const total = flows.reduce((sum, flow) => sum + flow.weight, 0);
  return () => {
    let roll = Math.random() * total;
    const flow = flows.find((f) => (roll -= f.weight) < 0) ?? flows[0];
    return flow.next(prepared);
  };
};

export const runAbBench = async (commit: string) => {
  const started = Date.now();
  const other = prepareBuild(commit);
  const self = git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain']) ? ' + changes' : '');
  let database = await startDatabase();
  let stats: Pool | null = null;
  let watch: Pool | null = null;
  try {
    if (process.env.BENCH_AB_SQL === 'on') ({ database, stats } = await enableStatementStats(database));
    watch = new Pool({ connectionString: database.url, max: 1 });
    await ensureNationalData(database.url);
    const prepared = await prepareCallers(database.url);
    const migrations = async () => {
      const pool = new Pool({ connectionString: database.url, max: 1 });
      try {
        return (await pool.query(`SELECT count(*)::int AS n FROM typeorm_migrations`)).rows[0].n as number;
      } finally {
        await pool.end();
      }
    };
    // B (this tree) first: it applies its migrations; A then must find none of its own to apply.
    const serverB = await startServer(database.url);
    const before = await migrations();
    const serverA = await startServer(database.url, other.dir).catch(async (error) => {
      await serverB.stop();
      throw error;
    });
    const builds: Build[] = [
      { side: 'A', label: other.sha.slice(0, 7), server: serverA, flows: flowsOf(other.dir) },
      // BENCH_AB_DOCUMENTS=A: B is sent A's client documents too (B's schema a superset), which
      // separates what the server changed from what the client now asks for.
      { side: 'B', label: self, server: serverB, flows: flowsOf(sameDocuments ? other.dir : root) },
    ];
    try {
      if ((await migrations()) !== before)
        throw new Error('Build A applied migrations B does not have: stopped');
      console.log(
        `\nA/B: A = ${builds[0].label} (${other.dir}), B = ${builds[1].label} (this tree); ` +
          `${rounds} rounds of ${duration} s per flow (the mix ${duration * 2} s), A B A B …` +
          (sameDocuments ? `; both sent A's client documents` : ''),
      );
      for (const build of builds) {
        await drive(build.server.url, 'warm-up', () => build.flows[0].next(prepared), 3);
        await settle(build.server.url, watch);
      }
      const only = process.env.BENCH_FLOWS?.toLowerCase().split(',');
      const names = [...builds[1].flows.map((f) => f.name), 'Deadline-day mix'].filter(
        (name) => !only || only.some((word) => name.toLowerCase().includes(word)),
      );
      const runs: Record<string, Record<Side, Run[]>> = {};
      for (const name of names) {
        runs[name] = { A: [], B: [] };
        for (let round = 0; round < rounds; round += 1) {
          for (const build of builds) {
            const choose =
              name === 'Deadline-day mix'
                ? mixOf(build.flows, prepared)
                : () => (build.flows.find((f) => f.name === name) as Flow).next(prepared);
            await stats?.query(`SELECT bench_stats.pg_stat_statements_reset()`);
            build.server.resetPeakMemory();
            const cpuBefore = build.server.cpuSeconds();
            const result: Run = await drive(
              build.server.url,
              name,
              choose,
              name === 'Deadline-day mix' ? duration * 2 : duration,
            );
            // Server CPU per answered request: far less sensitive than req/s to what else the VM runs.
            result.cpuMsPerRequest = round2(
              ((build.server.cpuSeconds() - cpuBefore) * 1000) / Math.max(result.requests, 1),
            );
            await settle(build.server.url, watch);
            result.peakMemoryMb = Math.round(build.server.peakMemoryMb());
            if (stats) result.statements = await readStatements(stats);
            runs[name][build.side].push(result);
            console.log(
              `  ${build.side} ${name.padEnd(40)} ${String(result.rps).padStart(6)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  errors ${result.errors + result.non2xx + result.graphqlErrors}`,
            );
          }
        }
      }
      const driftRows = await summaryDrift(database.url);
      const table = names.map((name) => {
        const side = (s: Side) => {
          const results = runs[name][s];
          const requests = results.reduce((sum, r) => sum + r.requests, 0);
          const statements = new Map<string, Statement>();
          for (const r of results)
            for (const [id, st] of r.statements ?? []) {
              const kept = statements.get(id) ?? { query: st.query, calls: 0, ms: 0 };
              statements.set(id, { query: st.query, calls: kept.calls + st.calls, ms: kept.ms + st.ms });
            }
          const all = [...statements.values()];
          return {
            rps: results.map((r) => r.rps),
            medianRps: middle(results.map((r) => r.rps)),
            p50: middle(results.map((r) => r.p50)),
            p95: middle(results.map((r) => r.p95)),
            cpuMsPerRequestRuns: results.map((r) => r.cpuMsPerRequest ?? 0),
            cpuMsPerRequest: middle(results.map((r) => r.cpuMsPerRequest ?? 0)),
            errors: results.reduce((sum, r) => sum + r.errors + r.non2xx + r.graphqlErrors, 0),
            peakMemoryMb: Math.max(...results.map((r) => r.peakMemoryMb ?? 0)),
            statementsPerRequest: stats
              ? round2(all.reduce((sum, st) => sum + st.calls, 0) / Math.max(requests, 1))
              : null,
            sqlMsPerRequest: stats
              ? round2(all.reduce((sum, st) => sum + st.ms, 0) / Math.max(requests, 1))
              : null,
            statements,
          };
        };
        const a = side('A');
        const b = side('B');
        const pairs = a.rps.map((rps, i) => round2(b.rps[i] / rps));
        // Statements one build ran and the other did not (pg_stat_statements' normalised text).
        const onlyIn = (x: typeof a, y: typeof a) =>
          [...x.statements.entries()]
            .filter(([id]) => !y.statements.has(id))
            .map(([, st]) => ({
              query: st.query.replace(/\s+/g, ' ').trim(),
              calls: st.calls,
              ms: round2(st.ms),
            }));
        return {
          flow: name,
          A: { ...a, statements: undefined },
          B: { ...b, statements: undefined },
          ratio: round2(b.medianRps / a.medianRps),
          pairRatios: pairs,
          ...(stats ? { statementsOnlyInA: onlyIn(a, b), statementsOnlyInB: onlyIn(b, a) } : {}),
        };
      });
      return {
        A: { commit: other.sha, dir: other.dir },
        B: { commit: self },
        rounds,
        seconds: duration,
        documents: sameDocuments ? 'A' : 'own',
        machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
        flows: table,
        summaryDriftRows: driftRows,
        minutes: Math.round((Date.now() - started) / 6000) / 10,
      };
    } finally {
      await serverA.stop();
      await serverB.stop();
    }
  } finally {
    await stats?.end();
    await watch?.end();
    await database.stop();
  }
};

export const printAb = (summary: Awaited<ReturnType<typeof runAbBench>>) => {
  console.log(
    `\nA/B (one run, same database; medians of ${summary.rounds} alternating runs): A = ${summary.A.commit.slice(0, 7)}, B = ${summary.B.commit}` +
      (summary.documents === 'A' ? ` (both sent A's client documents)` : ''),
  );
  const sql = summary.flows.some((f) => f.A.statementsPerRequest !== null);
  const ms = (value: number) => (value >= 10 ? String(Math.round(value)) : value.toFixed(1));
  const columns: [string, number][] = [
    ['flow', 40],
    ['A req/s', 9],
    ['B req/s', 9],
    ['B/A', 7],
    ['  pairs B/A', 6 * summary.rounds + 2],
    ['p50 ms A / B', 15],
    ['p95 ms A / B', 15],
    ['CPU ms/req A / B', 18],
    ['errors A/B', 12],
    ...(sql
      ? ([
          ['stmts/req A / B', 17],
          ['SQL ms/req A / B', 18],
        ] as [string, number][])
      : []),
  ];
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(columns[i][1]) : cell.padStart(columns[i][1])))
      .join('');
  console.log(line(columns.map(([title]) => title)));
  for (const f of summary.flows) {
    console.log(
      line([
        f.flow,
        String(f.A.medianRps),
        String(f.B.medianRps),
        f.ratio.toFixed(2),
        `  ${f.pairRatios.map((r) => r.toFixed(2)).join(' ')}`,
        `${ms(f.A.p50)} / ${ms(f.B.p50)}`,
        `${ms(f.A.p95)} / ${ms(f.B.p95)}`,
        `${f.A.cpuMsPerRequest} / ${f.B.cpuMsPerRequest}`,
        `${f.A.errors} / ${f.B.errors}`,
        ...(sql
          ? [
              `${f.A.statementsPerRequest} / ${f.B.statementsPerRequest}`,
              `${f.A.sqlMsPerRequest} / ${f.B.sqlMsPerRequest}`,
            ]
          : []),
      ]),
    );
  }
  for (const f of summary.flows) {
    for (const [side, list] of [
      ['A', f.statementsOnlyInA],
      ['B', f.statementsOnlyInB],
    ] as const)
      for (const st of list ?? [])
        console.log(
          `  ${f.flow}: only ${side}: ${st.calls} calls, ${round2(st.ms / st.calls)} ms each: ${st.query.slice(0, 240)}`,
        );
  }
  console.log(
    `summaries vs. a recomputation from scratch after the run: ${summary.summaryDriftRows} differing rows`,
  );
  console.log(`A/B run: ${summary.minutes} min`);
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ab.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`written: bench/results/ab.json`);
};
