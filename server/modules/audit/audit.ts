import type { DataSource } from 'typeorm';
import { ErrorCode } from '../../errors/error-codes';
import { type Connection, decodeCursor, toConnection } from '../../graphql/connection';
import {
  type AuditCall,
  auditUnavailable,
  type AuditDraft,
  insertAuditParameters,
  insertAuditSql,
  runAuditedCall,
} from './audit-context';
import { AuditEvent } from './audit-event.entity';

/** The code an audited call ended with: its AppError's, else INTERNAL_SERVER_ERROR. */
export const outcomeOf = (error: unknown): string =>
  String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` as one audited call. Its row is written in the same transaction as the first
   * transaction the call commits (AuditCommitSubscriber); a call that committed no transaction
   * (nothing changed, it failed, or its writes were single statements) gets its row here,
   * afterwards, and fails if that write fails. A call that fails after it committed a change has
   * two rows: `OK` with the change, then the code it ended with.
   */
  async audited<T>(draft: AuditDraft, work: () => Promise<T>): Promise<T> {
    const call: AuditCall = { draft, committed: false, inFlight: new Set(), closed: false };
    let result: T;
    try {
      result = await runAuditedCall(call, work);
    } catch (error) {
      call.closed = true;
      await this.record(draft, outcomeOf(error));
      throw error;
    }
    call.closed = true;
    if (!call.committed) await this.record(draft, 'OK');
    return result;
  }

  /** Writes one row outside any call's transaction; throws AUDIT_UNAVAILABLE when it cannot. */
  async record(draft: AuditDraft, outcome: string): Promise<void> {
    try {
      await this.dataSource.query(insertAuditSql, insertAuditParameters(draft, outcome));
    } catch (error) {
      throw auditUnavailable(error);
    }
  }

  /** Newest first; NACC central only (access-rules.ts). */
  async list(args: {
    operation?: string;
    accountId?: string;
    first: number;
    after?: string;
  }): Promise<Connection<AuditEvent>> {
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (args.operation) query.andWhere('e.operation = :operation', { operation: args.operation });
    if (args.accountId) query.andWhere('e.account_id = :accountId', { accountId: args.accountId });
    const totalCount = await query.getCount();
    if (args.after) query.andWhere('e.id < :after', { after: decodeCursor(args.after) });
    const rows = await query
      .orderBy('e.id', 'DESC')
      .take(args.first + 1)
      .getMany();
    return toConnection(rows, args.first, (event) => event.id, totalCount);
  }
}
