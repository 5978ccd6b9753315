import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { hashPassword } from '../../server/auth/password';
import { graphqlClient } from './graphql-client';

/**
 * Report submissions for fault tests (test/faults): LAOs of the demo data get an account, a passed
 * plan and approved projects, the year's 6-month round is opened, each LAO signs in, and every
 * project gets one submission with its own idempotency key and distinct values.
 */

export const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
  id projectId version status inOrdinance ordinanceBudget disbursed unableReason unableReasonText } }`;

export type Expected = {
  inOrdinance: boolean;
  ordinanceBudget: string;
  disbursed: string;
  status: string;
  unableReason: string | null;
  unableReasonText: string | null;
};

export type Submission = {
  index: number;
  token: string;
  accountId: string;
  projectId: number;
  laoId: number;
  input: Record<string, unknown>;
  expected: Expected;
};

export type Outcome =
  | { kind: 'acknowledged'; reportId: string }
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'failed'; error: string };

/** The values of submission `i`: all three statuses, both unable-reason shapes, distinct amounts. */
export const valuesOf = (i: number): Expected => {
  const status = ['IN_PROGRESS', 'COMPLETED', 'UNABLE'][i % 3];
  const unableReason = status === 'UNABLE' ? (i % 2 === 0 ? 'NO_BUDGET' : 'OTHER') : null;
  const unableReasonText = unableReason === 'OTHER' ? `เหตุอื่น ${i}` : null;
  return {
    inOrdinance: i % 2 === 0,
    ordinanceBudget: `${10_000 + i}.00`,
    disbursed: `${i}.50`,
    status,
    unableReason,
    unableReasonText,
  };
};

/** Sends one submission; `signal` bounds the wait (none by default). */
export const submit = async (url: string, submission: Submission, signal?: AbortSignal): Promise<Outcome> => {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${submission.token}` },
      body: JSON.stringify({ query: SUBMIT, variables: { input: submission.input } }),
      signal,
    });
    const body = await response.text();
    const json = JSON.parse(body) as { data?: { submitReport?: { id: string } } | null };
    const id = json.data?.submitReport?.id;
    if (response.status === 200 && id) return { kind: 'acknowledged', reportId: id };
    return { kind: 'answered', status: response.status, body };
  } catch (error) {
    return { kind: 'failed', error: String((error as { cause?: unknown }).cause ?? error) };
  }
};

export type SubmissionWorld = {
  laos: { id: number; code: string; name_th: string }[];
  projects: { id: number; lao_id: number }[];
  submissions: Submission[];
};

/**
 * Prepares `laoCount` LAOs × `projectsPerLao` projects of `fiscalYear` on the database `pg` is
 * connected to (the demo data loaded), signs each LAO in at `url`, and returns one submission per
 * project.
 */
export const prepareSubmissions = async (
  pg: Client,
  url: string,
  { laoCount, projectsPerLao, fiscalYear }: { laoCount: number; projectsPerLao: number; fiscalYear: number },
): Promise<SubmissionWorld> => {
  const password = `Fault-Test-Pass-${fiscalYear}`;
  const laos = (
    await pg.query<{ id: number; code: string; name_th: string }>(
      `SELECT id, code, name_th FROM lao
        WHERE id NOT IN (SELECT lao_id FROM account WHERE lao_id IS NOT NULL)
        ORDER BY id LIMIT $1`,
      [laoCount],
    )
  ).rows;
  if (laos.length !== laoCount) throw new Error(`Only ${laos.length} LAOs without an account`);
  const passwordHash = await hashPassword(password, { memoryCost: 1024, timeCost: 1 });
  const {
    rows: [cycle],
  } = await pg.query<{ id: number }>(`SELECT id FROM plan_cycle WHERE start_year <= $1 AND end_year >= $1`, [
    fiscalYear,
  ]);
  await pg.query('BEGIN');
  for (const lao of laos) {
    await pg.query(
      `INSERT INTO account (username, role, display_name, lao_id, password_hash, activated_at, password_changed_at)
       VALUES ($1, 'LAO', $2, $3, $4, now(), now())`,
      [lao.code, lao.name_th, lao.id, passwordHash],
    );
    await pg.query(
      `INSERT INTO plan (lao_id, fiscal_year, cycle_id, status, submitted_at, version)
       VALUES ($1, $2, $3, 'PASSED', now(), 1)`,
      [lao.id, fiscalYear, cycle.id],
    );
    await pg.query(
      `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                            anti_corruption_budget, local_development_budget, review_status, reviewed_at, version)
       SELECT $1, $2, 'โครงการทดสอบความทนทาน ' || n, 'PROJECT', ARRAY[$3]::smallint[], '{1}',
              'SOCIETY', 1000, 1000, 'APPROVED', now(), 1
         FROM generate_series(1, $4::int) AS n`,
      [lao.id, cycle.id, fiscalYear, projectsPerLao],
    );
  }
  const opened = await pg.query(
    `UPDATE reporting_round SET opens_at = now() - interval '1 day', closes_at = now() + interval '30 days'
      WHERE fiscal_year = $1 AND kind = 'SIX_MONTH'`,
    [fiscalYear],
  );
  if (opened.rowCount !== 1) throw new Error(`No 6-month round of ${fiscalYear}`);
  await pg.query('COMMIT');

  const sessions = new Map<number, { token: string; accountId: string }>();
  for (const lao of laos) {
    const login = await graphqlClient(url)(
      `mutation($input: LoginInput!) { login(input: $input) { token } }`,
      { input: { username: lao.code, password } },
    );
    if (login.errors) throw new Error(`Sign-in of ${lao.code} failed: ${JSON.stringify(login.errors)}`);
    const {
      rows: [account],
    } = await pg.query<{ id: string }>('SELECT id FROM account WHERE lao_id = $1', [lao.id]);
    sessions.set(lao.id, { token: login.data?.login.token, accountId: account.id });
  }
  const projects = (
    await pg.query<{ id: number; lao_id: number }>(
      `SELECT id, lao_id FROM project WHERE fiscal_years @> ARRAY[$1]::smallint[] AND lao_id = ANY($2) ORDER BY id`,
      [fiscalYear, laos.map((lao) => lao.id)],
    )
  ).rows;
  const submissions = projects.map((project, index): Submission => {
    const expected = valuesOf(index);
    const session = sessions.get(project.lao_id)!;
    return {
      index,
      token: session.token,
      accountId: session.accountId,
      projectId: project.id,
      laoId: project.lao_id,
      expected,
      input: {
        projectId: String(project.id),
        fiscalYear,
        round: 'SIX_MONTH',
        ...expected,
        idempotencyKey: randomUUID(),
      },
    };
  });
  return { laos, projects, submissions };
};

/** The stored report of each project (values as submitted), by project id. */
export const storedReports = async (pg: Client, projectIds: number[]) =>
  new Map(
    (
      await pg.query<{
        id: number;
        project_id: number;
        version: number;
        in_ordinance: boolean;
        ordinance_budget: string;
        disbursed: string;
        status: string;
        unable_reason: string | null;
        unable_reason_text: string | null;
      }>(
        `SELECT id, project_id, version, in_ordinance, ordinance_budget::text, disbursed::text, status,
                unable_reason, unable_reason_text
           FROM report WHERE project_id = ANY($1)`,
        [projectIds],
      )
    ).rows.map((row) => [
      row.project_id,
      {
        id: row.id,
        version: row.version,
        values: {
          inOrdinance: row.in_ordinance,
          ordinanceBudget: row.ordinance_budget,
          disbursed: row.disbursed,
          status: row.status,
          unableReason: row.unable_reason,
          unableReasonText: row.unable_reason_text,
        } satisfies Expected,
      },
    ]),
  );

/** Reports, revisions and idempotency keys that are not whole (a report without its revision, …). */
export const halfWritten = async (pg: Client, projectIds: number[]) =>
  (
    await pg.query(
      `SELECT 'report without its revision' AS problem, r.id FROM report r
        WHERE NOT EXISTS (SELECT 1 FROM report_revision v WHERE v.report_id = r.id AND v.version = r.version)
       UNION ALL
       SELECT 'revision without its report', v.report_id FROM report_revision v
        WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.id = v.report_id)
       UNION ALL
       SELECT 'key without its report', k.report_id FROM idempotency_key k
        WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.id = k.report_id)
       UNION ALL
       SELECT 'report without a key', r.id FROM report r
        WHERE r.project_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM idempotency_key k WHERE k.report_id = r.id)`,
      [projectIds],
    )
  ).rows;
