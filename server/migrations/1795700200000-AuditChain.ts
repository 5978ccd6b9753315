import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident audit log: each row carries `chain_seq` (1, 2, 3 … in chain order),
 * `prev_hash` (the hash of row chain_seq − 1, 32 zero bytes for the first) and
 * `hash` = SHA-256(prev_hash ‖ UTF-8 of the row's canonical content), all set by a BEFORE
 * INSERT trigger, so no client can write them. The chain is serialised by a transaction-scoped
 * advisory lock taken in that trigger: the app inserts its audit row just before COMMIT
 * (server/modules/audit/audit-context.ts), so the lock is held for the insert and the commit
 * only, never for a whole mutation. A unique index on chain_seq forbids a fork even if a
 * snapshot missed the latest row. `npm run audit:verify` recomputes it (server/modules/audit/verify.ts
 * holds the same canonical expression: change both together, in a new migration).
 */
export class AuditChain1795700200000 implements MigrationInterface {
  name = 'AuditChain1795700200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE audit_event ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea`,
    );
    // The row's content, canonical: a JSON array (jsonb's text form is deterministic), the time in UTC.
    await queryRunner.query(`CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_array(e.chain_seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.operation, e.outcome, e.account_id, e.actor, e.role, e.client_address, e.user_agent, e.arguments)::text
      $$`);
    await queryRunner.query(`CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last record;
      BEGIN
        -- One writer of the chain at a time, until its transaction ends (the app inserts just before COMMIT).
        PERFORM pg_advisory_xact_lock(hashtext('audit_event_chain'));
        SELECT chain_seq, hash INTO last FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
        NEW.prev_hash := coalesce(last.hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
        NEW.hash := sha256(NEW.prev_hash || convert_to(audit_event_canonical(NEW), 'UTF8'));
        RETURN NEW;
      END $$`);
    // Rows written before this migration are chained in id order (the append-only guard is off for it).
    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(`UPDATE audit_event e SET chain_seq = n.seq
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_event) n WHERE n.id = e.id`);
    await queryRunner.query(`DO $$
      DECLARE r audit_event; previous bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
      BEGIN
        FOR r IN SELECT * FROM audit_event ORDER BY chain_seq LOOP
          r.prev_hash := previous;
          r.hash := sha256(previous || convert_to(audit_event_canonical(r), 'UTF8'));
          UPDATE audit_event SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          previous := r.hash;
        END LOOP;
      END $$`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(
      `ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX audit_event_chain_seq_idx ON audit_event (chain_seq)`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_chain()`);
    await queryRunner.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    await queryRunner.query(`DROP INDEX audit_event_chain_seq_idx`);
    await queryRunner.query(`ALTER TABLE audit_event DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
