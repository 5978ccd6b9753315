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

/*
 * Which operations the aggregate response cache keeps (server/graphql/aggregate-response-cache.ts)
 * and which data versions decide whether a kept answer is still current. The admission of a
 * request (server/graphql/limits/admission.ts) reads that version with the session lookup.
 */

/**
 * What a cached answer may hold: the aggregate tables, and of the records they name only
 * what raises `aggregate_version` when it changes (migrations AggregateVersions and
 * AggregateVersionsOfNames). Every field of the listed row types is computed from
 * `lao_round_summary`, plans and LAO master data (and `ImplementationRow.siteVisitStatus` from
 * site visits, versioned by migration SiteVisitsAndProblems); a field added to one of them must be
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
 * The sum of the versions an operation's answer depends on (migration AggregateVersionsByYear):
 * of one province or all ($1 null), of one fiscal year and "every year" or of all years ($2 null).
 */
export const aggregateVersionSql = (province: string, year: string): string =>
  `SELECT coalesce(sum(version), 0)::text AS version FROM aggregate_version
    WHERE (${province}::smallint IS NULL OR province_id = ${province})
      AND (${year}::smallint IS NULL OR fiscal_year IN (0, ${year}))`;

/** What a cached answer's version covers: one province or all (null), one fiscal year or all (null). */
export type VersionScope = { province: number | null; year: number | null };

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
): VersionScope => {
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
