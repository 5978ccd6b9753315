import { AsyncLocalStorage } from 'node:async_hooks';
import { type EntitySubscriberInterface, EventSubscriber, type QueryRunner } from 'typeorm';
import type { BeforeQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { databaseFailureOf } from '../../errors/database-errors';
import type { AuditEvent } from './audit-event.entity';

/** What one audited call (a mutation, an upload) records, but its outcome. */
export type AuditDraft = Omit<AuditEvent, 'id' | 'at' | 'outcome' | 'chainSeq' | 'prevHash' | 'hash'>;

/**
 * One audited call in progress. Its row is written in the same transaction as its first change
 * (AuditCommitSubscriber, just before COMMIT), or just before its first change made outside a
 * transaction, so no change commits without it; a call that changed nothing gets its row
 * written afterwards by `AuditService.audited`.
 */
export type AuditCall = {
  draft: AuditDraft;
  /** A transaction of the call committed with the call's row in it. */
  committed: boolean;
  /** Transactions that inserted the row and have not finished yet. */
  inFlight: Set<QueryRunner>;
  /** The call returned: later transactions (stray promises) no longer write its row. */
  closed: boolean;
};

const calls = new AsyncLocalStorage<AuditCall>();

/** Runs `work` as the audited call `call` (every transaction it commits carries the call's row). */
export const runAuditedCall = <T>(call: AuditCall, work: () => Promise<T>): Promise<T> =>
  calls.run(call, work);

/**
 * Runs `work` outside the current audited call: its transactions do not take the call's row.
 * For bookkeeping that commits before the call's outcome is known and is no change of record
 * (sign-in throttle counters): the call's row is then written with its real outcome, once.
 */
export const outsideAudit = <T>(work: () => T): T => calls.exit(work);

/**
 * The call's audit row could not be written: the call fails (no change goes unaudited). When the
 * database itself is out of reach, slow or locked, that is the answer (DATABASE_*, as any other
 * statement would have got); otherwise AUDIT_UNAVAILABLE.
 */
export const auditUnavailable = (cause: unknown): Error => {
  if (cause instanceof Error && databaseFailureOf(cause)) return cause;
  const error = new AppError(
    ErrorCode.AUDIT_UNAVAILABLE,
    'ระบบบันทึกประวัติการใช้งานขัดข้อง รายการนี้จึงไม่สำเร็จ กรุณาลองใหม่อีกครั้งในอีกสักครู่',
  );
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
};

/** The audit insert, shared by the in-transaction and the after-the-call paths. */
export const insertAuditSql = `INSERT INTO audit_event
  (operation, outcome, account_id, actor, role, client_address, user_agent, arguments)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

export const insertAuditParameters = (draft: AuditDraft, outcome: string): unknown[] => [
  draft.operation,
  outcome,
  draft.accountId,
  draft.actor,
  draft.role,
  draft.clientAddress,
  draft.userAgent,
  JSON.stringify(draft.arguments),
];

/** A statement that changes rows (plain, or a data-modifying WITH); reads and transaction control do not. */
const changesData =
  /^\s*(INSERT|UPDATE|DELETE|MERGE)\b|^\s*WITH\b[\s\S]*\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b/i;

/** TypeORM counts nesting (savepoints) in a protected field: 1 while the outermost transaction is open. */
const depthOf = (runner: QueryRunner): number =>
  (runner as unknown as { transactionDepth: number }).transactionDepth;

/**
 * Writes the audited call's row inside the committing transaction, just before its COMMIT.
 * TypeORM awaits this hook: if the insert fails, the commit is not attempted and the
 * transaction rolls back, so the change and its audit row commit together or not at all.
 * Savepoint releases (nested transactions) are skipped: only the outermost commit counts.
 */
@EventSubscriber() // TypeORM only instantiates the listed subscribers that carry this decorator
export class AuditCommitSubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const call = calls.getStore();
    if (!call || call.committed || call.closed || depthOf(event.queryRunner) !== 1) return;
    call.inFlight.add(event.queryRunner);
    try {
      await event.queryRunner.query(insertAuditSql, insertAuditParameters(call.draft, 'OK'));
    } catch (error) {
      // The transaction rolls back (TypeORM does not COMMIT after a failed hook): the call fails.
      throw auditUnavailable(error);
    }
  }

  /**
   * A change outside any transaction (one statement, committed by itself): the call's row is
   * written first, on the same connection, so the change never commits without it (write-ahead).
   * Should the statement then fail and the call end in an error, `audited` adds the error's row.
   */
  async beforeQuery(event: BeforeQueryEvent): Promise<void> {
    const call = calls.getStore();
    if (!call || call.committed || call.closed || event.query === insertAuditSql) return;
    if (event.queryRunner.isTransactionActive || !changesData.test(event.query)) return;
    try {
      await event.queryRunner.query(insertAuditSql, insertAuditParameters(call.draft, 'OK'));
    } catch (error) {
      throw auditUnavailable(error);
    }
    call.committed = true;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const call = calls.getStore();
    if (call?.inFlight.delete(event.queryRunner)) call.committed = true;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (depthOf(event.queryRunner) === 0) calls.getStore()?.inFlight.delete(event.queryRunner);
  }
}
