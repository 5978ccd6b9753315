import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../server/auth/password';
import { startEmbeddedPostgres } from '../server/db/embedded';
import { freePort } from '../test/helpers/free-port';

/**
 * `npx ts-node --transpile-only bench/audit-chain.bench.ts` (after `npm run build`): report
 * submissions per second through the built server with the audit log's hash chain (A) and
 * without it (B: its trigger disabled), alternating A B A B … (BENCH_ROUNDS, default 4) on one
 * database, BENCH_SUBMISSIONS (default 300) fresh projects per round, BENCH_CONCURRENCY (50) at
 * once. Prints each round and the medians (docs/operations.md, "Audit").
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const perRound = Number(process.env.BENCH_SUBMISSIONS ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const LAOS = 10;
const YEAR = 2570;
const PASSWORD = 'Bench-Audit-Chain-2570';
const root = path.resolve(__dirname, '..');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const main = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    databases: ['lao_bench'],
  });
  const url = db.adminUrl('lao_bench');
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      SEED_DEMO: 'true',
      DATA_DIR: dir,
      JWT_SECRET: randomUUID(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      GRAPHQL_MAX_IN_FLIGHT: '0',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pg = new Client({ connectionString: url });
  try {
    while (!output.includes('is running at')) {
      if (server.exitCode !== null) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    await pg.connect();
    const laos = (
      await pg.query<{ id: number; code: string }>(
        `SELECT id, code FROM lao WHERE id NOT IN (SELECT lao_id FROM account WHERE lao_id IS NOT NULL) ORDER BY id LIMIT $1`,
        [LAOS],
      )
    ).rows;
    const hash = await hashPassword(PASSWORD, { memoryCost: 1024, timeCost: 1 });
    const [cycle] = (
      await pg.query<{ id: number }>(`SELECT id FROM plan_cycle WHERE start_year <= $1 AND end_year >= $1`, [
        YEAR,
      ])
    ).rows;
    const perLao = Math.ceil((rounds * 2 * perRound) / LAOS);
    for (const lao of laos) {
      await pg.query(
        `INSERT INTO account (username, role, display_name, lao_id, password_hash, activated_at, password_changed_at)
         VALUES ($1, 'LAO', $1, $2, $3, now(), now())`,
        [lao.code, lao.id, hash],
      );
      await pg.query(
        `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, submitted_at, version) VALUES ($1, $2, $3, 'PASSED', now(), 1)`,
        [lao.id, YEAR, cycle.id],
      );
      await pg.query(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                              anti_corruption_budget, local_development_budget, review_status, reviewed_at, version)
         SELECT $1, $2, 'โครงการวัดผล ' || n, 'PROJECT', ARRAY[$3]::smallint[], '{1}', 'SOCIETY', 1000, 1000, 'APPROVED', now(), 1
           FROM generate_series(1, $4::int) AS n`,
        [lao.id, cycle.id, YEAR, perLao],
      );
    }
    await pg.query(
      `UPDATE reporting_round SET opens_at = now() - interval '1 day', closes_at = now() + interval '30 days'
        WHERE fiscal_year = $1 AND kind = 'SIX_MONTH'`,
      [YEAR],
    );
    const tokens = new Map<number, string>();
    for (const lao of laos) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation($input: LoginInput!) { login(input: $input) { token } }`,
          variables: { input: { username: lao.code, password: PASSWORD } },
        }),
      });
      tokens.set(
        lao.id,
        ((await response.json()) as { data: { login: { token: string } } }).data.login.token,
      );
    }
    // Interleaved over the LAOs, as on a deadline day.
    const projects = (
      await pg.query<{ id: number; lao_id: number }>(
        `SELECT id, lao_id FROM project WHERE lao_id = ANY($1) ORDER BY row_number() OVER (PARTITION BY lao_id ORDER BY id), lao_id`,
        [laos.map((lao) => lao.id)],
      )
    ).rows;
    const submit = async (project: { id: number; lao_id: number }) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens.get(project.lao_id)}`,
        },
        body: JSON.stringify({
          query: `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`,
          variables: {
            input: {
              projectId: String(project.id),
              fiscalYear: YEAR,
              round: 'SIX_MONTH',
              inOrdinance: true,
              ordinanceBudget: '1000.00',
              disbursed: '10.00',
              status: 'IN_PROGRESS',
              idempotencyKey: randomUUID(),
            },
          },
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const results: Record<'A' | 'B', number[]> = { A: [], B: [] };
    let next = 0;
    for (let round = 0; round < rounds * 2; round += 1) {
      const variant = round % 2 === 0 ? 'A' : 'B';
      await pg.query(
        `ALTER TABLE audit_event ${variant === 'A' ? 'ENABLE' : 'DISABLE'} TRIGGER audit_event_seal`,
      );
      const batch = projects.slice(next, next + perRound);
      next += perRound;
      const started = process.hrtime.bigint();
      let index = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (index < batch.length) await submit(batch[index++]);
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (variant === 'B') {
        // The unchained rows go again (a superuser's edit), so that A's next rows chain onto A's.
        await pg.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await pg.query(`DELETE FROM audit_event WHERE chain_seq IS NULL`);
        await pg.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      }
      results[variant].push(batch.length / seconds);
      console.log(
        `round ${round + 1} ${variant === 'A' ? 'chain on ' : 'chain off'}: ${(batch.length / seconds).toFixed(1)} submissions/s`,
      );
    }
    const a = median(results.A);
    const b = median(results.B);
    console.log(
      `median with the chain ${a.toFixed(1)}/s, without ${b.toFixed(1)}/s (${(((a - b) / b) * 100).toFixed(1)}%), ` +
        `${perRound} submissions per round, ${concurrency} at once, ${rounds} rounds each`,
    );
  } finally {
    await pg.end().catch(() => undefined);
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
