import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The legacy form's fields we lacked (issue 23, docs/domain-decisions.md "Forms and fields"):
 * - project.uses_budget (legacy `non_budget`, 'Y' = has budget): existing rows with a positive
 *   budget use budget, the others (both budgets 0) are "without budget"; without budget, both
 *   amounts are 0 (check `project_without_budget`);
 * - project.other_target_group (legacy `target_group`, free text, "อื่น ๆ ระบุ");
 * - target groups 7 government agencies and 9 private business of the legacy's nine;
 * - report.remark and report_revision.remark (legacy `remark_report`).
 * `updated_at` is left alone: no field of what partners synced changed its meaning.
 */
export class LegacyFormFields1795500100000 implements MigrationInterface {
    name = 'LegacyFormFields1795500100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."target_group" ADD VALUE IF NOT EXISTS 'GOVERNMENT_AGENCIES' AFTER 'EDUCATIONAL_INSTITUTIONS'`);
        await queryRunner.query(`ALTER TYPE "public"."target_group" ADD VALUE IF NOT EXISTS 'PRIVATE_SECTOR' AFTER 'STATE_ENTERPRISES'`);
        await queryRunner.query(`ALTER TABLE "project" ADD "uses_budget" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`UPDATE "project" SET "uses_budget" = false WHERE "anti_corruption_budget" = 0 AND "local_development_budget" = 0`);
        await queryRunner.query(`ALTER TABLE "project" ADD "other_target_group" text`);
        await queryRunner.query(`ALTER TABLE "project" ADD CONSTRAINT "project_without_budget" CHECK ("uses_budget" OR ("anti_corruption_budget" = 0 AND "local_development_budget" = 0))`);
        await queryRunner.query(`ALTER TABLE "report" ADD "remark" text`);
        await queryRunner.query(`ALTER TABLE "report_revision" ADD "remark" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "report_revision" DROP COLUMN "remark"`);
        await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "remark"`);
        await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "project_without_budget"`);
        await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "other_target_group"`);
        await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "uses_budget"`);
        // Postgres cannot drop enum values: the type is made again without them.
        await queryRunner.query(`UPDATE "project" SET "target_groups" = array_remove(array_remove("target_groups", 'GOVERNMENT_AGENCIES'), 'PRIVATE_SECTOR') WHERE "target_groups" && ARRAY['GOVERNMENT_AGENCIES', 'PRIVATE_SECTOR']::"public"."target_group"[]`);
        await queryRunner.query(`ALTER TYPE "public"."target_group" RENAME TO "target_group_old"`);
        await queryRunner.query(`CREATE TYPE "public"."target_group" AS ENUM('POLITICAL_EXECUTIVES', 'LOCAL_COUNCIL_MEMBERS', 'OFFICIALS', 'CHILDREN_AND_YOUTH', 'PUBLIC', 'EDUCATIONAL_INSTITUTIONS', 'YOUTH_VOLUNTEERS', 'STATE_ENTERPRISES', 'LOCAL_GOVERNMENT_AGENCIES')`);
        await queryRunner.query(`ALTER TABLE "project" ALTER COLUMN "target_groups" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "project" ALTER COLUMN "target_groups" TYPE "public"."target_group"[] USING "target_groups"::text[]::"public"."target_group"[]`);
        await queryRunner.query(`ALTER TABLE "project" ALTER COLUMN "target_groups" SET DEFAULT '{}'`);
        await queryRunner.query(`DROP TYPE "public"."target_group_old"`);
    }
}
