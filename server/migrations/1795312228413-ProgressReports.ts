import { MigrationInterface, QueryRunner } from "typeorm";

export class ProgressReports1795312228413 implements MigrationInterface {
    name = 'ProgressReports1795312228413'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."round_kind" AS ENUM('SIX_MONTH', 'TWELVE_MONTH')`);
        await queryRunner.query(`CREATE TYPE "public"."report_status" AS ENUM('IN_PROGRESS', 'COMPLETED', 'UNABLE')`);
        await queryRunner.query(`CREATE TYPE "public"."unable_reason" AS ENUM('NO_BUDGET', 'POLICY_CHANGED', 'INSUFFICIENT_PERSONNEL', 'OTHER')`);
        await queryRunner.query(`CREATE TABLE "report" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "project_id" integer NOT NULL, "lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "round" "public"."round_kind" NOT NULL, "in_ordinance" boolean NOT NULL, "ordinance_budget" numeric(15,2) NOT NULL, "disbursed" numeric(15,2) NOT NULL, "status" "public"."report_status" NOT NULL, "unable_reason" "public"."unable_reason", "unable_reason_text" text, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "report_unable_reason" CHECK (("status" = 'UNABLE') = ("unable_reason" IS NOT NULL) AND ("unable_reason" <> 'OTHER' OR "unable_reason_text" IS NOT NULL)), CONSTRAINT "report_amounts" CHECK ("ordinance_budget" >= 0 AND "disbursed" >= 0), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "report_lao_year_round_idx" ON "report"  ("lao_id", "fiscal_year", "round") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "report_project_year_round_uq" ON "report"  ("project_id", "fiscal_year", "round") `);
        await queryRunner.query(`CREATE TABLE "report_revision" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "report_id" integer NOT NULL, "version" integer NOT NULL, "in_ordinance" boolean NOT NULL, "ordinance_budget" numeric(15,2) NOT NULL, "disbursed" numeric(15,2) NOT NULL, "status" "public"."report_status" NOT NULL, "unable_reason" "public"."unable_reason", "unable_reason_text" text, "submitted_by_name" character varying(200) NOT NULL, "submitted_by_account_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98400e46983adc5151c1450c475" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "report_revision_report_idx" ON "report_revision"  ("report_id", "version") `);
        await queryRunner.query(`CREATE TABLE "idempotency_key" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "payload_hash" character(64) NOT NULL, "report_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_213f125e14469be304f9ff1d452" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "idempotency_key_account_key_uq" ON "idempotency_key"  ("account_id", "key") `);
        await queryRunner.query(`CREATE TABLE "round_reminder" ("round_id" integer NOT NULL, "lao_id" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b49a7fe1f755cf07a02d198a6b1" PRIMARY KEY ("round_id", "lao_id"))`);
        await queryRunner.query(`CREATE TABLE "reporting_round" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "fiscal_year" smallint NOT NULL, "kind" "public"."round_kind" NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reporting_round_window" CHECK ("closes_at" > "opens_at"), CONSTRAINT "PK_6d46a33caebcd667aa0e884cb2e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "reporting_round_year_kind_uq" ON "reporting_round"  ("fiscal_year", "kind") `);
        await queryRunner.query(`CREATE TYPE "public"."extension_status" AS ENUM('REQUESTED', 'GRANTED', 'REFUSED')`);
        await queryRunner.query(`CREATE TABLE "round_extension" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "round_id" integer NOT NULL, "lao_id" integer NOT NULL, "status" "public"."extension_status" NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "decision_note" text, "requested_by_account_id" uuid NOT NULL, "decided_by_account_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "PK_dd6d693aae764235b347e4d90a2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "round_extension_round_lao_idx" ON "round_extension"  ("round_id", "lao_id") `);
        await queryRunner.query(`ALTER TABLE "report" ADD CONSTRAINT "FK_cfc0726a4fc592b32b12af66ce5" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "report_revision" ADD CONSTRAINT "FK_9ff9a230041667f0de4461d96e4" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "round_extension" ADD CONSTRAINT "FK_437c3985d5ce1d00eeab28b6579" FOREIGN KEY ("round_id") REFERENCES "reporting_round"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "round_extension" ADD CONSTRAINT "FK_58df25c5ee4113305c9183cce23" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "round_extension" DROP CONSTRAINT "FK_58df25c5ee4113305c9183cce23"`);
        await queryRunner.query(`ALTER TABLE "round_extension" DROP CONSTRAINT "FK_437c3985d5ce1d00eeab28b6579"`);
        await queryRunner.query(`ALTER TABLE "report_revision" DROP CONSTRAINT "FK_9ff9a230041667f0de4461d96e4"`);
        await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "FK_cfc0726a4fc592b32b12af66ce5"`);
        await queryRunner.query(`DROP INDEX "public"."round_extension_round_lao_idx"`);
        await queryRunner.query(`DROP TABLE "round_extension"`);
        await queryRunner.query(`DROP INDEX "public"."reporting_round_year_kind_uq"`);
        await queryRunner.query(`DROP TABLE "reporting_round"`);
        await queryRunner.query(`DROP TABLE "round_reminder"`);
        await queryRunner.query(`DROP INDEX "public"."idempotency_key_account_key_uq"`);
        await queryRunner.query(`DROP TABLE "idempotency_key"`);
        await queryRunner.query(`DROP INDEX "public"."report_revision_report_idx"`);
        await queryRunner.query(`DROP TABLE "report_revision"`);
        await queryRunner.query(`DROP INDEX "public"."report_project_year_round_uq"`);
        await queryRunner.query(`DROP INDEX "public"."report_lao_year_round_idx"`);
        await queryRunner.query(`DROP TABLE "report"`);
        await queryRunner.query(`DROP TYPE "public"."extension_status"`);
        await queryRunner.query(`DROP TYPE "public"."round_kind"`);
        await queryRunner.query(`DROP TYPE "public"."unable_reason"`);
        await queryRunner.query(`DROP TYPE "public"."report_status"`);
    }

}
