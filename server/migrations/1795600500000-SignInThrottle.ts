import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling with growing delays instead of account lockout (server/auth/sign-in-throttle.ts):
 * one row per key (device token, account+address, address, untrusted clients of an account, known
 * address, reset mails of an account). Replaces rate-limiter-flexible's `rate_limit` table, whose
 * counters (attempts per account, successes included) are not carried over: they only ever lived minutes.
 */
export class SignInThrottle1795600500000 implements MigrationInterface {
  name = 'SignInThrottle1795600500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_throttle" ("key" text PRIMARY KEY, "failures" integer NOT NULL DEFAULT 0, "next_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '-infinity', "forget_at" TIMESTAMP WITH TIME ZONE NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "sign_in_throttle_forget_idx" ON "sign_in_throttle" ("forget_at")`);
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit" ("key" character varying(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`,
    );
    await queryRunner.query(`DROP TABLE "sign_in_throttle"`);
  }
}
