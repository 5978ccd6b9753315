import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Assessment scores as the legacy kept them (LEGACY.md §1.8): the LAO's self-assessment (L),
 * who assessed (a provincial office, P, or NACC central, M), the pass mark per fiscal year
 * (criterionscore) with the verdict it gave and any override, and the ITA score per LAO and
 * year (scoreita). Existing assessments take their level from their assessor's role.
 */
export class AssessmentScores1795500300000 implements MigrationInterface {
    name = 'AssessmentScores1795500300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "assessment_pass_mark" ("fiscal_year" smallint NOT NULL, "score" numeric(5,2) NOT NULL, "set_by_account_id" uuid NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "assessment_pass_mark_score" CHECK ("score" BETWEEN 0 AND 100), CONSTRAINT "PK_a91bc094d38670c92a60adbd0fc" PRIMARY KEY ("fiscal_year"))`);
        await queryRunner.query(`CREATE TABLE "self_assessment" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "plan_id" integer NOT NULL, "score_society" numeric(5,2) NOT NULL, "score_administration" numeric(5,2) NOT NULL, "score_participation" numeric(5,2) NOT NULL, "score_oversight" numeric(5,2) NOT NULL, "total_score" numeric(6,2) NOT NULL, "account_id" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "self_assessment_scores" CHECK ("score_society" BETWEEN 0 AND 25 AND "score_administration" BETWEEN 0 AND 25 AND "score_participation" BETWEEN 0 AND 25 AND "score_oversight" BETWEEN 0 AND 25), CONSTRAINT "PK_959d1493830e871c37291fa8f55" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "self_assessment_plan_idx" ON "self_assessment"  ("plan_id") `);
        await queryRunner.query(`CREATE TABLE "ita_score" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "lao_id" integer NOT NULL, "fiscal_year" smallint NOT NULL, "score" numeric(5,2) NOT NULL, "recorded_by_account_id" uuid NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ita_score_range" CHECK ("score" BETWEEN 0 AND 100), CONSTRAINT "PK_faef4f6d498ea1c3d3af2eb0f51" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ita_score_year_idx" ON "ita_score"  ("fiscal_year") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ita_score_lao_year_uq" ON "ita_score"  ("lao_id", "fiscal_year") `);
        await queryRunner.query(`CREATE TYPE "public"."score_level" AS ENUM('SELF', 'PROVINCIAL', 'CENTRAL')`);
        // Existing assessments: P when a provincial office's account made it, M otherwise.
        await queryRunner.query(`ALTER TABLE "assessment" ADD "level" "public"."score_level"`);
        await queryRunner.query(`UPDATE "assessment" a SET "level" = CASE WHEN ac."role" = 'NACC_PROVINCE' THEN 'PROVINCIAL'::score_level ELSE 'CENTRAL'::score_level END FROM "account" ac WHERE ac."id" = a."assessor_account_id"`);
        await queryRunner.query(`ALTER TABLE "assessment" ALTER COLUMN "level" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD "pass_mark" numeric(5,2)`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD "computed_verdict" "public"."assessment_verdict"`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD "override_reason" text`);
        await queryRunner.query(`ALTER TABLE "assessment_pass_mark" ADD CONSTRAINT "FK_2f870aeaabdf9737d7e6d239e97" FOREIGN KEY ("set_by_account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "self_assessment" ADD CONSTRAINT "FK_86407506aef207bc63a6b376c0e" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "self_assessment" ADD CONSTRAINT "FK_741b0c29dcbd0ade8f2d4e9bce5" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ita_score" ADD CONSTRAINT "FK_0d715f9701c6f7026afafda1ef2" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "ita_score" ADD CONSTRAINT "FK_cbb2904d8e35757b9aca41e78bd" FOREIGN KEY ("recorded_by_account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "ita_score" DROP CONSTRAINT "FK_cbb2904d8e35757b9aca41e78bd"`);
        await queryRunner.query(`ALTER TABLE "ita_score" DROP CONSTRAINT "FK_0d715f9701c6f7026afafda1ef2"`);
        await queryRunner.query(`ALTER TABLE "self_assessment" DROP CONSTRAINT "FK_741b0c29dcbd0ade8f2d4e9bce5"`);
        await queryRunner.query(`ALTER TABLE "self_assessment" DROP CONSTRAINT "FK_86407506aef207bc63a6b376c0e"`);
        await queryRunner.query(`ALTER TABLE "assessment_pass_mark" DROP CONSTRAINT "FK_2f870aeaabdf9737d7e6d239e97"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "override_reason"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "computed_verdict"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "pass_mark"`);
        await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "level"`);
        await queryRunner.query(`DROP TYPE "public"."score_level"`);
        await queryRunner.query(`DROP INDEX "public"."ita_score_lao_year_uq"`);
        await queryRunner.query(`DROP INDEX "public"."ita_score_year_idx"`);
        await queryRunner.query(`DROP TABLE "ita_score"`);
        await queryRunner.query(`DROP INDEX "public"."self_assessment_plan_idx"`);
        await queryRunner.query(`DROP TABLE "self_assessment"`);
        await queryRunner.query(`DROP TABLE "assessment_pass_mark"`);
    }
}
