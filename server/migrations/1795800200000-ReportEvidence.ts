import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence of progress reports (issue 26): photos and documents an LAO attaches to a report,
 * kept like site-visit files (description in `report_evidence`, bytes and the thumbnail of an
 * image in `report_evidence_content`, so lists never read them). Only an image may be public.
 */
export class ReportEvidence1795800200000 implements MigrationInterface {
    name = 'ReportEvidence1795800200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "report_evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" integer NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "has_thumbnail" boolean NOT NULL DEFAULT false, "is_public" boolean NOT NULL DEFAULT false, "uploaded_by_account_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "report_evidence_public_image" CHECK (NOT "is_public" OR "content_type" LIKE 'image/%'), CONSTRAINT "PK_80034d7b5ae16baaee975e041ba" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "report_evidence_report_idx" ON "report_evidence"  ("report_id") `);
        await queryRunner.query(`CREATE TABLE "report_evidence_content" ("evidence_id" uuid NOT NULL, "content" bytea NOT NULL, "thumbnail" bytea, CONSTRAINT "PK_4af1b0f74d8989783d39d7045e0" PRIMARY KEY ("evidence_id"))`);
        await queryRunner.query(`ALTER TABLE "report_evidence" ADD CONSTRAINT "FK_a0a45277a6df8b2a29484d50f6d" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "report_evidence_content" ADD CONSTRAINT "FK_4af1b0f74d8989783d39d7045e0" FOREIGN KEY ("evidence_id") REFERENCES "report_evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "report_evidence_content" DROP CONSTRAINT "FK_4af1b0f74d8989783d39d7045e0"`);
        await queryRunner.query(`ALTER TABLE "report_evidence" DROP CONSTRAINT "FK_a0a45277a6df8b2a29484d50f6d"`);
        await queryRunner.query(`DROP TABLE "report_evidence_content"`);
        await queryRunner.query(`DROP INDEX "public"."report_evidence_report_idx"`);
        await queryRunner.query(`DROP TABLE "report_evidence"`);
    }
}
