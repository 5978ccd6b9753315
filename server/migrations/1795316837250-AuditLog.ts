import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditLog1795316837250 implements MigrationInterface {
    name = 'AuditLog1795316837250'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "operation" character varying(60) NOT NULL, "outcome" character varying(40) NOT NULL, "account_id" uuid, "actor" character varying(200), "role" "public"."account_role", "client_address" character varying(64) NOT NULL, "user_agent" character varying(300), "arguments" jsonb NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "audit_event_account_idx" ON "audit_event"  ("account_id", "at") `);
        // Append-only: nobody edits or deletes the audit log, whatever the API does.
        await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE INDEX "audit_event_at_idx" ON "audit_event"  ("at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER audit_event_append_only ON "audit_event"`);
        await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
        await queryRunner.query(`DROP INDEX "public"."audit_event_at_idx"`);
        await queryRunner.query(`DROP INDEX "public"."audit_event_account_idx"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
    }

}
