import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What staff accounts need before they can be managed: NACC's regional offices (ภาค 1–9,
 * legacy `provinces.area`) as data NACC central edits (rows written by the seeds, the first
 * administrator's set-up and the legacy import, not here: migrations leave every table empty,
 * which is what `db:restore` checks before loading), the regional-office role, the
 * administrator flag of central accounts, directory sign-in, a forced password change and a
 * second factor (TOTP). Every central account that existed before is an administrator: until
 * now every central account could do what administrators alone now do.
 */
export class StaffFoundation1795600000000 implements MigrationInterface {
    name = 'StaffFoundation1795600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."account_role" ADD VALUE IF NOT EXISTS 'NACC_REGION' AFTER 'NACC_PROVINCE'`);
        await queryRunner.query(`CREATE TABLE "region" ("id" smallint NOT NULL, "name_th" character varying(100) NOT NULL, "name_en" character varying(100) NOT NULL, CONSTRAINT "region_id_positive" CHECK ("id" > 0), CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "province" ADD "region_id" smallint`);
        await queryRunner.query(`CREATE INDEX "province_region_idx" ON "province" ("region_id") `);
        await queryRunner.query(`ALTER TABLE "province" ADD CONSTRAINT "FK_province_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account" ADD "administrator" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "account" ADD "region_id" smallint`);
        await queryRunner.query(`ALTER TABLE "account" ADD "uses_directory" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "account" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "account" ADD "totp_secret" text`);
        await queryRunner.query(`ALTER TABLE "account" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "FK_account_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "account_scope"`);
        // The new enum value cannot be used as an enum literal in the transaction that adds it: compared as text.
        await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "account_scope" CHECK (("role" <> 'LAO' OR "lao_id" IS NOT NULL) AND ("role" <> 'NACC_PROVINCE' OR "province_id" IS NOT NULL) AND ("role"::text <> 'NACC_REGION' OR "region_id" IS NOT NULL) AND (NOT "administrator" OR "role" = 'NACC_CENTRAL'))`);
        await queryRunner.query(`UPDATE "account" SET "administrator" = true WHERE "role" = 'NACC_CENTRAL'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "account" WHERE "role"::text = 'NACC_REGION'`);
        await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "account_scope"`);
        await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "account_scope" CHECK (("role" <> 'LAO' OR "lao_id" IS NOT NULL) AND ("role" <> 'NACC_PROVINCE' OR "province_id" IS NOT NULL))`);
        await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "FK_account_region"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_enabled_at"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "totp_secret"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "must_change_password"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "uses_directory"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "region_id"`);
        await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "administrator"`);
        await queryRunner.query(`ALTER TABLE "province" DROP CONSTRAINT "FK_province_region"`);
        await queryRunner.query(`DROP INDEX "public"."province_region_idx"`);
        await queryRunner.query(`ALTER TABLE "province" DROP COLUMN "region_id"`);
        await queryRunner.query(`DROP TABLE "region"`);
        // Postgres cannot drop one value of an enum: NACC_REGION stays in account_role, unused.
    }
}
