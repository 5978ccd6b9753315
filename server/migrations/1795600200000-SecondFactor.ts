import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The staff second factor: one-time recovery codes (SHA-256 digests; gone with their account),
 * half-finished sign-ins waiting for their code or an enrolment, and the last TOTP step an
 * account used (a code is never accepted twice).
 */
export class SecondFactor1795600200000 implements MigrationInterface {
    name = 'SecondFactor1795600200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "code_digest" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "recovery_code_account_digest_uq" ON "recovery_code"  ("account_id", "code_digest") `);
        await queryRunner.query(`CREATE TYPE "public"."sign_in_challenge_kind" AS ENUM('CODE', 'ENROLMENT')`);
        await queryRunner.query(`CREATE TABLE "sign_in_challenge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "kind" "public"."sign_in_challenge_kind" NOT NULL, "token_digest" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failed_attempts" smallint NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_399c0d285ec600395e4d88272f2" UNIQUE ("token_digest"), CONSTRAINT "PK_8accdbe71ed252cbbf967c43b83" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sign_in_challenge_account_idx" ON "sign_in_challenge"  ("account_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "account" ADD "totp_last_step" bigint`);
        await queryRunner.query(`ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_recovery_code_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sign_in_challenge" ADD CONSTRAINT "FK_sign_in_challenge_account" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sign_in_challenge" DROP CONSTRAINT "FK_sign_in_challenge_account"`);
        await queryRunner.query(`ALTER TABLE "recovery_code" DROP CONSTRAINT "FK_recovery_code_account"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_last_step"`);
        await queryRunner.query(`DROP INDEX "public"."sign_in_challenge_account_idx"`);
        await queryRunner.query(`DROP TABLE "sign_in_challenge"`);
        await queryRunner.query(`DROP TYPE "public"."sign_in_challenge_kind"`);
        await queryRunner.query(`DROP INDEX "public"."recovery_code_account_digest_uq"`);
        await queryRunner.query(`DROP TABLE "recovery_code"`);
    }

}
