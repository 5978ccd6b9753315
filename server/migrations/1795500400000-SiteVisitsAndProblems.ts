import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Site visits of the provincial offices (นิเทศติดตาม) with their files (bytes in their own table,
 * so lists never read them), and the problems, obstacles and suggestions LAOs file with a round.
 */
export class SiteVisitsAndProblems1795500400000 implements MigrationInterface {
    name = 'SiteVisitsAndProblems1795500400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "problem_report" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "round" "public"."round_kind" NOT NULL, "problems" text NOT NULL, "suggestions" text NOT NULL, "updated_by_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_bc56b5c43df58a813686cc10d8d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "problem_report_year_round_idx" ON "problem_report"  ("fiscal_year", "round") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "problem_report_lao_year_round_uq" ON "problem_report"  ("lao_id", "fiscal_year", "round") `);
        await queryRunner.query(`CREATE TYPE "public"."site_visit_status" AS ENUM('PLANNED', 'DONE')`);
        await queryRunner.query(`CREATE TABLE "site_visit" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "status" "public"."site_visit_status" NOT NULL, "planned_on" date, "visited_on" date, "officers" text NOT NULL DEFAULT '', "findings" text NOT NULL DEFAULT '', "recommendations" text NOT NULL DEFAULT '', "updated_by_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "site_visit_planned_date" CHECK ("status" <> 'PLANNED' OR "planned_on" IS NOT NULL), CONSTRAINT "site_visit_done_date" CHECK ("status" <> 'DONE' OR "visited_on" IS NOT NULL), CONSTRAINT "PK_dff6f1caf7b5b14f31747b1c337" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "site_visit_year_idx" ON "site_visit"  ("fiscal_year", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "site_visit_lao_year_uq" ON "site_visit"  ("lao_id", "fiscal_year") `);
        await queryRunner.query(`CREATE TABLE "site_visit_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_visit_id" integer NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by_account_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f3f269efae3e8605f84864f146" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "site_visit_file_visit_idx" ON "site_visit_file"  ("site_visit_id") `);
        await queryRunner.query(`CREATE TABLE "site_visit_file_content" ("file_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_7e23e6c3608fdc9e170c2cce76f" PRIMARY KEY ("file_id"))`);
        await queryRunner.query(`ALTER TABLE "problem_report" ADD CONSTRAINT "FK_295ac4fabfe1f3b23e8acb87257" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "site_visit" ADD CONSTRAINT "FK_ec305c54e8712d39ba9deaee128" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "site_visit_file" ADD CONSTRAINT "FK_08cf5858523f922b89a50014d56" FOREIGN KEY ("site_visit_id") REFERENCES "site_visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "site_visit_file_content" ADD CONSTRAINT "FK_7e23e6c3608fdc9e170c2cce76f" FOREIGN KEY ("file_id") REFERENCES "site_visit_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // The province table's visit mark is part of its cached answers: a visit planned, done or
        // removed raises the data version of its province and year, as a plan's status does.
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER site_visit_aggregate_version AFTER INSERT OR DELETE OR UPDATE OF status ON site_visit DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plan_aggregate_trigger()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER site_visit_aggregate_version ON site_visit`);
        await queryRunner.query(`ALTER TABLE "site_visit_file_content" DROP CONSTRAINT "FK_7e23e6c3608fdc9e170c2cce76f"`);
        await queryRunner.query(`ALTER TABLE "site_visit_file" DROP CONSTRAINT "FK_08cf5858523f922b89a50014d56"`);
        await queryRunner.query(`ALTER TABLE "site_visit" DROP CONSTRAINT "FK_ec305c54e8712d39ba9deaee128"`);
        await queryRunner.query(`ALTER TABLE "problem_report" DROP CONSTRAINT "FK_295ac4fabfe1f3b23e8acb87257"`);
        await queryRunner.query(`DROP TABLE "site_visit_file_content"`);
        await queryRunner.query(`DROP INDEX "public"."site_visit_file_visit_idx"`);
        await queryRunner.query(`DROP TABLE "site_visit_file"`);
        await queryRunner.query(`DROP INDEX "public"."site_visit_lao_year_uq"`);
        await queryRunner.query(`DROP INDEX "public"."site_visit_year_idx"`);
        await queryRunner.query(`DROP TABLE "site_visit"`);
        await queryRunner.query(`DROP TYPE "public"."site_visit_status"`);
        await queryRunner.query(`DROP INDEX "public"."problem_report_lao_year_round_uq"`);
        await queryRunner.query(`DROP INDEX "public"."problem_report_year_round_idx"`);
        await queryRunner.query(`DROP TABLE "problem_report"`);
    }

}
