import { countedProjectSql } from './reporting-rules';

/*
 * The database functions that keep `lao_round_summary` (the per-LAO, per-round counts every
 * table reads), written once from the rulebook's "which projects count" (reporting-rules.ts).
 * test/api/report/summary-functions.test.ts compares the functions a fully migrated database
 * has with these texts, so the rulebook, the migrations and the database cannot drift apart.
 *
 * Changing the rule: edit reporting-rules.ts (the test then fails), then add a migration that
 * installs the new texts, printed by `npx ts-node server/scripts/summary-functions.ts`. Paste
 * them into the migration rather than importing this module: a migration is the SQL that ran
 * on the databases already migrated, and must not change with the code after it.
 */

/** Raises the data version of an LAO's province and year (cached tables of it recompute). */
const bumpVersion = `bump_aggregate_version((SELECT province_id FROM lao WHERE id = p_lao), p_year)`;

/** The body of `refresh_lao_summary(p_lao, p_year)`: one LAO's counts of one year, both rounds. */
export const refreshLaoSummaryBody = `
BEGIN
  PERFORM pg_advisory_xact_lock(7852, p_lao);
  INSERT INTO lao_round_summary AS s (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT p_lao, p_year, k.round,
         (SELECT count(*) FROM project p
           WHERE p.lao_id = p_lao AND p.fiscal_years @> ARRAY[p_year] AND ${countedProjectSql('p')})::int,
         count(r.id)::int,
         (count(r.id) FILTER (WHERE r.status = 'COMPLETED'))::int,
         (count(r.id) FILTER (WHERE r.status = 'IN_PROGRESS'))::int,
         (count(r.id) FILTER (WHERE r.status = 'UNABLE'))::int
    FROM unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (report r JOIN project p ON p.id = r.project_id
                AND p.fiscal_years @> ARRAY[p_year] AND ${countedProjectSql('p')})
      ON r.lao_id = p_lao AND r.fiscal_year = p_year AND r.round = k.round
   GROUP BY k.round
  ON CONFLICT (lao_id, fiscal_year, round) DO UPDATE
    SET eligible = EXCLUDED.eligible, reported = EXCLUDED.reported, completed = EXCLUDED.completed,
        in_progress = EXCLUDED.in_progress, unable = EXCLUDED.unable;
  PERFORM ${bumpVersion};
END `;

/** The body of `rebuild_lao_summaries()`: every summary from scratch (the national loader, restores). */
export const rebuildLaoSummariesBody = `
  TRUNCATE lao_round_summary;
  INSERT INTO lao_round_summary (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT e.lao_id, e.year, k.round, e.eligible,
         coalesce(r.reported, 0), coalesce(r.completed, 0), coalesce(r.in_progress, 0), coalesce(r.unable, 0)
    FROM (SELECT p.lao_id, y AS year, count(*) FILTER (WHERE ${countedProjectSql('p')})::int AS eligible
            FROM project p, unnest(p.fiscal_years) AS y GROUP BY p.lao_id, y) e
   CROSS JOIN unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (SELECT r.lao_id, r.fiscal_year, r.round, count(*)::int AS reported,
                      (count(*) FILTER (WHERE r.status = 'COMPLETED'))::int AS completed,
                      (count(*) FILTER (WHERE r.status = 'IN_PROGRESS'))::int AS in_progress,
                      (count(*) FILTER (WHERE r.status = 'UNABLE'))::int AS unable
                 FROM report r JOIN project p ON p.id = r.project_id
                  AND ${countedProjectSql('p')} AND p.fiscal_years @> ARRAY[r.fiscal_year]
                GROUP BY r.lao_id, r.fiscal_year, r.round) r
      ON r.lao_id = e.lao_id AND r.fiscal_year = e.year AND r.round = k.round;
  INSERT INTO aggregate_version (province_id, fiscal_year, version) SELECT id, 0, 1 FROM province
  ON CONFLICT (province_id, fiscal_year) DO UPDATE SET version = aggregate_version.version + 1;
`;

/** The statements that install both functions (CREATE OR REPLACE: a migration runs them). */
export const summaryFunctionStatements = [
  `CREATE OR REPLACE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$${refreshLaoSummaryBody}$$`,
  `CREATE OR REPLACE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$${rebuildLaoSummariesBody}$$`,
];

/** The live functions' bodies, to compare with the texts above. */
export const liveSummaryFunctionsSql = `
  SELECT proname AS name, prosrc AS body FROM pg_proc
   WHERE proname IN ('refresh_lao_summary', 'rebuild_lao_summaries') ORDER BY proname`;
