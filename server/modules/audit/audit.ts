import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type Connection, decodeCursor, toConnection } from '../../graphql/connection';
import { AuditEvent } from './audit-event.entity';

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void> {
    try {
      await this.dataSource.getRepository(AuditEvent).insert(event as QueryDeepPartialEntity<AuditEvent>);
    } catch (error) {
      console.error('Audit log write failed', error);
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
