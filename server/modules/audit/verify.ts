/**
 * Checks the audit log's hash chain (migration 1795700200000-AuditChain): in chain order, each
 * row's `chain_seq` follows the one before, its `prev_hash` is that row's `hash`, and its `hash`
 * is SHA-256(prev_hash ‖ its canonical content) recomputed here — from the columns, not from
 * the database's function, which whoever altered the rows could also have altered. The first row
 * that breaks it is named. A chain rewritten from some row to the end, or cut at the end, is
 * consistent again: an anchor (a `chain_seq` and its hash recorded elsewhere earlier) catches that.
 */

/** Same expression as audit_event_canonical() in the migration: change both together. */
const canonical = `jsonb_build_array(e.chain_seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  e.operation, e.outcome, e.account_id, e.actor, e.role, e.client_address, e.user_agent, e.arguments)::text`;

const zeroHash = `'\\x${'00'.repeat(32)}'::bytea`;

const firstBrokenSql = `
  SELECT chain_seq::text, id::text,
         CASE WHEN chain_seq <> coalesce(before_seq, 0) + 1 THEN 'chain_seq does not follow the row before (a row removed or added)'
              WHEN prev_hash IS DISTINCT FROM coalesce(before_hash, ${zeroHash}) THEN 'prev_hash is not the hash of the row before (a row removed, added or rewritten before it)'
              ELSE 'hash does not match the row''s content (the row was changed)' END AS reason
    FROM (SELECT e.*, lag(e.chain_seq) OVER w AS before_seq, lag(e.hash) OVER w AS before_hash,
                 sha256(e.prev_hash || convert_to(${canonical}, 'UTF8')) AS recomputed
            FROM audit_event e WINDOW w AS (ORDER BY e.chain_seq)) c
   WHERE chain_seq <> coalesce(before_seq, 0) + 1
      OR prev_hash IS DISTINCT FROM coalesce(before_hash, ${zeroHash})
      OR hash IS DISTINCT FROM recomputed
   ORDER BY chain_seq LIMIT 1`;

export type Query = (sql: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;

export type ChainAnchor = { chainSeq: string; hash: string };

export type ChainVerification = {
  rows: number;
  /** The last row: record it elsewhere as an anchor for later checks. */
  head: ChainAnchor | null;
  /** The first row that breaks the chain (or the anchor that no longer holds); null when intact. */
  broken: { chainSeq: string; id: string | null; reason: string } | null;
};

export const verifyAuditChain = async (
  query: Query,
  anchors: ChainAnchor[] = [],
): Promise<ChainVerification> => {
  const [count] = await query(`SELECT count(*)::int AS rows FROM audit_event`);
  const [head] = await query(
    `SELECT chain_seq::text, encode(hash, 'hex') AS hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1`,
  );
  const [unsealed] = await query(
    `SELECT id::text FROM audit_event WHERE chain_seq IS NULL OR prev_hash IS NULL OR hash IS NULL ORDER BY id LIMIT 1`,
  );
  const [first] = unsealed
    ? [
        {
          chain_seq: '(none)',
          id: unsealed.id,
          reason: 'the row is not in the chain (written with its seal switched off)',
        },
      ]
    : await query(firstBrokenSql);
  let broken: ChainVerification['broken'] = first
    ? { chainSeq: String(first.chain_seq), id: String(first.id), reason: String(first.reason) }
    : null;
  for (const anchor of anchors) {
    if (broken && (broken.chainSeq === '(none)' || BigInt(broken.chainSeq) <= BigInt(anchor.chainSeq))) break;
    const [row] = await query(
      `SELECT id::text, encode(hash, 'hex') AS hash FROM audit_event WHERE chain_seq = $1::bigint`,
      [anchor.chainSeq],
    );
    if (!row || row.hash !== anchor.hash.toLowerCase()) {
      broken = {
        chainSeq: anchor.chainSeq,
        id: row ? String(row.id) : null,
        reason: row
          ? 'the anchored hash differs (the chain was rewritten up to here)'
          : 'the anchored row is gone (the chain was cut or rewritten)',
      };
      break;
    }
  }
  return {
    rows: Number(count.rows),
    head: head ? { chainSeq: String(head.chain_seq), hash: String(head.hash) } : null,
    broken,
  };
};
