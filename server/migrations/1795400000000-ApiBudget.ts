import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiBudget1795400000000 implements MigrationInterface {
    name = 'ApiBudget1795400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Per-caller GraphQL cost buckets (server/graphql/limits/budget.ts), written on every request.
        // UNLOGGED: no WAL per request; after a crash the table comes back empty, i.e. every bucket full
        // again, which is harmless. Fillfactor leaves room on each page for HOT updates of the same row.
        await queryRunner.query(`CREATE UNLOGGED TABLE "api_budget" ("bucket_key" text NOT NULL, "level" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_158045ec825fd898edc2d22a67a" PRIMARY KEY ("bucket_key")) WITH (fillfactor = 50)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "api_budget"`);
    }

}
