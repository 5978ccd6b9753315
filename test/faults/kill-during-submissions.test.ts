import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { verifyAuditChain } from '../../server/modules/audit/verify';
import { summaryDriftSql } from '../../server/modules/report/implementation.service';
import { startBuiltServer } from '../e2e/helpers';
import { halfWritten, prepareSubmissions, submit } from '../helpers/fault-submissions';
import { testReport } from '../helpers/report';
import { createTestDatabase } from '../helpers/test-database';

/**
 * Fault test: `kill -9` the built server (node dist/server/main.js) in the middle of
 * hundreds of concurrent report submissions, then restart it on the same database.
 * Every acknowledged submission must be there in full (report, its first revision,
 * its idempotency key); nothing may be half-written; every committed submission has its
 * audit row and the audit log's hash chain holds; retrying every submission with
 * its own idempotency key succeeds exactly once; the per-LAO round summaries kept by
 * triggers still equal a recomputation.
 */

const LAOS = 5;
const PROJECTS_PER_LAO = 60;
const TOTAL = LAOS * PROJECTS_PER_LAO;
const KILL_AFTER_ACKS = TOTAL / 2;
const FISCAL_YEAR = 2570;

describe('kill -9 during concurrent report submissions', () => {
  it('keeps every acknowledged submission whole, and a retry by idempotency key writes each exactly once', async () => {
    const testStarted = Date.now();
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lao-fault-kill-'));
    await chmod(dataDir, 0o755);
    const env = {
      DATABASE_URL: database.url,
      SEED_DEMO: 'true',
      DATA_DIR: dataDir,
      JWT_SECRET: randomUUID(),
    };
    const pg = new Client({ connectionString: database.url });
    let server: Awaited<ReturnType<typeof startBuiltServer>> | undefined;
    try {
      // First run: migrations and the demo data, through the server itself.
      server = await startBuiltServer(env);
      expect(server.output()).toContain('Loaded the demo data.');
      await pg.connect();

      // Five demo LAOs get an account, a passed plan of 2570 and 60 approved projects each;
      // the 6-month round of 2570 is open now whatever the clock says. One submission per project.
      const first = server;
      const { laos, projects, submissions } = await prepareSubmissions(pg, first.url, {
        laoCount: LAOS,
        projectsPerLao: PROJECTS_PER_LAO,
        fiscalYear: FISCAL_YEAR,
      });
      expect(projects).toHaveLength(TOTAL);
      // Interleave the LAOs so every LAO's summary row is contended at the moment of the kill.
      const order = [...submissions].sort(
        (a, b) => (a.index % PROJECTS_PER_LAO) - (b.index % PROJECTS_PER_LAO) || a.index - b.index,
      );

      const prepared = Date.now();
      // All at once; SIGKILL as soon as half have been acknowledged.
      let acknowledged = 0;
      let killedAt = 0;
      const started = Date.now();
      const outcomes = await Promise.all(
        order.map(async (submission) => {
          const outcome = await submit(first.url, submission);
          if (outcome.kind === 'acknowledged') {
            acknowledged += 1;
            if (acknowledged >= KILL_AFTER_ACKS && !killedAt) {
              killedAt = Date.now();
              first.kill('SIGKILL');
            }
          }
          return { submission, outcome };
        }),
      );
      if (!killedAt) first.kill('SIGKILL');
      await first.exited;
      expect(killedAt).toBeGreaterThan(0);
      const acked = outcomes.filter((o) => o.outcome.kind === 'acknowledged');
      const notAcked = outcomes.filter((o) => o.outcome.kind !== 'acknowledged');
      // The server never answered anything but success before it died: every other request lost its connection.
      expect(outcomes.filter((o) => o.outcome.kind === 'answered').map((o) => o.outcome)).toEqual([]);
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(notAcked.length).toBeGreaterThan(0);

      // Restart on the same database (the demo data is not loaded twice).
      const restarting = Date.now();
      server = await startBuiltServer(env);
      const restarted = Date.now();
      expect(server.output()).not.toContain('Loaded the demo data.');

      type Row = {
        id: number;
        project_id: number;
        version: number;
        in_ordinance: boolean;
        ordinance_budget: string;
        disbursed: string;
        status: string;
        unable_reason: string | null;
        unable_reason_text: string | null;
      };
      const projectIds = projects.map((project) => project.id);
      const reportsNow = async () =>
        new Map(
          (
            await pg.query<Row>(
              `SELECT id, project_id, version, in_ordinance, ordinance_budget::text, disbursed::text, status,
                      unable_reason, unable_reason_text
                 FROM report WHERE project_id = ANY($1)`,
              [projectIds],
            )
          ).rows.map((row) => [row.project_id, row]),
        );
      const valuesOfRow = (row: Omit<Row, 'id' | 'project_id' | 'version'>) => ({
        inOrdinance: row.in_ordinance,
        ordinanceBudget: row.ordinance_budget,
        disbursed: row.disbursed,
        status: row.status,
        unableReason: row.unable_reason,
        unableReasonText: row.unable_reason_text,
      });
      const revisionsOf = async () =>
        (
          await pg.query<Row & { report_id: number; submitted_by_account_id: string }>(
            `SELECT v.report_id, v.version, v.in_ordinance, v.ordinance_budget::text, v.disbursed::text, v.status,
                    v.unable_reason, v.unable_reason_text, v.submitted_by_account_id
               FROM report_revision v JOIN report r ON r.id = v.report_id WHERE r.project_id = ANY($1)`,
            [projectIds],
          )
        ).rows;
      const keysOf = async () =>
        (
          await pg.query<{ account_id: string; key: string; report_id: number }>(
            `SELECT account_id, key, report_id FROM idempotency_key WHERE key = ANY($1)`,
            [submissions.map((s) => s.input.idempotencyKey)],
          )
        ).rows;

      // Nothing half-written anywhere: a report has the revision of its version and a key, and vice versa.
      expect(await halfWritten(pg, projectIds)).toEqual([]);

      // Every acknowledged submission is there with the values sent, version 1, its revision and its key.
      const afterKill = await reportsNow();
      const revisionsAfterKill = new Map((await revisionsOf()).map((v) => [v.report_id, v]));
      const keysAfterKill = new Map((await keysOf()).map((k) => [k.key, k]));
      for (const { submission, outcome } of acked) {
        const row = afterKill.get(submission.projectId);
        expect({ id: row?.id, version: row?.version, ...(row ? valuesOfRow(row) : {}) }).toEqual({
          id: Number((outcome as { reportId: string }).reportId),
          version: 1,
          ...submission.expected,
        });
        const revision = revisionsAfterKill.get(row!.id);
        expect(revision && { version: revision.version, by: revision.submitted_by_account_id }).toEqual({
          version: 1,
          by: submission.accountId,
        });
        expect(valuesOfRow(revision!)).toEqual(submission.expected);
        expect(keysAfterKill.get(submission.input.idempotencyKey as string)).toEqual({
          account_id: submission.accountId,
          key: submission.input.idempotencyKey,
          report_id: row!.id,
        });
      }
      // Those never acknowledged are either wholly there (committed, answer lost) or wholly absent.
      const committedUnacknowledged = notAcked.filter((o) => afterKill.has(o.submission.projectId)).length;

      // Every committed submission, acknowledged or not, has its audit row (written in its transaction):
      // by its account, with its project and idempotency key; and the audit log's hash chain holds.
      const unaudited = async () => {
        const audited = new Set(
          (
            await pg.query<{ project: string; account_id: string }>(
              `SELECT arguments->'input'->>'projectId' AS project, account_id FROM audit_event
                WHERE operation = 'submitReport' AND outcome = 'OK'`,
            )
          ).rows.map((row) => `${row.project}|${row.account_id}`),
        );
        const reports = await reportsNow();
        return submissions
          .filter((s) => reports.has(s.projectId) && !audited.has(`${s.projectId}|${s.accountId}`))
          .map((s) => s.projectId);
      };
      expect(await unaudited()).toEqual([]);
      const chainOf = () =>
        verifyAuditChain(async (sql, parameters) => (await pg.query(sql, parameters)).rows);
      expect((await chainOf()).broken).toBeNull();

      // Retrying every submission with its own key succeeds once: the same report for the acknowledged ones.
      const second = server;
      const retrying = Date.now();
      const retried = await Promise.all(submissions.map((s) => submit(second.url, s)));
      const retryMs = Date.now() - retrying;
      expect(retried.filter((o) => o.kind !== 'acknowledged')).toEqual([]);
      const finalReports = await reportsNow();
      expect(finalReports.size).toBe(TOTAL);
      for (const [i, submission] of submissions.entries()) {
        const row = finalReports.get(submission.projectId)!;
        expect({ id: row.id, version: row.version, ...valuesOfRow(row) }).toEqual({
          id: Number((retried[i] as { reportId: string }).reportId),
          version: 1,
          ...submission.expected,
        });
      }
      for (const { submission, outcome } of acked) {
        expect(finalReports.get(submission.projectId)!.id).toBe(
          Number((outcome as { reportId: string }).reportId),
        );
      }
      const finalRevisions = await revisionsOf();
      expect(finalRevisions).toHaveLength(TOTAL);
      expect(new Set(finalRevisions.map((v) => v.report_id)).size).toBe(TOTAL);
      expect(await keysOf()).toHaveLength(TOTAL);
      expect(await halfWritten(pg, projectIds)).toEqual([]);
      expect(await unaudited()).toEqual([]);
      expect((await chainOf()).broken).toBeNull();

      // The per-LAO round summaries kept by triggers equal a recomputation.
      expect((await pg.query(summaryDriftSql)).rows).toEqual([]);
      const summary = await pg.query<{ reported: number }>(
        `SELECT reported FROM lao_round_summary WHERE fiscal_year = $1 AND round = 'SIX_MONTH' AND lao_id = ANY($2)`,
        [FISCAL_YEAR, laos.map((lao) => lao.id)],
      );
      expect(summary.rows.map((row) => row.reported)).toEqual(Array(LAOS).fill(PROJECTS_PER_LAO));

      testReport(
        `setup ${prepared - testStarted} ms, restart ${restarted - restarting} ms, retry of all ${TOTAL} ${retryMs} ms; ` +
          `kill -9 after ${killedAt - started} ms: ${acked.length}/${TOTAL} acknowledged, ` +
          `${committedUnacknowledged} committed but unacknowledged, ` +
          `${notAcked.length - committedUnacknowledged} lost and written by the retry`,
      );
      expect(await server.stop()).toBe(0);
      server = undefined;
    } finally {
      if (server) {
        server.kill('SIGKILL');
        await server.exited;
      }
      await pg.end().catch(() => undefined);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
