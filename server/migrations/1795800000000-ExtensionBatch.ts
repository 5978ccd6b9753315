import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions in batch (server/modules/report/extension-batch.service.ts): NACC grants one reason and
 * one `until` to a province, a district or a list of LAOs. Each LAO gets an ordinary granted
 * `round_extension` linked to its batch by `batch_id`; revoking the batch marks them REVOKED.
 */
export class ExtensionBatch1795800000000 implements MigrationInterface {
  name = 'ExtensionBatch1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."extension_status" ADD VALUE IF NOT EXISTS 'REVOKED'`);
    await queryRunner.query(`CREATE TYPE "public"."extension_batch_scope" AS ENUM('PROVINCE', 'DISTRICT', 'LAOS')`);
    await queryRunner.query(
      `CREATE TABLE "extension_batch" (
        "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "round_id" integer NOT NULL CONSTRAINT "FK_0c5d0814b21b8726396e936a424" REFERENCES "reporting_round"("id") ON DELETE CASCADE,
        "scope" "public"."extension_batch_scope" NOT NULL,
        "province_id" smallint CONSTRAINT "FK_f60c9e4f84bdafb6b37ebfa0754" REFERENCES "province"("id"),
        "district_id" smallint CONSTRAINT "FK_8ff4722ed7921dc990034dd7e2a" REFERENCES "district"("id"),
        "province_ids" smallint[] NOT NULL,
        "reason" text NOT NULL,
        "until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "lao_count" integer NOT NULL,
        "granted_by_account_id" uuid NOT NULL,
        "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_by_account_id" uuid,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL
      )`,
    );
    await queryRunner.query(`CREATE INDEX "extension_batch_round_idx" ON "extension_batch" ("round_id")`);
    await queryRunner.query(
      `ALTER TABLE "round_extension" ADD "batch_id" integer CONSTRAINT "FK_eeb55c215a21ee5de73ba4520ab" REFERENCES "extension_batch"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `CREATE INDEX "round_extension_batch_idx" ON "round_extension" ("batch_id") WHERE "batch_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "round_extension_batch_idx"`);
    await queryRunner.query(`ALTER TABLE "round_extension" DROP COLUMN "batch_id"`);
    await queryRunner.query(`DROP TABLE "extension_batch"`);
    await queryRunner.query(`DROP TYPE "public"."extension_batch_scope"`);
    // PostgreSQL cannot drop one enum value: rebuild the type without REVOKED (revoked rows become REFUSED).
    await queryRunner.query(`UPDATE "round_extension" SET "status" = 'REFUSED' WHERE "status" = 'REVOKED'`);
    await queryRunner.query(`ALTER TYPE "public"."extension_status" RENAME TO "extension_status_old"`);
    await queryRunner.query(`CREATE TYPE "public"."extension_status" AS ENUM('REQUESTED', 'GRANTED', 'REFUSED')`);
    await queryRunner.query(
      `ALTER TABLE "round_extension" ALTER COLUMN "status" TYPE "public"."extension_status" USING "status"::text::"public"."extension_status"`,
    );
    await queryRunner.query(`DROP TYPE "public"."extension_status_old"`);
  }
}
