import { MigrationInterface, QueryRunner } from "typeorm";

export class PartnerApi1795321228615 implements MigrationInterface {
    name = 'PartnerApi1795321228615'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."api_scope" AS ENUM('MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES')`);
        await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "organisation" character varying(200) NOT NULL, "scopes" "public"."api_scope" array NOT NULL, "province_ids" smallint array, "prefix" character varying(16) NOT NULL, "secret_digest" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_by_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "api_key_secret_digest_uq" ON "api_key"  ("secret_digest") `);
        await queryRunner.query(`CREATE TYPE "public"."sync_entity" AS ENUM('LAO', 'PLAN', 'PROJECT', 'REPORT')`);
        await queryRunner.query(`CREATE TABLE "deleted_record" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "entity" "public"."sync_entity" NOT NULL, "record_id" integer NOT NULL, "lao_id" integer, "province_id" smallint, "deleted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90343318b8809d75fa2ac2d485b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "deleted_record_deleted_at_idx" ON "deleted_record"  ("deleted_at", "id") `);
        await queryRunner.query(`CREATE INDEX "lao_updated_idx" ON "lao"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "plan_updated_idx" ON "plan"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "project_updated_idx" ON "project"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "report_updated_idx" ON "report"  ("updated_at", "id") `);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_d6f6179d4f58249bdef6a4eb522" FOREIGN KEY ("created_by_account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Sync: every write stamps updated_at with the transaction's start (now()), whatever the code path.
        await queryRunner.query(`CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$`);
        // Tombstones: every DELETE of a mirrored record leaves one, whatever the code path.
        await queryRunner.query(`CREATE FUNCTION record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'lao' THEN
    INSERT INTO deleted_record (entity, record_id, lao_id, province_id) VALUES ('LAO', OLD.id, OLD.id, OLD.province_id);
  ELSE
    INSERT INTO deleted_record (entity, record_id, lao_id, province_id)
    VALUES (upper(TG_TABLE_NAME)::sync_entity, OLD.id, OLD.lao_id, (SELECT province_id FROM lao WHERE id = OLD.lao_id));
  END IF;
  RETURN OLD;
END $$`);
        for (const table of ['lao', 'plan', 'project', 'report']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_touch BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_tombstone AFTER DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION record_deletion()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['lao', 'plan', 'project', 'report']) {
            await queryRunner.query(`DROP TRIGGER ${table}_touch ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER ${table}_tombstone ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION record_deletion()`);
        await queryRunner.query(`DROP FUNCTION touch_updated_at()`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_d6f6179d4f58249bdef6a4eb522"`);
        await queryRunner.query(`DROP INDEX "public"."report_updated_idx"`);
        await queryRunner.query(`DROP INDEX "public"."project_updated_idx"`);
        await queryRunner.query(`DROP INDEX "public"."plan_updated_idx"`);
        await queryRunner.query(`DROP INDEX "public"."lao_updated_idx"`);
        await queryRunner.query(`DROP INDEX "public"."deleted_record_deleted_at_idx"`);
        await queryRunner.query(`DROP TABLE "deleted_record"`);
        await queryRunner.query(`DROP TYPE "public"."sync_entity"`);
        await queryRunner.query(`DROP INDEX "public"."api_key_secret_digest_uq"`);
        await queryRunner.query(`DROP TABLE "api_key"`);
        await queryRunner.query(`DROP TYPE "public"."api_scope"`);
    }

}
