import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import type { Context } from '../context';
import { preparedQuery } from '../db/prepared';
import { hasReplicas } from '../db/replica';
import { aggregateVersionSql, isCacheableOperation, versionScopeOf } from './aggregate-versions';
import { admissionOf } from './limits/admission';

const versionSql = aggregateVersionSql('$1', '$2');

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
          // Read with the session lookup when the request was measured ahead (server/graphql/limits/admission.ts).
          const ahead = admissionOf(contextValue, request)?.aggregateVersion;
          if (ahead !== undefined) {
            versionRead = Promise.resolve(ahead);
            return;
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
