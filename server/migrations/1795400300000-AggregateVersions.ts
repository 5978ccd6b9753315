import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Per-province data versions for the aggregate cache (server/modules/analytics/aggregate-cache.ts).
 * Raised at commit (deferred constraint triggers, like the summaries) by whatever changes what
 * the statistics and implementation tables count: reports and project reviews (through
 * `refresh_lao_summary`), plan states, LAO master data.
 */
export class AggregateVersions1795400300000 implements MigrationInterface {
    name = 'AggregateVersions1795400300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "aggregate_version" ("province_id" smallint NOT NULL, "version" bigint NOT NULL, CONSTRAINT "PK_5bd08a5ba177b38378170dcbdf6" PRIMARY KEY ("province_id"))`);
        await queryRunner.query(`CREATE FUNCTION bump_aggregate_version(p_province smallint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO aggregate_version (province_id, version) VALUES (p_province, 1)
  ON CONFLICT (province_id) DO UPDATE SET version = aggregate_version.version + 1;
$$`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
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
  PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = p_lao));
END $$`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$
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
  INSERT INTO aggregate_version (province_id, version) SELECT id, 1 FROM province
  ON CONFLICT (province_id) DO UPDATE SET version = aggregate_version.version + 1;
$$`);
        await queryRunner.query(`CREATE FUNCTION plan_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = coalesce(NEW.lao_id, OLD.lao_id)));
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE FUNCTION lao_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM bump_aggregate_version(OLD.province_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM bump_aggregate_version(NEW.province_id); END IF;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER plan_aggregate_version AFTER INSERT OR DELETE OR UPDATE OF status ON plan DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plan_aggregate_trigger()`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER lao_aggregate_version AFTER INSERT OR DELETE OR UPDATE OF type, size, province_id, district_id ON lao DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lao_aggregate_trigger()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER lao_aggregate_version ON lao`);
        await queryRunner.query(`DROP TRIGGER plan_aggregate_version ON plan`);
        await queryRunner.query(`DROP FUNCTION lao_aggregate_trigger()`);
        await queryRunner.query(`DROP FUNCTION plan_aggregate_trigger()`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
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
        await queryRunner.query(`CREATE OR REPLACE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$
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
        await queryRunner.query(`DROP FUNCTION bump_aggregate_version(smallint)`);
        await queryRunner.query(`DROP TABLE "aggregate_version"`);
    }
}
