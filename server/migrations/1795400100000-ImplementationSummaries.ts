import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Per-LAO, per-round implementation counts kept current by triggers in the writing
 * transaction. `refresh_lao_summary` recomputes one LAO and year under a per-LAO
 * transaction lock, so concurrent writers for the same LAO queue instead of
 * overwriting each other's counts (each recount runs after the previous writer committed).
 */
export class ImplementationSummaries1795400100000 implements MigrationInterface {
    name = 'ImplementationSummaries1795400100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "lao_round_summary" ("lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "round" "public"."round_kind" NOT NULL, "eligible" integer NOT NULL, "reported" integer NOT NULL, "completed" integer NOT NULL, "in_progress" integer NOT NULL, "unable" integer NOT NULL, CONSTRAINT "PK_4d8986a94fd561907b94dace862" PRIMARY KEY ("lao_id", "fiscal_year", "round"))`);
        await queryRunner.query(`CREATE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7852, p_lao);
  INSERT INTO lao_round_summary AS s (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT p_lao, p_year, k.round,
         (SELECT count(*) FROM project p
           WHERE p.lao_id = p_lao AND p.fiscal_years @> ARRAY[p_year] AND p.review_status <> 'REJECTED')::int,
         count(r.id)::int,
         (count(r.id) FILTER (WHERE r.status = 'COMPLETED'))::int,
         (count(r.id) FILTER (WHERE r.status = 'IN_PROGRESS'))::int,
         (count(r.id) FILTER (WHERE r.status = 'UNABLE'))::int
    FROM unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (report r JOIN project p ON p.id = r.project_id
                AND p.fiscal_years @> ARRAY[p_year] AND p.review_status <> 'REJECTED')
      ON r.lao_id = p_lao AND r.fiscal_year = p_year AND r.round = k.round
   GROUP BY k.round
  ON CONFLICT (lao_id, fiscal_year, round) DO UPDATE
    SET eligible = EXCLUDED.eligible, reported = EXCLUDED.reported, completed = EXCLUDED.completed,
        in_progress = EXCLUDED.in_progress, unable = EXCLUDED.unable;
END $$`);
        await queryRunner.query(`CREATE FUNCTION project_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  year smallint;
  lao integer := coalesce(NEW.lao_id, OLD.lao_id);
BEGIN
  FOR year IN
    SELECT DISTINCT y FROM unnest(coalesce(OLD.fiscal_years, '{}') || coalesce(NEW.fiscal_years, '{}')) AS y ORDER BY y
  LOOP
    PERFORM refresh_lao_summary(lao, year);
  END LOOP;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE FUNCTION report_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_lao_summary(coalesce(NEW.lao_id, OLD.lao_id), coalesce(NEW.fiscal_year, OLD.fiscal_year));
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE TRIGGER project_summary AFTER INSERT OR DELETE OR UPDATE OF review_status, fiscal_years ON project FOR EACH ROW EXECUTE FUNCTION project_summary_trigger()`);
        await queryRunner.query(`CREATE TRIGGER report_summary AFTER INSERT OR DELETE OR UPDATE OF status, fiscal_year, round, project_id ON report FOR EACH ROW EXECUTE FUNCTION report_summary_trigger()`);
        // Bulk loads (the national dataset) switch the triggers off and call this once.
        await queryRunner.query(`CREATE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$
  TRUNCATE lao_round_summary;
  INSERT INTO lao_round_summary (lao_id, fiscal_year, round, eligible, reported, completed, in_progress, unable)
  SELECT e.lao_id, e.year, k.round, e.eligible,
         coalesce(r.reported, 0), coalesce(r.completed, 0), coalesce(r.in_progress, 0), coalesce(r.unable, 0)
    FROM (SELECT p.lao_id, y AS year, count(*) FILTER (WHERE p.review_status <> 'REJECTED')::int AS eligible
            FROM project p, unnest(p.fiscal_years) AS y GROUP BY p.lao_id, y) e
   CROSS JOIN unnest(enum_range(NULL::round_kind)) AS k(round)
    LEFT JOIN (SELECT r.lao_id, r.fiscal_year, r.round, count(*)::int AS reported,
                      (count(*) FILTER (WHERE r.status = 'COMPLETED'))::int AS completed,
                      (count(*) FILTER (WHERE r.status = 'IN_PROGRESS'))::int AS in_progress,
                      (count(*) FILTER (WHERE r.status = 'UNABLE'))::int AS unable
                 FROM report r JOIN project p ON p.id = r.project_id
                  AND p.review_status <> 'REJECTED' AND p.fiscal_years @> ARRAY[r.fiscal_year]
                GROUP BY r.lao_id, r.fiscal_year, r.round) r
      ON r.lao_id = e.lao_id AND r.fiscal_year = e.year AND r.round = k.round;
$$`);
        await queryRunner.query(`SELECT rebuild_lao_summaries()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER report_summary ON report`);
        await queryRunner.query(`DROP TRIGGER project_summary ON project`);
        await queryRunner.query(`DROP FUNCTION rebuild_lao_summaries()`);
        await queryRunner.query(`DROP FUNCTION report_summary_trigger()`);
        await queryRunner.query(`DROP FUNCTION project_summary_trigger()`);
        await queryRunner.query(`DROP FUNCTION refresh_lao_summary(integer, smallint)`);
        await queryRunner.query(`DROP TABLE "lao_round_summary"`);
    }

}
