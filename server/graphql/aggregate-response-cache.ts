import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  BREAK,
  TypeInfo,
  getNamedType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import type { Context } from '../context';
import { preparedQuery } from '../db/prepared';
import { hasReplicas } from '../db/replica';

/**
 * What a cached answer may hold: the aggregate tables, and of the records they name only
 * what raises `aggregate_version` when it changes (migrations AggregateVersions and
 * AggregateVersionsOfNames). Every field of the listed row types is computed from
 * `lao_round_summary`, plans and LAO master data; a field added to one of them must be
 * versioned too, or taken out of this list. `__typename` is allowed everywhere.
 */
const cacheableFields: Record<string, readonly string[] | 'all'> = {
  Query: ['statistics', 'implementation', 'reportingCoverage'],
  StatisticsRow: 'all',
  LaoTypeCount: 'all',
  ImplementationRowConnection: 'all',
  ImplementationRowEdge: 'all',
  ImplementationRow: 'all',
  PageInfo: 'all',
  DistrictCoverage: 'all',
  Lao: ['id', 'code', 'nameTh', 'type', 'size', 'district', 'province'],
  Province: ['id', 'nameTh', 'nameEn'],
  District: ['id', 'nameTh', 'nameEn'],
};

/** Whether every field the operation selects (through fragments too) is in `cacheableFields`. */
export const isCacheableOperation = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean => {
  if (operation.operation !== 'query') return false;
  const typeInfo = new TypeInfo(schema);
  let cacheable = true;
  let tables = 0; // root fields that are aggregate tables: `{ __typename }` alone is not worth caching
  const fragments = document.definitions.filter((d) => d.kind === 'FragmentDefinition');
  const check = (node: DocumentNode['definitions'][number]) =>
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field(field) {
          if (field.name.value === '__typename') return undefined;
          const parent = typeInfo.getParentType();
          const allowed = parent ? cacheableFields[getNamedType(parent).name] : undefined;
          if (allowed === 'all' || allowed?.includes(field.name.value)) {
            if (parent?.name === 'Query') tables += 1;
            return undefined;
          }
          cacheable = false;
          return BREAK;
        },
      }),
    );
  check(operation);
  for (const fragment of fragments) if (cacheable) check(fragment);
  return cacheable && tables > 0;
};

/**
 * Whose answer it is: an answer is only ever served again to the caller it was made for, with
 * everything its access rules read (an account moved to another province gets new answers).
 */
const viewerKey = (viewer: Viewer): unknown[] => {
  if (viewer.kind === 'account')
    return [viewer.kind, viewer.accountId, viewer.role, viewer.laoId, viewer.provinceId];
  if (viewer.kind === 'partner') return [viewer.kind, viewer.apiKeyId, viewer.scopes, viewer.provinceIds];
  return [viewer.kind];
};

type Entry = { version: string; text: string; bytes: number };

/**
 * The JSON text of answers' `data`, so a hit is neither kept as objects (several times the
 * size of its text) nor serialised again: a hit's `data` is an empty stand-in that
 * `stringifyResult` replaces with the stored text (nothing between reads a hit's data).
 */
const serialised = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: what it does by default (JSON and a newline), but a cached
 * answer's `data` is spliced in as the text made when it was stored.
 */
export const stringifyResult = (result: {
  errors?: unknown;
  data?: Record<string, unknown> | null;
  extensions?: Record<string, unknown>;
}): string => {
  const text = result.data && result.errors === undefined ? serialised.get(result.data) : undefined;
  if (text === undefined) return `${JSON.stringify(result)}\n`;
  const extensions =
    result.extensions === undefined ? '' : `,"extensions":${JSON.stringify(result.extensions)}`;
  return `{"data":${text}${extensions}}\n`;
};

/**
 * The sum of the versions an operation's answer depends on (migration AggregateVersionsByYear):
 * of one province or all ($1 null), of one fiscal year and "every year" or of all years ($2 null).
 */
const versionSql = `SELECT coalesce(sum(version), 0)::text AS version FROM aggregate_version
                     WHERE ($1::smallint IS NULL OR province_id = $1)
                       AND ($2::smallint IS NULL OR fiscal_year IN (0, $2))`;

/** Tables of one province, whose answers only that province's versions (and geography, which bumps all) decide. */
const provinceTables = new Set(['implementation', 'reportingCoverage']);

const smallint = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && n < 32768 ? n : null;
};

/**
 * What an operation's tables are limited to: the fiscal year every one of its tables
 * names (`fiscalYear`), and the province of its one table when it has a `provinceId`
 * argument; null where not limited (the versions of every year or province decide).
 * A report of 2570 then leaves the tables of 2569 valid, and a report in one province
 * the tables of another.
 */
export const versionScopeOf = (
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): { province: number | null; year: number | null } => {
  const fields = operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename',
  );
  const rootFields = schema.getQueryType()?.getFields() ?? {};
  const args: Record<string, unknown>[] = [];
  try {
    for (const field of fields) {
      const definition = rootFields[field.name.value];
      if (!definition) return { province: null, year: null };
      args.push(getArgumentValues(definition, field, variables));
    }
  } catch {
    return { province: null, year: null };
  }
  const years = new Set(args.map((a) => smallint(a.fiscalYear)));
  const year = years.size === 1 ? [...years][0] : null;
  const province =
    fields.length === 1 && provinceTables.has(fields[0].name.value) ? smallint(args[0].provinceId) : null;
  return { province, year };
};

/**
 * Whole answers of the aggregate tables (national statistics, province implementation
 * tables, "who has not reported", coverage), kept per instance and keyed by caller,
 * document, variables and the data version that triggers raise at the commit of anything
 * those tables count: a hit costs one indexed read of 77 rows instead of the table's SQL
 * and the GraphQL execution of every row, and a report counts the moment it commits
 * (the next request sees a new version and recomputes). Role gates, field access and
 * budgets run before (didResolveOperation), as for any request.
 *
 * Off when there are read replicas: an answer computed on a lagging replica must not be
 * keyed by the primary's newer version (the per-table AggregateCache still works there).
 */
export const aggregateResponseCache = (
  dataSource: DataSource,
  options: { maxBytes?: number } = {},
): ApolloServerPlugin<Context> => {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let totalBytes = 0;
  // Per operation, not per document: a document may hold several operations.
  const shapes = new WeakMap<OperationDefinitionNode, boolean>();
  const enabled = !hasReplicas(dataSource);

  const store = (key: string, entry: Entry) => {
    const previous = entries.get(key);
    if (previous) {
      totalBytes -= previous.bytes;
      entries.delete(key);
    }
    entries.set(key, entry);
    totalBytes += entry.bytes;
    for (const [oldest, old] of entries) {
      if (totalBytes <= maxBytes) break;
      entries.delete(oldest);
      totalBytes -= old.bytes;
    }
  };

  return {
    async requestDidStart() {
      if (!enabled) return;
      let key: string | null = null;
      let version: string | null = null;
      let versionRead: Promise<string | null> | null = null;
      return {
        // Runs beside the other plugins' didResolveOperation (Apollo awaits them together), so the
        // version read overlaps the budget charge instead of adding a round trip after it.
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!request.query || !operation) return;
          let cacheable = shapes.get(operation);
          if (cacheable === undefined) {
            cacheable = isCacheableOperation(schema, document, operation);
            shapes.set(operation, cacheable);
          }
          if (!cacheable) return;
          try {
            key = createHash('sha256')
              .update(
                JSON.stringify([
                  viewerKey(contextValue.viewer),
                  request.query,
                  request.operationName ?? null,
                  // No variables and `{}` are the same request.
                  Object.keys(request.variables ?? {}).length > 0 ? request.variables : null,
                ]),
              )
              .digest('base64url');
          } catch {
            return; // variables nested too deep to serialise (RangeError): not cached, executed as usual
          }
          // Never rejects: a refused request (access, budget) may leave it unawaited; a failed read only means no cache.
          const { province, year } = versionScopeOf(schema, operation, request.variables);
          versionRead = preparedQuery<{ version: string }>(dataSource, 'aggregate-version', versionSql, [
            province,
            year,
          ])
            .then(([row]) => row.version)
            .catch(() => null);
        },
        async responseForOperation() {
          if (!key || !versionRead) return null;
          version = await versionRead;
          if (version === null) return null;
          const hit = entries.get(key);
          if (hit?.version !== version) return null;
          entries.delete(key); // most recently used last
          entries.set(key, hit);
          const headers = new HeaderMap();
          headers.set('x-aggregate-cache', 'HIT');
          const data = {};
          serialised.set(data, hit.text);
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response }) {
          if (!key || version === null || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data || response.http.headers.get('x-aggregate-cache')) return;
          // Stored under the version read before execution: data newer than it only makes the next read miss.
          const text = JSON.stringify(data);
          serialised.set(data, text);
          store(key, { version, text, bytes: text.length * 2 });
        },
      };
    },
  };
};
