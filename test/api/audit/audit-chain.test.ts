import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { verifyAuditChain } from '../../../server/modules/audit/verify';
import { createTestDatabase } from '../../helpers/test-database';

/**
 * The audit log's hash chain against a superuser who edits it behind the app's back: each
 * tampering (run in a transaction that is rolled back, so the next starts from the intact log)
 * is found, and the first broken row named.
 */
describe('audit log hash chain', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  const verify = (anchors: { chainSeq: string; hash: string }[] = []) =>
    verifyAuditChain(async (sql, parameters) => (await pg.query(sql, parameters)).rows, anchors);
  const tampered = async (tamper: string[]) => {
    await pg.query('BEGIN');
    try {
      // The append-only guard and the chain trigger are off: a superuser can do this.
      await pg.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      for (const statement of tamper) await pg.query(statement);
      return await verify();
    } finally {
      await pg.query('ROLLBACK');
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    pg = new Client({ connectionString: database.url });
    await pg.connect();
    for (let i = 1; i <= 6; i += 1)
      await pg.query(
        `INSERT INTO audit_event (operation, outcome, actor, client_address, arguments)
         VALUES ('submitReport', 'OK', 'อบต.ทดสอบ', '127.0.0.1', $1)`,
        [JSON.stringify({ input: { projectId: String(i), note: 'ข้อความไทย "quoted" \\ ' } })],
      );
  });
  afterAll(async () => {
    await pg.end();
    await database.drop();
  });

  it('chains every row, and verifies intact', async () => {
    const rows = (
      await pg.query(`SELECT chain_seq::int AS seq, prev_hash, hash FROM audit_event ORDER BY chain_seq`)
    ).rows;
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].prev_hash).toEqual(Buffer.alloc(32));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i].prev_hash).toEqual(rows[i - 1].hash);
    expect(await verify()).toEqual({
      rows: 6,
      head: { chainSeq: '6', hash: rows[5].hash.toString('hex') },
      broken: null,
    });
  });

  it('finds a row changed by UPDATE', async () => {
    const result = await tampered([`UPDATE audit_event SET outcome = 'FORBIDDEN' WHERE chain_seq = 3`]);
    expect(result.broken).toMatchObject({ chainSeq: '3', reason: expect.stringMatching(/changed/) });
    const quiet = await tampered([
      `UPDATE audit_event SET arguments = '{"input":{"projectId":"9"}}' WHERE chain_seq = 5`,
    ]);
    expect(quiet.broken?.chainSeq).toBe('5');
  });

  it('finds a row removed by DELETE', async () => {
    const result = await tampered([`DELETE FROM audit_event WHERE chain_seq = 3`]);
    expect(result.broken).toMatchObject({ chainSeq: '4', reason: expect.stringMatching(/removed/) });
  });

  it('finds a row inserted in the middle, even one with a correct hash of its own', async () => {
    const result = await tampered([
      // Make room after row 2, then forge row 3 chained onto row 2 exactly as the trigger would.
      `UPDATE audit_event SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= 3`,
      `UPDATE audit_event SET chain_seq = -chain_seq WHERE chain_seq < 0`,
      `INSERT INTO audit_event (chain_seq, operation, outcome, actor, client_address, arguments, prev_hash, hash)
       VALUES (3, 'submitReport', 'OK', 'ปลอม', '127.0.0.1', '{}', (SELECT hash FROM audit_event WHERE chain_seq = 2), '\\x00')`,
      `UPDATE audit_event e SET hash = sha256(e.prev_hash || convert_to(audit_event_canonical(e), 'UTF8')) WHERE chain_seq = 3`,
    ]);
    expect(result.broken).toMatchObject({ chainSeq: '4', reason: expect.stringMatching(/prev_hash/) });
  });

  it('finds a row added with the seal switched off', async () => {
    const result = await tampered([
      `INSERT INTO audit_event (operation, outcome, client_address, arguments) VALUES ('login', 'OK', '10.0.0.1', '{}')`,
    ]);
    expect(result.broken).toMatchObject({
      chainSeq: '(none)',
      reason: expect.stringMatching(/not in the chain/),
    });
  });

  it('seals a row only once, and only its chain columns', async () => {
    const message = (sql: string) =>
      pg.query(sql).then(
        () => null,
        (error: Error) => error.message,
      );
    expect(await message(`UPDATE audit_event SET outcome = 'X' WHERE chain_seq = 1`)).toMatch(/append-only/);
    expect(await message(`UPDATE audit_event SET chain_seq = 99 WHERE chain_seq = 1`)).toMatch(/append-only/);
  });

  it('finds a chain rewritten consistently from a row on only against an anchor recorded before', async () => {
    const anchor = (await verify()).head!;
    await pg.query('BEGIN');
    try {
      await pg.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await pg.query(`UPDATE audit_event SET outcome = 'FORBIDDEN' WHERE chain_seq = 4`);
      await pg.query(`DO $$ DECLARE r audit_event; previous bytea;
        BEGIN
          SELECT hash INTO previous FROM audit_event WHERE chain_seq = 3;
          FOR r IN SELECT * FROM audit_event WHERE chain_seq >= 4 ORDER BY chain_seq LOOP
            r.prev_hash := previous;
            r.hash := sha256(previous || convert_to(audit_event_canonical(r), 'UTF8'));
            UPDATE audit_event SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
            previous := r.hash;
          END LOOP;
        END $$`);
      expect((await verify()).broken).toBeNull();
      expect((await verify([anchor])).broken).toMatchObject({
        chainSeq: '6',
        reason: expect.stringMatching(/anchored/),
      });
    } finally {
      await pg.query('ROLLBACK');
    }
  });

  it('npm run audit:verify (compiled) names the first broken row and exits 1', async () => {
    const script = path.resolve(__dirname, '..', '..', '..', 'dist', 'server', 'scripts', 'audit-verify.js');
    const run = () =>
      spawnSync(process.execPath, [script], {
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: 'utf8',
      });
    const intact = run();
    expect(intact.stdout).toMatch(/^OK: 6 audit rows, chain intact\. Head: 6:[0-9a-f]{64}/);
    expect(intact.status).toBe(0);
    await pg.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await pg.query(`UPDATE audit_event SET actor = 'คนอื่น' WHERE chain_seq = 2`);
    await pg.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    const [{ id }] = (await pg.query(`SELECT id::text FROM audit_event WHERE chain_seq = 2`)).rows;
    const broken = run();
    expect(broken.stdout).toContain(`BROKEN at chain_seq 2 (audit_event id ${id})`);
    expect(broken.status).toBe(1);
  });
});
