import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The assessment scale (server/modules/plan/assessment-scale.ts): 0–25 points per dimension,
 * the total their sum (0–100), where the check allowed 0–100 per dimension. Data made with a
 * larger scale would be refused here, loudly; the demo and national data use 0–25.
 */
export class AssessmentScoreScale1795400700000 implements MigrationInterface {
    name = 'AssessmentScoreScale1795400700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "assessment_scores"`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD CONSTRAINT "assessment_scores" CHECK ("score_society" BETWEEN 0 AND 25 AND "score_administration" BETWEEN 0 AND 25 AND "score_participation" BETWEEN 0 AND 25 AND "score_oversight" BETWEEN 0 AND 25)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "assessment_scores"`);
        await queryRunner.query(`ALTER TABLE "assessment" ADD CONSTRAINT "assessment_scores" CHECK ("score_society" BETWEEN 0 AND 100 AND "score_administration" BETWEEN 0 AND 100 AND "score_participation" BETWEEN 0 AND 100 AND "score_oversight" BETWEEN 0 AND 100)`);
    }
}
