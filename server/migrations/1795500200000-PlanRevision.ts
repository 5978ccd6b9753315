import { MigrationInterface, QueryRunner } from "typeorm";

/** The summary functions as the reporting rulebook builds them since withdrawn projects count nowhere. */
const summaryFunctions = [
  `CREATE OR REPLACE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7852, p_lao);
  INSERT INTO lao_round_summary AS s (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT p_lao, p_year, k.round,
         (SELECT count(*) FROM project p
           WHERE p.lao_id = p_lao AND p.fiscal_years @> ARRAY[p_year] AND (p.review_status <> 'REJECTED' AND p.withdrawn_at IS NULL))::int,
         count(r.id)::int,
         (count(r.id) FILTER (WHERE r.status = 'COMPLETED'))::int,
         (count(r.id) FILTER (WHERE r.status = 'IN_PROGRESS'))::int,
         (count(r.id) FILTER (WHERE r.status = 'UNABLE'))::int
    FROM unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (report r JOIN project p ON p.id = r.project_id
                AND p.fiscal_years @> ARRAY[p_year] AND (p.review_status <> 'REJECTED' AND p.withdrawn_at IS NULL))
      ON r.lao_id = p_lao AND r.fiscal_year = p_year AND r.round = k.round
   GROUP BY k.round
  ON CONFLICT (lao_id, fiscal_year, round) DO UPDATE
    SET eligible = EXCLUDED.eligible, reported = EXCLUDED.reported, completed = EXCLUDED.completed,
        in_progress = EXCLUDED.in_progress, unable = EXCLUDED.unable;
  PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = p_lao), p_year);
END $$`,
  `CREATE OR REPLACE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$
  TRUNCATE lao_round_summary;
  INSERT INTO lao_round_summary (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT e.lao_id, e.year, k.round, e.eligible,
         coalesce(r.reported, 0), coalesce(r.completed, 0), coalesce(r.in_progress, 0), coalesce(r.unable, 0)
    FROM (SELECT p.lao_id, y AS year, count(*) FILTER (WHERE (p.review_status <> 'REJECTED' AND p.withdrawn_at IS NULL))::int AS eligible
            FROM project p, unnest(p.fiscal_years) AS y GROUP BY p.lao_id, y) e
   CROSS JOIN unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (SELECT r.lao_id, r.fiscal_year, r.round, count(*)::int AS reported,
                      (count(*) FILTER (WHERE r.status = 'COMPLETED'))::int AS completed,
                      (count(*) FILTER (WHERE r.status = 'IN_PROGRESS'))::int AS in_progress,
                      (count(*) FILTER (WHERE r.status = 'UNABLE'))::int AS unable
                 FROM report r JOIN project p ON p.id = r.project_id
                  AND (p.review_status <> 'REJECTED' AND p.withdrawn_at IS NULL) AND p.fiscal_years @> ARRAY[r.fiscal_year]
                GROUP BY r.lao_id, r.fiscal_year, r.round) r
      ON r.lao_id = e.lao_id AND r.fiscal_year = e.year AND r.round = k.round;
  INSERT INTO aggregate_version (province_id, fiscal_year, version) SELECT id, 0, 1 FROM province
  ON CONFLICT (province_id, fiscal_year) DO UPDATE SET version = aggregate_version.version + 1;
$$`,
];

/** The same functions before: only rejected projects were left out. */
const previousSummaryFunctions = summaryFunctions.map((statement) =>
  statement.replace(/\(p\.review_status <> 'REJECTED' AND p\.withdrawn_at IS NULL\)/g, "p.review_status <> 'REJECTED'"),
);

/**
 * Plan revision (issue 23): an LAO withdraws an approved project from its plan with a reason
 * (ถอนออกจากแผน) instead of deleting it. The project keeps its row and reports; from then on it
 * counts nowhere, so the summary functions leave it out (reporting-rules.ts, `countedProjectSql`)
 * and the summary trigger also fires when `withdrawn_at` changes. No project is withdrawn when
 * this runs (the column is new), so no summary changes and none needs recounting here.
 */
export class PlanRevision1795500200000 implements MigrationInterface {
    name = 'PlanRevision1795500200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "project" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "project" ADD "withdrawal_reason" text`);
        await queryRunner.query(`ALTER TABLE "project" ADD "withdrawn_by_account_id" uuid`);
        await queryRunner.query(`ALTER TABLE "project" ADD CONSTRAINT "project_withdrawal" CHECK (("withdrawn_at" IS NULL) = ("withdrawal_reason" IS NULL))`);
        for (const statement of summaryFunctions) await queryRunner.query(statement);
        await queryRunner.query(`DROP TRIGGER project_summary ON project`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER project_summary AFTER INSERT OR DELETE OR UPDATE OF review_status, fiscal_years, withdrawn_at ON project DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION project_summary_trigger()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER project_summary ON project`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER project_summary AFTER INSERT OR DELETE OR UPDATE OF review_status, fiscal_years ON project DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION project_summary_trigger()`);
        for (const statement of previousSummaryFunctions) await queryRunner.query(statement);
        await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "project_withdrawal"`);
        await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "withdrawn_by_account_id"`);
        await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "withdrawal_reason"`);
        await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "withdrawn_at"`);
        await queryRunner.query(`SELECT rebuild_lao_summaries()`);
    }
}
