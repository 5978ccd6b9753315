import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

@ObjectType({ description: 'Where a page of a connection sits.' })
export class PageInfo {
  @Field({ description: 'True when another page follows.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after`.' })
  endCursor: string | null;
}

/**
 * `totalCount` may be a lazy thenable (`lazyCount`): graphql-js awaits it only when a
 * query selects the field, so a partner paging without it does not count every page.
 */
export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number | PromiseLike<number>;
};

/** Builds `<Name>Connection` and `<Name>Edge` types for a node type (Relay style). */
export const connectionOf = <T extends object>(name: string, node: ClassType<T>) => {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor: string;

    @Field(() => node, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The records of this page.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many records match the filters in all.' })
    totalCount: number;
  }
  return ConnectionType;
};

export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): string => {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ตัวชี้หน้าข้อมูล (cursor) ไม่ถูกต้อง');
  return key;
};

export const invalidCursor = (): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'ตัวชี้หน้าข้อมูล (cursor) ไม่ถูกต้อง หรือใช้กับรายการอื่น');

/**
 * A cursor that holds a JSON value (the sort key of a row), and that `isValid` accepts;
 * anything else is one BAD_USER_INPUT.
 */
export const decodeJsonCursor = <T>(cursor: string, isValid: (value: unknown) => boolean): T => {
  let value: unknown;
  try {
    value = JSON.parse(decodeCursor(cursor));
  } catch {
    throw invalidCursor();
  }
  if (!isValid(value)) throw invalidCursor();
  return value as T;
};

/** A page from `first + 1` fetched rows: the extra row only tells that another page follows. */
export const toConnection = <T>(
  rows: T[],
  first: number,
  keyOf: (row: T) => string,
  totalCount: Connection<T>['totalCount'],
): Connection<T> => {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length ? encodeCursor(keyOf(page[page.length - 1])) : null,
    },
    totalCount,
  };
};

/** A count that runs only if someone awaits it (the field is selected). */
export const lazyCount = (count: () => Promise<number>): PromiseLike<number> => ({
  then: (onFulfilled, onRejected) => count().then(onFulfilled, onRejected),
});
