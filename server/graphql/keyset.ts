import { createHash } from 'node:crypto';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { hydrate, rowColumns } from '../db/hydrate';
import { preparedQuery } from '../db/prepared';
import { hasReplicas } from '../db/replica';
import { type Connection, decodeJsonCursor, lazyCount, toConnection } from './connection';

/**
 * One column of a keyset order: a SQL expression over the query's aliases, its
 * Postgres type (cursor values travel as text and are cast back exactly, e.g.
 * timestamps keep their microseconds) and the direction. The last key must be unique.
 */
export type SortKey = { sql: string; type: string; desc?: boolean };

const parseCursor = (cursor: string, keys: readonly SortKey[]): string[] =>
  decodeJsonCursor(
    cursor,
    (values) =>
      Array.isArray(values) && values.length === keys.length && values.every((v) => typeof v === 'string'),
  );

/** Distinct page statements kept prepared per connection; past this, pages run unnamed. */
const maxPreparedPages = 200;
const preparedPages = new Set<string>();

/**
 * Runs a page query and makes its entities without TypeORM's general result transformer,
 * where nothing needs it: the main alias's columns, and those of joins selected through a
 * many-to-one relation of it (e.g. a project's LAO, on the same row) or mapped onto one of its
 * properties as one entity (`leftJoinAndMapOne`, e.g. a project's report); no relation ids or
 * counts, on the primary outside any transaction. The statement is prepared by its text (the
 * same filters give the same text), and each column is hydrated as TypeORM would
 * (`prepareHydratedValue`: enum arrays, transformers). Anything else takes `getRawAndEntities`.
 */
const rawAndEntities = async <T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
): Promise<{ raw: Record<string, unknown>[]; entities: T[] }> => {
  const { expressionMap } = query;
  const main = expressionMap.mainAlias;
  const dataSource = query.connection;
  const selectedJoins = expressionMap.joinAttributes.filter((join) => join.isSelected);
  const lean =
    main?.hasMetadata === true &&
    !(query as unknown as { queryRunner?: unknown }).queryRunner &&
    selectedJoins.every(
      (join) =>
        (join.mapToProperty
          ? join.isMappingMany !== true && join.mapToPropertyParentAlias === main.name
          : join.relation?.isManyToOne === true && join.parentAlias === main.name) &&
        join.alias.hasMetadata &&
        join.alias.metadata.eagerRelations.length === 0,
    ) &&
    expressionMap.relationIdAttributes.length === 0 &&
    main.metadata.eagerRelations.length === 0 &&
    !hasReplicas(dataSource) &&
    !expressionMap.lockMode;
  if (!lean || !main) return query.getRawAndEntities();
  const [sql, parameters] = query.getQueryAndParameters();
  const name = `page-${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
  if (!preparedPages.has(name) && preparedPages.size < maxPreparedPages) preparedPages.add(name);
  const raw = preparedPages.has(name)
    ? await preparedQuery<Record<string, unknown>>(dataSource, name, sql, parameters)
    : ((await dataSource.query(sql, parameters)) as Record<string, unknown>[]);
  if (raw.length === 0) return { raw, entities: [] };
  const columns = rowColumns(main.metadata, dataSource, raw[0], main.name);
  const joins = selectedJoins.map((join) => ({
    set: join.mapToProperty
      ? (entity: T, value: unknown) => {
          (entity as Record<string, unknown>)[join.mapToPropertyPropertyName as string] = value;
        }
      : (entity: T, value: unknown) => (join.relation as RelationMetadata).setEntityValue(entity, value),
    metadata: join.alias.metadata,
    columns: rowColumns(join.alias.metadata, dataSource, raw[0], join.alias.name),
    primary: join.alias.metadata.primaryColumns.map((column) =>
      DriverUtils.buildAlias(dataSource.driver, undefined, join.alias.name, column.databaseName),
    ),
  }));
  const entities = raw.map((row) => {
    const entity = hydrate<T>(main.metadata, columns, dataSource, row);
    for (const join of joins) {
      // A left join that matched nothing leaves the relation unset, as TypeORM does.
      if (join.primary.every((key) => row[key] === null || row[key] === undefined)) continue;
      join.set(entity, hydrate(join.metadata, join.columns, dataSource, row));
    }
    return entity;
  });
  return { raw, entities };
};

/**
 * A page in a stable keyset order: the cursor holds the sort values of the last
 * row, so it stays valid while rows are inserted, edited or deleted (a row never
 * appears twice nor is skipped because others moved). One statement for the page,
 * one for `totalCount` when it is asked for.
 */
export const keysetPage = async <T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: readonly SortKey[],
  args: { first: number; after?: string | null },
): Promise<Connection<T>> => {
  const counting = query.clone();
  const totalCount = lazyCount(() => counting.getCount());
  keys.forEach((key, i) => query.addSelect(`(${key.sql})::text`, `keyset_${i}`));
  if (args.after) {
    const values = parseCursor(args.after, keys);
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, with < for descending keys.
    const clauses = keys.map((key, i) => {
      const equal = keys.slice(0, i).map((k, j) => `(${k.sql}) = CAST(:keyset_${j} AS ${k.type})`);
      const beyond = `(${key.sql}) ${key.desc ? '<' : '>'} CAST(:keyset_${i} AS ${key.type})`;
      return `(${[...equal, beyond].join(' AND ')})`;
    });
    query.andWhere(
      `(${clauses.join(' OR ')})`,
      Object.fromEntries(values.map((value, i) => [`keyset_${i}`, value])),
    );
  }
  keys.forEach((key, i) =>
    i === 0
      ? query.orderBy(key.sql, key.desc ? 'DESC' : 'ASC')
      : query.addOrderBy(key.sql, key.desc ? 'DESC' : 'ASC'),
  );
  const { entities, raw } = await rawAndEntities(query.limit(args.first + 1));
  if (entities.length !== raw.length) throw new Error('keysetPage: joined rows must not multiply entities');
  const cursors = new Map(
    entities.map((entity, i) => [entity, JSON.stringify(keys.map((_, k) => raw[i][`keyset_${k}`]))]),
  );
  // A first page that is not full holds every matching row: its length is the count, no statement needed.
  const known = !args.after && entities.length <= args.first ? entities.length : totalCount;
  return toConnection(entities, args.first, (entity) => cursors.get(entity) as string, known);
};

/** The order partners sync in: by last change, then id. */
export const changedSinceKeys = (alias: string): SortKey[] => [
  { sql: `${alias}.updated_at`, type: 'timestamptz' },
  { sql: `${alias}.id`, type: 'integer' },
];

/**
 * Lists partners mirror: with `updatedSince`, only rows changed at or after it,
 * in change order; otherwise the list's own order.
 */
export const syncOrder = <T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  updatedSince: Date | null | undefined,
  ownOrder: SortKey[],
): SortKey[] => {
  if (!updatedSince) return ownOrder;
  query.andWhere(`${alias}.updated_at >= :updatedSince`, { updatedSince });
  return changedSinceKeys(alias);
};
