import { MigrationInterface, QueryRunner } from "typeorm";

export class PlansAndProjects1795311032798 implements MigrationInterface {
    name = 'PlansAndProjects1795311032798'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "change_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "entity_type" character varying(30) NOT NULL, "entity_id" character varying(40) NOT NULL, "lao_id" integer, "action" character varying(20) NOT NULL, "actor_account_id" uuid, "actor_name" character varying(200) NOT NULL, "actor_role" "public"."account_role", "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "before" jsonb, "after" jsonb, CONSTRAINT "PK_0ec064be863f2541f0d6f8fb94c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "change_event_entity_idx" ON "change_event"  ("entity_type", "entity_id") `);
        await queryRunner.query(`CREATE INDEX "change_event_lao_idx" ON "change_event"  ("lao_id", "at") `);
        await queryRunner.query(`CREATE TABLE "plan_cycle" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "name_th" character varying(200) NOT NULL, "start_year" smallint NOT NULL, "end_year" smallint NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "plan_cycle_years" CHECK ("start_year" BETWEEN 2500 AND 2700 AND "end_year" >= "start_year" AND "end_year" - "start_year" < 10), CONSTRAINT "PK_7e8c8d0a6e947c1589d06ed3042" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."plan_status" AS ENUM('DRAFT', 'SUBMITTED', 'PASSED', 'INCOMPLETE')`);
        await queryRunner.query(`CREATE TABLE "plan" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "cycle_id" integer NOT NULL, "status" "public"."plan_status" NOT NULL DEFAULT 'DRAFT', "submitted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54a2b686aed3b637654bf7ddbb3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "plan_lao_year_uq" ON "plan"  ("lao_id", "fiscal_year") `);
        await queryRunner.query(`CREATE TYPE "public"."assessment_verdict" AS ENUM('PASSED', 'INCOMPLETE')`);
        await queryRunner.query(`CREATE TABLE "assessment" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "plan_id" integer NOT NULL, "verdict" "public"."assessment_verdict" NOT NULL, "score_society" numeric(5,2) NOT NULL, "score_administration" numeric(5,2) NOT NULL, "score_participation" numeric(5,2) NOT NULL, "score_oversight" numeric(5,2) NOT NULL, "total_score" numeric(6,2) NOT NULL, "comments" text, "assessor_account_id" uuid NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "assessment_scores" CHECK ("score_society" BETWEEN 0 AND 100 AND "score_administration" BETWEEN 0 AND 100 AND "score_participation" BETWEEN 0 AND 100 AND "score_oversight" BETWEEN 0 AND 100), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "assessment_plan_idx" ON "assessment"  ("plan_id") `);
        await queryRunner.query(`CREATE TYPE "public"."work_type" AS ENUM('PROJECT', 'ACTIVITY', 'MEASURE', 'GUIDELINE')`);
        await queryRunner.query(`CREATE TYPE "public"."dimension" AS ENUM('SOCIETY', 'ADMINISTRATION', 'PARTICIPATION', 'OVERSIGHT')`);
        await queryRunner.query(`CREATE TYPE "public"."target_group" AS ENUM('POLITICAL_EXECUTIVES', 'LOCAL_COUNCIL_MEMBERS', 'OFFICIALS', 'CHILDREN_AND_YOUTH', 'PUBLIC', 'EDUCATIONAL_INSTITUTIONS', 'YOUTH_VOLUNTEERS', 'STATE_ENTERPRISES', 'LOCAL_GOVERNMENT_AGENCIES')`);
        await queryRunner.query(`CREATE TYPE "public"."review_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "project" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "lao_id" integer NOT NULL, "cycle_id" integer NOT NULL, "name" character varying(500) NOT NULL, "work_type" "public"."work_type" NOT NULL, "fiscal_years" smallint array NOT NULL, "quarters" smallint array NOT NULL, "primary_dimension" "public"."dimension" NOT NULL, "additional_dimensions" "public"."dimension" array NOT NULL DEFAULT '{}', "essence" text, "anti_corruption_budget" numeric(15,2) NOT NULL, "local_development_budget" numeric(15,2) NOT NULL, "target_groups" "public"."target_group" array NOT NULL DEFAULT '{}', "objectives" text, "remarks" text, "review_status" "public"."review_status" NOT NULL DEFAULT 'PENDING', "review_reason" text, "reviewed_by_account_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "project_years_quarters" CHECK (cardinality("fiscal_years") > 0 AND cardinality("quarters") > 0 AND "quarters" <@ '{1,2,3,4}'::smallint[]), CONSTRAINT "project_budgets" CHECK ("anti_corruption_budget" >= 0 AND "local_development_budget" >= 0), CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "project_lao_idx" ON "project"  ("lao_id") `);
        // Hand-written (synchronize: false): serves "projects running in fiscal year Y" (fiscal_years @> ARRAY[Y]).
        await queryRunner.query(`CREATE INDEX "project_years_idx" ON "project" USING gin ("fiscal_years")`);
        await queryRunner.query(`ALTER TABLE "plan" ADD CONSTRAINT "FK_17adad8cab15722412fd6266acc" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "plan" ADD CONSTRAINT "FK_7e8c8d0a6e947c1589d06ed3042" FOREIGN KEY ("cycle_id") REFERENCES "plan_cycle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD CONSTRAINT "FK_f77ac6936d1c58961ad7a89fdc4" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD CONSTRAINT "FK_b63db24808c16028adccfd7ecd7" FOREIGN KEY ("assessor_account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "project" ADD CONSTRAINT "FK_e280ef61e2bdb401cd371c32b0d" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "project" ADD CONSTRAINT "FK_ce892958a339703537f3ca496d6" FOREIGN KEY ("cycle_id") REFERENCES "plan_cycle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_ce892958a339703537f3ca496d6"`);
        await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_e280ef61e2bdb401cd371c32b0d"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_b63db24808c16028adccfd7ecd7"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_f77ac6936d1c58961ad7a89fdc4"`);
        await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_7e8c8d0a6e947c1589d06ed3042"`);
        await queryRunner.query(`ALTER TABLE "plan" DROP CONSTRAINT "FK_17adad8cab15722412fd6266acc"`);
        await queryRunner.query(`DROP INDEX "public"."project_years_idx"`);
        await queryRunner.query(`DROP INDEX "public"."project_lao_idx"`);
        await queryRunner.query(`DROP TABLE "project"`);
        await queryRunner.query(`DROP TYPE "public"."review_status"`);
        await queryRunner.query(`DROP TYPE "public"."target_group"`);
        await queryRunner.query(`DROP TYPE "public"."dimension"`);
        await queryRunner.query(`DROP TYPE "public"."work_type"`);
        await queryRunner.query(`DROP INDEX "public"."assessment_plan_idx"`);
        await queryRunner.query(`DROP TABLE "assessment"`);
        await queryRunner.query(`DROP TYPE "public"."assessment_verdict"`);
        await queryRunner.query(`DROP INDEX "public"."plan_lao_year_uq"`);
        await queryRunner.query(`DROP TABLE "plan"`);
        await queryRunner.query(`DROP TYPE "public"."plan_status"`);
        await queryRunner.query(`DROP TABLE "plan_cycle"`);
        await queryRunner.query(`DROP INDEX "public"."change_event_lao_idx"`);
        await queryRunner.query(`DROP INDEX "public"."change_event_entity_idx"`);
        await queryRunner.query(`DROP TABLE "change_event"`);
    }

}
