import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Whole answers of the aggregate tables are cached by data version
 * (server/graphql/aggregate-response-cache.ts), and they name LAOs, districts and
 * provinces: an LAO's code and Thai name now raise its province's version too, and any
 * change to the province or district tables (master data, rare) raises every version.
 */
export class AggregateVersionsOfNames1795400400000 implements MigrationInterface {
    name = 'AggregateVersionsOfNames1795400400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER lao_aggregate_version ON lao`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER lao_aggregate_version AFTER INSERT OR DELETE OR UPDATE OF type, size, province_id, district_id, code, name_th ON lao DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lao_aggregate_trigger()`);
        await queryRunner.query(`CREATE FUNCTION geo_aggregate_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE aggregate_version SET version = version + 1;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE TRIGGER province_aggregate_version AFTER INSERT OR UPDATE OR DELETE ON province FOR EACH STATEMENT EXECUTE FUNCTION geo_aggregate_trigger()`);
        await queryRunner.query(`CREATE TRIGGER district_aggregate_version AFTER INSERT OR UPDATE OR DELETE ON district FOR EACH STATEMENT EXECUTE FUNCTION geo_aggregate_trigger()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER district_aggregate_version ON district`);
        await queryRunner.query(`DROP TRIGGER province_aggregate_version ON province`);
        await queryRunner.query(`DROP FUNCTION geo_aggregate_trigger()`);
        await queryRunner.query(`DROP TRIGGER lao_aggregate_version ON lao`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER lao_aggregate_version AFTER INSERT OR DELETE OR UPDATE OF type, size, province_id, district_id ON lao DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lao_aggregate_trigger()`);
    }
}
