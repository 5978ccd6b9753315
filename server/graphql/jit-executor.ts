import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  execute,
  GraphQLError,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** graphql-jit's errors as graphql-js ones (with `extensions`, which Apollo reads), the cause kept. */
const asGraphQLError = (error: GraphQLError): GraphQLError =>
  error instanceof GraphQLError && error.extensions
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: error.extensions ?? {},
      });

/**
 * Executes operations with graphql-jit: each document (Apollo keeps one parsed document per
 * query text) is compiled once per operation into plain functions, instead of graphql-js
 * interpreting the whole selection for every row of every request. Resolvers, scalars and
 * errors are the schema's own. Apollo still parses, validates and runs every plugin; only
 * execution changes. Whatever graphql-jit cannot compile, and any request whose variables
 * do not coerce, runs on graphql-js, so invalid variables get graphql-js's own errors
 * (Apollo's BAD_USER_INPUT, HTTP 400).
 */
export const jitExecutor = (schema: GraphQLSchema, maxDocuments = 500): GatewayExecutor => {
  // Per document (Apollo keeps one parsed document per query text), then per operation name; the
  // least recently used document's compiled code goes first past `maxDocuments` (compiled code is
  // far larger than its document, and an analyst's one-off queries must not accumulate).
  const compiled = new Map<DocumentNode, Map<string | null, CompiledQuery | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    const byName = compiled.get(document) ?? new Map<string | null, CompiledQuery | null>();
    compiled.delete(document); // most recently used last
    compiled.set(document, byName);
    if (compiled.size > maxDocuments) compiled.delete(compiled.keys().next().value as DocumentNode);
    let query = byName.get(operationName);
    if (query === undefined) {
      try {
        const result = compileQuery(schema, document, operationName ?? undefined);
        query = isCompiledQuery(result) ? result : null;
      } catch {
        query = null; // graphql-jit cannot compile it: graphql-js runs it
      }
      byName.set(operationName, query);
    }
    return query;
  };

  return async (requestContext) => {
    const { document, operationName, context, request } = requestContext;
    // Apollo leaves `operation` unset when the document has no operation of that name.
    const operation = requestContext.operation as OperationDefinitionNode | undefined;
    const variables = request.variables ?? {};
    const query = operation ? compiledFor(document, operationName) : null;
    const coerced =
      query && operation ? getVariableValues(schema, operation.variableDefinitions ?? [], variables) : null;
    if (!query || !coerced?.coerced) {
      // The name the caller sent: `operationName` here is the resolved operation's, null when none was.
      const { operationName: requested } = request;
      return execute({
        schema,
        document,
        operationName: requested,
        contextValue: context,
        variableValues: variables,
      });
    }
    // The values graphql-js coerced (input fields' defaults filled in, which graphql-jit's own
    // coercion does not do); coercing them again leaves them as they are.
    const result = (await query.query(undefined, context, coerced.coerced)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
};

/**
 * Apollo Server 4+ takes a custom executor only through its gateway interface: a "gateway"
 * that serves this one local schema and executes with `jitExecutor`.
 */
export const jitGateway = (schema: GraphQLSchema): GatewayInterface => ({
  onSchemaLoadOrUpdate(callback) {
    callback({ apiSchema: schema, coreSupergraphSdl: '' });
    return () => {};
  },
  async load() {
    return { executor: jitExecutor(schema) };
  },
  async stop() {},
});
