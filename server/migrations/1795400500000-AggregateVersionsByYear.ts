import { MigrationInterface, QueryRunner } from "typeorm";

const refreshBody = (bump: string) => `CREATE OR REPLACE FUNCTION refresh_lao_summary(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
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
  PERFORM ${bump};
END $$`;

const rebuildBody = (bump: string) => `CREATE OR REPLACE FUNCTION rebuild_lao_summaries() RETURNS void LANGUAGE sql AS $$
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
  ${bump}
$$`;

/**
 * Data versions per province *and fiscal year*: a report of 2570 leaves every cached table
 * of 2569 valid (on deadline day NACC reads last year's tables while this year's reports
 * arrive). Fiscal year 0 is "every year": LAO master data and geography, which every
 * year's tables name. A table of year Y in province P is keyed by the versions of (P, Y)
 * and (P, 0); a national one by the sums over provinces of those.
 */
export class AggregateVersionsByYear1795400500000 implements MigrationInterface {
    name = 'AggregateVersionsByYear1795400500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The per-province versions so far become the "every year" ones (still raised by what raised them).
        await queryRunner.query(`ALTER TABLE "aggregate_version" ADD "fiscal_year" smallint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" ALTER COLUMN "fiscal_year" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" DROP CONSTRAINT "PK_5bd08a5ba177b38378170dcbdf6"`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" ADD CONSTRAINT "PK_7720201722b0061c36970459346" PRIMARY KEY ("province_id", "fiscal_year")`);
        await queryRunner.query(`CREATE FUNCTION bump_aggregate_version(p_province smallint, p_year smallint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO aggregate_version (province_id, fiscal_year, version) VALUES (p_province, p_year, 1)
  ON CONFLICT (province_id, fiscal_year) DO UPDATE SET version = aggregate_version.version + 1;
$$`);
        await queryRunner.query(refreshBody(`bump_aggregate_version((SELECT province_id FROM lao WHERE id = p_lao), p_year)`));
        await queryRunner.query(`CREATE OR REPLACE FUNCTION plan_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = OLD.lao_id), OLD.fiscal_year);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = NEW.lao_id), NEW.fiscal_year);
  END IF;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION lao_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM bump_aggregate_version(OLD.province_id, 0::smallint); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM bump_aggregate_version(NEW.province_id, 0::smallint); END IF;
  RETURN NULL;
END $$`);
        // Every province gets an "every year" row, so a version read never finds nothing to raise.
        await queryRunner.query(`CREATE OR REPLACE FUNCTION geo_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO aggregate_version (province_id, fiscal_year, version) SELECT id, 0, 1 FROM province
  ON CONFLICT (province_id, fiscal_year) DO UPDATE SET version = aggregate_version.version + 1;
  UPDATE aggregate_version SET version = version + 1 WHERE fiscal_year <> 0;
  RETURN NULL;
END $$`);
        await queryRunner.query(rebuildBody(`INSERT INTO aggregate_version (province_id, fiscal_year, version) SELECT id, 0, 1 FROM province
  ON CONFLICT (province_id, fiscal_year) DO UPDATE SET version = aggregate_version.version + 1;`));
        await queryRunner.query(`DROP FUNCTION bump_aggregate_version(smallint)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION bump_aggregate_version(p_province smallint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO aggregate_version (province_id, version) VALUES (p_province, 1)
  ON CONFLICT (province_id) DO UPDATE SET version = aggregate_version.version + 1;
$$`);
        await queryRunner.query(rebuildBody(`INSERT INTO aggregate_version (province_id, version) SELECT id, 1 FROM province
  ON CONFLICT (province_id) DO UPDATE SET version = aggregate_version.version + 1;`));
        await queryRunner.query(`CREATE OR REPLACE FUNCTION geo_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE aggregate_version SET version = version + 1;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION lao_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM bump_aggregate_version(OLD.province_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM bump_aggregate_version(NEW.province_id); END IF;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION plan_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_aggregate_version((SELECT province_id FROM lao WHERE id = coalesce(NEW.lao_id, OLD.lao_id)));
  RETURN NULL;
END $$`);
        await queryRunner.query(refreshBody(`bump_aggregate_version((SELECT province_id FROM lao WHERE id = p_lao))`));
        await queryRunner.query(`DROP FUNCTION bump_aggregate_version(smallint, smallint)`);
        // One version per province again: the highest of its years, plus one.
        await queryRunner.query(`CREATE TEMP TABLE aggregate_version_down AS SELECT province_id, max(version) + 1 AS version FROM aggregate_version GROUP BY province_id`);
        await queryRunner.query(`DELETE FROM aggregate_version`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" DROP CONSTRAINT "PK_7720201722b0061c36970459346"`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" DROP COLUMN "fiscal_year"`);
        await queryRunner.query(`ALTER TABLE "aggregate_version" ADD CONSTRAINT "PK_5bd08a5ba177b38378170dcbdf6" PRIMARY KEY ("province_id")`);
        await queryRunner.query(`INSERT INTO aggregate_version (province_id, version) SELECT province_id, version FROM aggregate_version_down`);
        await queryRunner.query(`DROP TABLE aggregate_version_down`);
    }
}
