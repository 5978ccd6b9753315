import { MigrationInterface, QueryRunner } from "typeorm";

/** The two summary trigger functions, calling `refresh` for each (LAO, year) a row touches. */
const triggerBodies = (refresh: string) => [
  `CREATE OR REPLACE FUNCTION project_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  year smallint;
  lao integer := coalesce(NEW.lao_id, OLD.lao_id);
BEGIN
  FOR year IN
    SELECT DISTINCT y FROM unnest(coalesce(OLD.fiscal_years, '{}') || coalesce(NEW.fiscal_years, '{}')) AS y ORDER BY y
  LOOP
    PERFORM ${refresh}(lao, year);
  END LOOP;
  RETURN NULL;
END $$`,
  `CREATE OR REPLACE FUNCTION report_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ${refresh}(coalesce(NEW.lao_id, OLD.lao_id), coalesce(NEW.fiscal_year, OLD.fiscal_year));
  RETURN NULL;
END $$`,
];

/**
 * The deferred summary triggers refresh each (LAO, fiscal year) once per firing instead of
 * once per written row: a 200-project import inserted 200 rows and refreshed the same LAO's
 * summaries hundreds of times at commit. Deferred triggers fire after every write of the
 * transaction, so the first refresh of a pair already sees its final state and later rows of
 * the same pair have nothing to add. The pairs done are kept in a transaction-local setting,
 * stamped with the statement that fires them (COMMIT, or a SET CONSTRAINTS … IMMEDIATE
 * earlier in the transaction, after which new writes must refresh again).
 */
export class SummaryRefreshOncePerCommit1795400600000 implements MigrationInterface {
    name = 'SummaryRefreshOncePerCommit1795400600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION refresh_lao_summary_once(p_lao integer, p_year smallint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  stamp text := statement_timestamp()::text;
  done text := coalesce(current_setting('lao_summary.refreshed', true), '');
  pair text := ',' || p_lao || ':' || p_year || ',';
BEGIN
  IF split_part(done, '|', 1) <> stamp THEN
    done := stamp || '|,';
  ELSIF strpos(done, pair) > 0 THEN
    RETURN;
  END IF;
  PERFORM refresh_lao_summary(p_lao, p_year);
  PERFORM set_config('lao_summary.refreshed', done || substr(pair, 2), true);
END $$`);
        for (const body of triggerBodies('refresh_lao_summary_once')) await queryRunner.query(body);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const body of triggerBodies('refresh_lao_summary')) await queryRunner.query(body);
        await queryRunner.query(`DROP FUNCTION refresh_lao_summary_once(integer, smallint)`);
    }
}
