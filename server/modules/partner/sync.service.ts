import type { DataSource } from 'typeorm';
import { restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import type { Connection } from '../../graphql/connection';
import { keysetPage } from '../../graphql/keyset';
import { DeletedRecord } from './deleted-record.entity';
import { scopeOfEntity, SyncEntity } from './partner.enums';
import type { DeletedRecordsArgs } from './partner.inputs';

/**
 * Incremental sync (docs/api.md). Every write stamps `updated_at` with its
 * transaction's start time (a trigger), so a row that becomes visible later can
 * carry an earlier stamp than rows already pulled. The horizon is the start of the
 * oldest transaction still running: everything that commits after a pull began is
 * stamped at or after the horizon read before it, so `updatedSince: <that horizon>`
 * misses nothing (rows may come twice; mirrors upsert).
 */
export class SyncService {
  constructor(private readonly dataSource: DataSource) {}

  async horizon(): Promise<Date> {
    const [row] = await this.dataSource.query(
      `SELECT least(clock_timestamp(), min(xact_start)) AS horizon
         FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'
          AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
    );
    return new Date(row.horizon);
  }

  /** Tombstones within the viewer's reach: a partner sees the kinds of its scopes, in its provinces. */
  deleted(viewer: Viewer, args: DeletedRecordsArgs): Promise<Connection<DeletedRecord>> {
    let kinds = args.entities?.length ? args.entities : Object.values(SyncEntity);
    if (viewer.kind === 'partner')
      kinds = kinds.filter((kind) => viewer.scopes.includes(scopeOfEntity[kind]));
    const query = this.dataSource
      .getRepository(DeletedRecord)
      .createQueryBuilder('d')
      .where('d.deleted_at >= :since', { since: args.since })
      .andWhere('d.entity = ANY(:kinds)', { kinds });
    restrictToScope(query, viewer, { province: 'd.province_id', lao: 'd.lao_id' });
    return keysetPage(
      query,
      [
        { sql: 'd.deleted_at', type: 'timestamptz' },
        { sql: 'd.id', type: 'bigint' },
      ],
      args,
    );
  }
}
