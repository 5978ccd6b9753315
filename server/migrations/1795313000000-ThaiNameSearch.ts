import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Thai substring search of LAO names ("ดินทอง" finds องค์การบริหารส่วนตำบลดินทอง) with
 * ILIKE '%…%', served by a trigram index. pg_trgm ships with PostgreSQL; on a managed
 * server the extension may need to be enabled by an administrator first.
 */
export class ThaiNameSearch1795313000000 implements MigrationInterface {
  name = 'ThaiNameSearch1795313000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "lao_name_trgm_idx" ON "lao" USING gin ("name_th" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."lao_name_trgm_idx"`);
  }
}
