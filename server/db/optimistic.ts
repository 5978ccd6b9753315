import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { conflict } from '../errors/app-error';

/**
 * The one way to edit a versioned row: the update applies only while the row
 * still has the version the editor saw (TypeORM bumps it), else CONFLICT.
 * `@VersionColumn` alone does not guard `save()` against lost updates.
 */
export const updateVersioned = async <T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  version: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<void> => {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (result.affected !== 1) throw conflict();
};
