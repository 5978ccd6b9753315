import type { MigrationInterface, QueryRunner } from 'typeorm';

const zeroHash = `'\\x${'00'.repeat(32)}'::bytea`;

/**
 * Tamper-evident audit log: each row is sealed into a hash chain — `chain_seq` (1, 2, 3 … in
 * chain order), `prev_hash` (the hash of row chain_seq − 1; 32 zero bytes for the first) and
 * `hash` = SHA-256(prev_hash ‖ UTF-8 of the row's canonical content) — by a deferred constraint
 * trigger, i.e. inside the COMMIT of the transaction that wrote the row. It takes a
 * transaction-scoped advisory lock there, so the chain is serialised only from that point to the
 * end of the commit, in the server, with no round trip to the app while the lock is held; the
 * mutations themselves run side by side. The trigger's function runs as the migrations' owner
 * (SECURITY DEFINER): the app's role needs no UPDATE on audit_event, and the append-only guard
 * lets through only this seal — an UPDATE issued by a trigger that fills a row's empty chain
 * columns and changes nothing else. A unique index on chain_seq forbids a fork.
 * `npm run audit:verify` recomputes the chain (server/modules/audit/verify.ts holds the same
 * canonical expression: change both together, in a new migration).
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
    await queryRunner.query(`CREATE FUNCTION audit_event_seal() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE last record; sealed audit_event := NEW;
      BEGIN
        -- A row that arrives sealed is a restore's (pg_restore, db:restore): it keeps its seal, and
        -- verification judges it like any other.
        IF NEW.chain_seq IS NOT NULL THEN RETURN NULL; END IF;
        -- One sealer at a time, until this commit ends.
        PERFORM pg_advisory_xact_lock(hashtext('audit_event_chain'));
        SELECT chain_seq, hash INTO last FROM audit_event
         WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
        sealed.chain_seq := coalesce(last.chain_seq, 0) + 1;
        sealed.prev_hash := coalesce(last.hash, ${zeroHash});
        sealed.hash := sha256(sealed.prev_hash || convert_to(audit_event_canonical(sealed), 'UTF8'));
        UPDATE audit_event SET chain_seq = sealed.chain_seq, prev_hash = sealed.prev_hash, hash = sealed.hash
         WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    // Append-only, but for the seal: an UPDATE from inside a trigger (a person's UPDATE is at depth 1) …
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
        RAISE EXCEPTION 'audit_event is append-only';
      END $$`);
    // … that only fills a row's empty chain columns.
    await queryRunner.query(`CREATE FUNCTION audit_event_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.chain_seq IS NOT NULL
           OR (NEW.id, NEW.at, NEW.operation, NEW.outcome, NEW.account_id, NEW.actor, NEW.role, NEW.client_address,
               NEW.user_agent, NEW.arguments)
              IS DISTINCT FROM (OLD.id, OLD.at, OLD.operation, OLD.outcome, OLD.account_id, OLD.actor, OLD.role,
               OLD.client_address, OLD.user_agent, OLD.arguments) THEN
          RAISE EXCEPTION 'audit_event is append-only';
        END IF;
        RETURN NEW;
      END $$`);
    // Rows written before this migration are chained in id order (the guards are off for it).
    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(`DO $$
      DECLARE r audit_event; previous bytea := ${zeroHash}; n bigint := 0;
      BEGIN
        FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
          n := n + 1;
          r.chain_seq := n;
          r.prev_hash := previous;
          r.hash := sha256(previous || convert_to(audit_event_canonical(r), 'UTF8'));
          UPDATE audit_event SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
          previous := r.hash;
        END LOOP;
      END $$`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(`CREATE UNIQUE INDEX audit_event_chain_seq_idx ON audit_event (chain_seq)`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_seal_only BEFORE UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_seal_only()`,
    );
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER audit_event_seal AFTER INSERT ON audit_event
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_seal()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_seal ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_seal_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_seal()`);
    await queryRunner.query(`DROP FUNCTION audit_event_seal_only()`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`,
    );
    await queryRunner.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    await queryRunner.query(`DROP INDEX audit_event_chain_seq_idx`);
    await queryRunner.query(`ALTER TABLE audit_event DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
