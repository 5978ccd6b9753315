import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * NACC central's contact channels (phone, e-mail, LINE, office hours) and complaint channel, in
 * one row (id 1) edited by administrators; no row means nothing is set (issue 24, help).
 */
export class ContactChannels1795600400000 implements MigrationInterface {
    name = 'ContactChannels1795600400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "contact_channels" ("id" smallint NOT NULL DEFAULT '1', "phone" character varying(40), "email" character varying(254), "line_id" character varying(50), "line_url" character varying(500), "office_hours" character varying(200), "complaint_url" character varying(500), "updated_by_account_id" uuid, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contact_channels_single_row" CHECK ("id" = 1), CONSTRAINT "PK_7b04eb1ea43fed1a3b368183db6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "contact_channels" ADD CONSTRAINT "FK_contact_channels_updated_by" FOREIGN KEY ("updated_by_account_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "contact_channels" DROP CONSTRAINT "FK_contact_channels_updated_by"`);
        await queryRunner.query(`DROP TABLE "contact_channels"`);
    }

}
