import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
} from 'graphql';

/*
 * The cost model (also in docs/api.md, "Limits and cost"):
 *
 * - A field that returns an object costs 1 plus the cost of its selection; a scalar
 *   or enum costs 0.
 * - A list field multiplies the cost of one item (1 + its selection) by its size:
 *   a declared estimate (`listSizeEstimates`, which may read the arguments), else
 *   its `first`, `last` or `limit` argument, else `defaultListSize`.
 * - A connection (a type with `edges`) takes its page size the same way; its
 *   `edges` (and `nodes`) are multiplied by that size, `pageInfo` and
 *   `totalCount` are not.
 * - A root mutation field costs `mutationCost` (10) instead of 1: writes are dearer.
 * - Introspection counts too, with list sizes taken from the schema itself (how
 *   many types, fields per type on average, ...); `ofType`, a type wrapper, is
 *   free and adds no depth, so GraphiQL's standard introspection query passes.
 * - Depth counts nested field levels (fragments and inline fragments add none);
 *   aliases are counted after expanding fragments.
 *
 * `@skip`/`@include` are ignored (the cost is what could run), and so is the real
 * size of a result: the cost is known before execution, from the query alone.
 */

/** A list's size: a number, or computed from the field's arguments. */
export type ListSizeEstimate = number | ((args: Record<string, unknown>) => number);

/** Largest number of LAOs in one province (Nakhon Ratchasima has about 330) and in the country. */
const laosPerProvince = 400;
const laosPerDistrict = 60;
const laosInCountry = 8000;
const lesser = (limit: unknown, bound: number): number =>
  typeof limit === 'number' ? Math.min(limit, bound) : bound;

/**
 * Declared sizes of plain list fields (`Type.field`), used instead of `first`/`limit`
 * or the default. Thailand has 77 provinces and 928 districts: a province has 12 on
 * average (Bangkok 50), and since districts are mostly read under all provinces the
 * average keeps `provinces { districts }` near its real 1,005 objects. A plan cycle
 * has up to five fiscal years and two rounds each.
 */
export const listSizeEstimates: Record<string, ListSizeEstimate> = {
  'Query.provinces': 77,
  'Province.districts': 13,
  'Query.statistics': 77,
  'Query.publicStatistics': 77,
  'Query.reportingCoverage': (args) => (args.provinceId ? 50 : 1000),
  'Query.reportingRounds': 2,
  'Query.planCycles': 10,
  'Query.budgetByDimension': 4,
  'ApiKey.provinces': 10,
  // One SQL statement however large; the rows are bounded by where they are taken from.
  'Query.implementation': (args) =>
    args.laoId
      ? 1
      : args.districtId
        ? lesser(args.first, laosPerDistrict)
        : args.provinceId
          ? lesser(args.first, laosPerProvince)
          : lesser(args.first, laosInCountry),
  'Query.publicImplementation': laosPerProvince,
  'StatisticsRow.laoTypes': 7,
  'LaoSummary.dimensions': 4,
  'LaoSummary.workTypes': 4,
  'LaoSummary.rounds': 2,
  'Plan.assessments': 5,
  'Report.revisions': 5,
  // Files attached to one report: a few photos and documents (the public page asks for each report's).
  'Report.evidence': 10,
  'Report.publicPhotos': 5,
  'Mutation.issueActivationCodesForProvince': laosPerProvince,
  'Mutation.reviewProjects': 200,
};

export type CostOptions = {
  /** Size of a list with neither an estimate nor a size argument. */
  defaultListSize: number;
  /** What a root mutation field costs instead of 1. */
  mutationCost: number;
  estimates: Record<string, ListSizeEstimate>;
};

export const defaultCostOptions: CostOptions = {
  defaultListSize: 100,
  mutationCost: 10,
  estimates: listSizeEstimates,
};

/** What the static checks measure of one operation. */
export type OperationShape = { depth: number; aliases: number; cost: number };

const average = (counts: number[]): number =>
  counts.length === 0 ? 1 : Math.max(1, Math.ceil(counts.reduce((sum, n) => sum + n, 0) / counts.length));

/** Introspection list sizes, read off the schema: `types × fields per type` is then about all fields. */
const introspectionEstimates = (schema: GraphQLSchema): Record<string, number> => {
  const types = Object.values(schema.getTypeMap());
  const withFields = types.filter((type) => isObjectType(type) || isInterfaceType(type));
  const fields = withFields.flatMap((type) => Object.values(type.getFields()));
  const directives = schema.getDirectives();
  return {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Directive.args': average(directives.map((directive) => directive.args.length)),
    '__Type.fields': average(withFields.map((type) => Object.keys(type.getFields()).length)),
    '__Type.inputFields': average(
      types.filter(isInputObjectType).map((type) => Object.keys(type.getFields()).length),
    ),
    '__Type.enumValues': average(types.filter(isEnumType).map((type) => type.getValues().length)),
    '__Type.interfaces': average(types.filter(isObjectType).map((type) => type.getInterfaces().length)),
    '__Type.possibleTypes': average(
      types.filter(isAbstractType).map((type) => schema.getPossibleTypes(type).length),
    ),
    '__Field.args': average(fields.map((field) => field.args.length)),
  };
};

const sizeArgument = (args: Record<string, unknown>): number | undefined => {
  for (const name of ['first', 'last', 'limit']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return undefined;
};

const isConnection = (type: GraphQLNamedType): boolean =>
  isObjectType(type) &&
  'edges' in type.getFields() &&
  isListType(getNullableType(type.getFields().edges.type));

/**
 * Measures operations of one schema. Fragment results are memoised, so a
 * document that spreads fragments exponentially is still measured in linear time
 * (and its cost comes out as large as it really is).
 */
export class CostAnalyzer {
  private readonly estimates: Record<string, ListSizeEstimate>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: CostOptions = defaultCostOptions,
  ) {
    this.estimates = { ...introspectionEstimates(schema), ...options.estimates };
  }

  measure(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    rawVariables: Record<string, unknown> | undefined,
  ): OperationShape {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], rawVariables ?? {}, {
      maxErrors: 1,
    });
    // Invalid variables fail the request before execution; until then, sizes fall back to estimates.
    const variables = coerced.coerced ?? {};
    const memo = new Map<string, OperationShape>();
    const visiting = new Set<string>();
    const schema = this.schema;
    const mutationType = schema.getMutationType();

    const argumentsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
      try {
        return getArgumentValues(field, node, variables);
      } catch {
        return {};
      }
    };

    const listSize = (parent: GraphQLCompositeType, name: string, args: Record<string, unknown>): number => {
      const estimate = this.estimates[`${parent.name}.${name}`];
      if (typeof estimate === 'function') return estimate(args);
      if (typeof estimate === 'number') return estimate;
      return sizeArgument(args) ?? this.options.defaultListSize;
    };

    const fieldDefinition = (parent: GraphQLCompositeType, name: string) => {
      if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
      return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    };

    const walk = (
      parent: GraphQLCompositeType,
      selectionSet: SelectionSetNode,
      pageSize: number | undefined,
    ): OperationShape => {
      const total: OperationShape = { depth: 0, aliases: 0, cost: 0 };
      const add = (shape: OperationShape) => {
        total.depth = Math.max(total.depth, shape.depth);
        total.aliases += shape.aliases;
        total.cost += shape.cost;
      };
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          add(fieldShape(parent, selection, pageSize));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition
            ? schema.getType(selection.typeCondition.name.value)
            : parent;
          add(walk(isCompositeType(condition) ? condition : parent, selection.selectionSet, pageSize));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          const key = `${name}:${pageSize ?? ''}`;
          if (!fragment || visiting.has(key)) continue; // validation rejects unknown and cyclic fragments
          let shape = memo.get(key);
          if (!shape) {
            visiting.add(key);
            const condition = schema.getType(fragment.typeCondition.name.value);
            shape = walk(isCompositeType(condition) ? condition : parent, fragment.selectionSet, pageSize);
            visiting.delete(key);
            memo.set(key, shape);
          }
          add(shape);
        }
      }
      return total;
    };

    const fieldShape = (
      parent: GraphQLCompositeType,
      node: FieldNode,
      pageSize: number | undefined,
    ): OperationShape => {
      const name = node.name.value;
      const alias = node.alias ? 1 : 0;
      const field = fieldDefinition(parent, name);
      const type = field ? getNamedType(field.type) : undefined;
      if (!field || !type || isLeafType(type) || !node.selectionSet || !isCompositeType(type)) {
        return { depth: 1, aliases: alias, cost: parent === mutationType ? this.options.mutationCost : 0 };
      }
      const args = argumentsOf(field, node);
      const list = isListType(getNullableType(field.type));
      const inConnectionPage = pageSize !== undefined && (name === 'edges' || name === 'nodes');
      const size = list ? (inConnectionPage ? pageSize : listSize(parent, name, args)) : 1;
      const childPageSize = isConnection(type) ? listSize(parent, name, args) : undefined;
      const child = walk(type, node.selectionSet, childPageSize);
      // `ofType` only unwraps a type reference: no new object, no new level.
      const wrapper = parent.name === '__Type' && name === 'ofType';
      const own = wrapper ? 0 : 1;
      const itemCost = own + child.cost;
      const cost =
        parent === mutationType
          ? this.options.mutationCost + (list ? size * itemCost : child.cost)
          : size * itemCost;
      return { depth: own + child.depth, aliases: alias + child.aliases, cost };
    };

    const root =
      operation.operation === 'mutation'
        ? schema.getMutationType()
        : operation.operation === 'subscription'
          ? schema.getSubscriptionType()
          : schema.getQueryType();
    if (!root) return { depth: 0, aliases: 0, cost: 0 };
    return walk(root, operation.selectionSet, undefined);
  }
}
