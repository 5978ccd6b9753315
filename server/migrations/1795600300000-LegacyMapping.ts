import { MigrationInterface, QueryRunner } from "typeorm";

/** The e-PlanNACC importer's map of legacy ids to ours (`npm run legacy:import`, LEGACY.md §5). */
export class LegacyMapping1795600300000 implements MigrationInterface {
    name = 'LegacyMapping1795600300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "legacy_mapping" ("kind" character varying(40) NOT NULL, "legacy_id" character varying(100) NOT NULL, "new_id" character varying(64) NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_legacy_mapping" PRIMARY KEY ("kind", "legacy_id"))`);
        await queryRunner.query(`CREATE INDEX "legacy_mapping_new_idx" ON "legacy_mapping" ("kind", "new_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."legacy_mapping_new_idx"`);
        await queryRunner.query(`DROP TABLE "legacy_mapping"`);
    }
}
