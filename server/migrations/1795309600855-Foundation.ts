import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795309600855 implements MigrationInterface {
    name = 'Foundation1795309600855'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "province" ("id" smallint NOT NULL, "name_th" character varying(100) NOT NULL, "name_en" character varying(100) NOT NULL, CONSTRAINT "PK_4f461cb46f57e806516b7073659" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "district" ("id" smallint NOT NULL, "province_id" smallint NOT NULL, "name_th" character varying(100) NOT NULL, "name_en" character varying(100) NOT NULL, CONSTRAINT "PK_ee5cb6fd5223164bb87ea693f1e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "district_province_idx" ON "district"  ("province_id") `);
        await queryRunner.query(`CREATE TYPE "public"."lao_type" AS ENUM('PAO', 'CITY_MUNICIPALITY', 'TOWN_MUNICIPALITY', 'SUBDISTRICT_MUNICIPALITY', 'SAO', 'PATTAYA', 'BANGKOK')`);
        await queryRunner.query(`CREATE TYPE "public"."lao_size" AS ENUM('SMALL', 'MEDIUM', 'LARGE')`);
        await queryRunner.query(`CREATE TABLE "lao" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" character(7) NOT NULL, "name_th" character varying(200) NOT NULL, "type" "public"."lao_type" NOT NULL, "size" "public"."lao_size", "province_id" smallint NOT NULL, "district_id" smallint NOT NULL, "address" character varying(500), "area_km2" numeric(12,2), "population" integer, "revenue_excluding_subsidies" numeric(15,2), "revenue_from_subsidies" numeric(15,2), "chief_executive_name" character varying(200), "permanent_secretary_name" character varying(200), "coordinator_full_name" character varying(200), "coordinator_position" character varying(200), "coordinator_unit" character varying(200), "coordinator_phone" character varying(30), "coordinator_mobile" character varying(30), "coordinator_fax" character varying(30), "coordinator_email" character varying(254), "website" character varying(300), "profile_completed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e7393f92073598a1cd844fae500" UNIQUE ("code"), CONSTRAINT "lao_non_negative" CHECK ("area_km2" >= 0 AND "population" >= 0 AND "revenue_excluding_subsidies" >= 0 AND "revenue_from_subsidies" >= 0), CONSTRAINT "lao_code_format" CHECK ("code" ~ '^[0-9]{7}$'), CONSTRAINT "PK_c9d3e11dbcc6f551c835c7cb123" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "lao_district_idx" ON "lao"  ("district_id") `);
        await queryRunner.query(`CREATE INDEX "lao_province_idx" ON "lao"  ("province_id") `);
        await queryRunner.query(`CREATE TYPE "public"."account_role" AS ENUM('LAO', 'NACC_CENTRAL', 'NACC_PROVINCE', 'PARTNER')`);
        await queryRunner.query(`CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "role" "public"."account_role" NOT NULL, "display_name" character varying(200) NOT NULL, "lao_id" integer, "province_id" smallint, "email" character varying(254), "password_hash" text, "activated_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_41dfcb70af895ddf9a53094515b" UNIQUE ("username"), CONSTRAINT "account_scope" CHECK (("role" <> 'LAO' OR "lao_id" IS NOT NULL) AND ("role" <> 'NACC_PROVINCE' OR "province_id" IS NOT NULL)), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "account_lao_uq" ON "account"  ("lao_id") WHERE "lao_id" IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "activation_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lao_id" integer NOT NULL, "code_hash" character(64) NOT NULL, "issued_by_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_88ca3a5670491a970e48567065b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "activation_code_lao_idx" ON "activation_code"  ("lao_id") `);
        await queryRunner.query(`CREATE TABLE "password_reset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_0309de62e0cb0960ebb2cb65c95" UNIQUE ("token_hash"), CONSTRAINT "PK_8515e60a2cc41584fa4784f52ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip_address" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "session_account_idx" ON "session"  ("account_id") `);
        // Attempt counters of rate-limiter-flexible (login, activation, password reset).
        await queryRunner.query(`CREATE TABLE "rate_limit" ("key" character varying(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`);
        await queryRunner.query(`ALTER TABLE "district" ADD CONSTRAINT "FK_20bbec53bfceb008df55035d900" FOREIGN KEY ("province_id") REFERENCES "province"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lao" ADD CONSTRAINT "FK_6a05e95c5ad6558e26dcdf437fe" FOREIGN KEY ("province_id") REFERENCES "province"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lao" ADD CONSTRAINT "FK_02c585d50741b309a866f9b1115" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "FK_5073cf241937672cd8eee8eaaeb" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "FK_41ad8a2b1044dc0a3074605e88e" FOREIGN KEY ("province_id") REFERENCES "province"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activation_code" ADD CONSTRAINT "FK_19590ae1bcc915931360cada8fa" FOREIGN KEY ("lao_id") REFERENCES "lao"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "activation_code" ADD CONSTRAINT "FK_e05c75283f5d4cf0399ed2ebcc2" FOREIGN KEY ("issued_by_account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "password_reset" ADD CONSTRAINT "FK_c491bba845232ca65b799a63252" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "session" ADD CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "rate_limit"`);
        await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499"`);
        await queryRunner.query(`ALTER TABLE "password_reset" DROP CONSTRAINT "FK_c491bba845232ca65b799a63252"`);
        await queryRunner.query(`ALTER TABLE "activation_code" DROP CONSTRAINT "FK_e05c75283f5d4cf0399ed2ebcc2"`);
        await queryRunner.query(`ALTER TABLE "activation_code" DROP CONSTRAINT "FK_19590ae1bcc915931360cada8fa"`);
        await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "FK_41ad8a2b1044dc0a3074605e88e"`);
        await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "FK_5073cf241937672cd8eee8eaaeb"`);
        await queryRunner.query(`ALTER TABLE "lao" DROP CONSTRAINT "FK_02c585d50741b309a866f9b1115"`);
        await queryRunner.query(`ALTER TABLE "lao" DROP CONSTRAINT "FK_6a05e95c5ad6558e26dcdf437fe"`);
        await queryRunner.query(`ALTER TABLE "district" DROP CONSTRAINT "FK_20bbec53bfceb008df55035d900"`);
        await queryRunner.query(`DROP INDEX "public"."session_account_idx"`);
        await queryRunner.query(`DROP TABLE "session"`);
        await queryRunner.query(`DROP TABLE "password_reset"`);
        await queryRunner.query(`DROP INDEX "public"."activation_code_lao_idx"`);
        await queryRunner.query(`DROP TABLE "activation_code"`);
        await queryRunner.query(`DROP INDEX "public"."account_lao_uq"`);
        await queryRunner.query(`DROP TABLE "account"`);
        await queryRunner.query(`DROP TYPE "public"."account_role"`);
        await queryRunner.query(`DROP INDEX "public"."lao_province_idx"`);
        await queryRunner.query(`DROP INDEX "public"."lao_district_idx"`);
        await queryRunner.query(`DROP TABLE "lao"`);
        await queryRunner.query(`DROP TYPE "public"."lao_size"`);
        await queryRunner.query(`DROP TYPE "public"."lao_type"`);
        await queryRunner.query(`DROP INDEX "public"."district_province_idx"`);
        await queryRunner.query(`DROP TABLE "district"`);
        await queryRunner.query(`DROP TABLE "province"`);
    }

}
