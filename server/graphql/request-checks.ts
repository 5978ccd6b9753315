import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, type ValidationRule, visit } from 'graphql';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

/**
 * graphql-js 16 validates a `subscription` (the schema has none) and only fails it while
 * executing, with an error without a code; this rule refuses it at validation
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400), as graphql-js 17's KnownOperationTypesRule does.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`ระบบไม่รองรับคำสั่งประเภท ${node.operation} (รองรับเฉพาะ query และ mutation)`, {
          nodes: node,
        }),
      );
    }
  },
});

/**
 * Text PostgreSQL cannot store: U+0000 (text and jsonb refuse it) and lone UTF-16 surrogates
 * (json refuses their escapes, so the audit log could not record the arguments).
 */
// eslint-disable-next-line no-control-regex -- U+0000 is what it looks for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a JSON value holds unstorable text anywhere; iterative, so deep nesting cannot overflow the stack. */
const holdsUnstorable = (root: unknown): boolean => {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (unstorable.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const inner of value) pending.push(inner);
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) pending.push(inner);
    }
  }
  return false;
};

/**
 * A string argument holding text PostgreSQL cannot store made every query it reached fail with
 * INTERNAL_SERVER_ERROR (and its audit record be lost). Refuses such a request before it runs
 * (BAD_USER_INPUT, HTTP 400): string literals of the document and the operation's variables.
 */
export const rejectUnstorableText = (): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, response }) {
        let found = false;
        visit(document, {
          StringValue(node) {
            if (!unstorable.test(node.value)) return undefined;
            found = true;
            return BREAK;
          },
        });
        const variables = request.variables ?? {};
        found ||= (operation?.variableDefinitions ?? []).some((definition) =>
          holdsUnstorable(variables[definition.variable.name.value]),
        );
        if (!found) return;
        response.http.status = 400;
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          'ข้อมูลที่ส่งมีอักขระที่ระบบจัดเก็บไม่ได้ (อักขระ NUL หรือรหัส Unicode ที่ไม่สมบูรณ์) กรุณาลบอักขระนั้นแล้วส่งใหม่',
          { fields: [] },
        );
      },
    };
  },
});
