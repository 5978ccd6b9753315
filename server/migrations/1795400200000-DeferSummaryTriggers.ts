import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The summary triggers run at commit (deferred constraint triggers) instead of at
 * each row: the per-LAO lock of `refresh_lao_summary` is then held only for the
 * commit itself, not across the rest of the writing transaction, so concurrent
 * submissions of one LAO no longer queue behind each other's round trips.
 */
export class DeferSummaryTriggers1795400200000 implements MigrationInterface {
    name = 'DeferSummaryTriggers1795400200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER report_summary ON report`);
        await queryRunner.query(`DROP TRIGGER project_summary ON project`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER project_summary AFTER INSERT OR DELETE OR UPDATE OF review_status, fiscal_years ON project DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION project_summary_trigger()`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER report_summary AFTER INSERT OR DELETE OR UPDATE OF status, fiscal_year, round, project_id ON report DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_summary_trigger()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER report_summary ON report`);
        await queryRunner.query(`DROP TRIGGER project_summary ON project`);
        await queryRunner.query(`CREATE TRIGGER project_summary AFTER INSERT OR DELETE OR UPDATE OF review_status, fiscal_years ON project FOR EACH ROW EXECUTE FUNCTION project_summary_trigger()`);
        await queryRunner.query(`CREATE TRIGGER report_summary AFTER INSERT OR DELETE OR UPDATE OF status, fiscal_year, round, project_id ON report FOR EACH ROW EXECUTE FUNCTION report_summary_trigger()`);
    }
}
