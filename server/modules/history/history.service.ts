import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { requireCan } from '../../auth/policy';
import type { SignedInViewer, Viewer } from '../../auth/viewer';
import { type Connection, decodeCursor, toConnection } from '../../graphql/connection';
import { Lao } from '../lao/lao.entity';
import { ChangeEvent } from './change-event.entity';

export type ChangeAction =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'REVIEW'
  | 'SUBMIT'
  | 'ASSESS'
  | 'EXTEND'
  | 'IMPORT'
  | 'WITHDRAW'
  | 'RESTORE';

export type Change = {
  entityType:
    | 'PROJECT'
    | 'PLAN'
    | 'ASSESSMENT'
    | 'SELF_ASSESSMENT'
    | 'PASS_MARK'
    | 'ITA_SCORE'
    | 'PLAN_CYCLE'
    | 'CONTACT_CHANNELS';
  entityId: string | number;
  laoId: number | null;
  action: ChangeAction;
  before?: object | null;
  after?: object | null;
};

/** A plain JSON copy of a record, as it is kept in history. */
const snapshot = (record: object | null | undefined): Record<string, unknown> | null =>
  record ? (JSON.parse(JSON.stringify(record)) as Record<string, unknown>) : null;

/** The append-only change history of plan data; written in the same transaction as the change. */
export class HistoryService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: SignedInViewer, changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.getRepository(ChangeEvent).insert(
      changes.map((change) => ({
        entityType: change.entityType,
        entityId: String(change.entityId),
        laoId: change.laoId,
        action: change.action,
        actorAccountId: actor.accountId,
        actorName: actor.displayName,
        actorRole: actor.role,
        before: snapshot(change.before),
        after: snapshot(change.after),
      })) as QueryDeepPartialEntity<ChangeEvent>[],
    );
  }

  /** Newest first; for one LAO, optionally one record. */
  async timeline(
    viewer: Viewer,
    args: { laoId: number; entityType?: string; entityId?: string; first: number; after?: string },
  ): Promise<Connection<ChangeEvent>> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: args.laoId });
    requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
    const query = this.dataSource
      .getRepository(ChangeEvent)
      .createQueryBuilder('e')
      .where('e.lao_id = :laoId', { laoId: args.laoId });
    if (args.entityType) query.andWhere('e.entity_type = :type', { type: args.entityType });
    if (args.entityId) query.andWhere('e.entity_id = :entityId', { entityId: args.entityId });
    const totalCount = await query.getCount();
    if (args.after) query.andWhere('e.id < :after', { after: decodeCursor(args.after) });
    const rows = await query
      .orderBy('e.id', 'DESC')
      .take(args.first + 1)
      .getMany();
    return toConnection(rows, args.first, (event) => event.id, totalCount);
  }
}
