import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * The columns of an entity present in a raw row, with the key each is read from: the column's
 * name (a `RETURNING *` row), or with `alias` TypeORM's `alias_column` (a query builder's select).
 */
export const rowColumns = (
  metadata: EntityMetadata,
  dataSource: DataSource,
  row: Record<string, unknown>,
  alias?: string,
): [ColumnMetadata, string][] =>
  metadata.columns
    .map((column): [ColumnMetadata, string] => [
      column,
      alias === undefined
        ? column.databaseName
        : DriverUtils.buildAlias(dataSource.driver, undefined, alias, column.databaseName),
    ])
    .filter(([, key]) => key in row);

/** An entity of `metadata` from a raw row's columns, each hydrated as TypeORM would (`prepareHydratedValue`). */
export const hydrate = <T>(
  metadata: EntityMetadata,
  columns: readonly [ColumnMetadata, string][],
  dataSource: DataSource,
  row: Record<string, unknown>,
): T => {
  const entity = metadata.create() as T;
  for (const [column, key] of columns)
    column.setEntityValue(entity as ObjectLiteral, dataSource.driver.prepareHydratedValue(row[key], column));
  return entity;
};
