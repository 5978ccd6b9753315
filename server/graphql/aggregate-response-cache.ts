import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { OperationDefinitionNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import type { ApiLimits } from '../config';
import type { Context } from '../context';
import { preparedQuery } from '../db/prepared';
import { hasReplicas } from '../db/replica';
import { aggregateVersionSql, isCacheableOperation, versionScopeOf } from './aggregate-versions';
import { admissionOf, admittedOf } from './limits/admission';
import { costReportOf } from './limits/plugin';

const versionSql = aggregateVersionSql('$1', '$2');

/** How long a request waits for the same answer computed by another before computing it itself. */
const coalesceWaitMs = 10_000;

/**
 * Whose answer it is: everything the role gates, field access and record policies read of a
 * caller (server/auth/access-rules.ts, policy.ts), and nothing else, so that analysts with the
 * same access share answers (twenty central analysts opening the national statistics after a
 * report cost one computation, not twenty) and an account moved to another province gets new
 * ones. The tables' answers hold nothing of the caller beyond what that access selects.
 */
const viewerKey = (viewer: Viewer): unknown[] => {
  if (viewer.kind === 'account') return [viewer.kind, viewer.role, viewer.laoId, viewer.provinceIds];
  if (viewer.kind === 'partner') return [viewer.kind, viewer.scopes, viewer.provinceIds];
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
 * tables, "who has not reported", coverage), kept per instance and keyed by access,
 * document, variables and the data version that triggers raise at the commit of anything
 * those tables count: a hit costs one indexed read of 77 rows instead of the table's SQL
 * and the GraphQL execution of every row, and a report counts the moment it commits
 * (the next request sees a new version and recomputes).
 *
 * Two ways in. The Apollo plugin (`plugin()`) stores answers, and serves a hit after role
 * gates, field access and budgets have run (didResolveOperation), as for any request. A
 * signed-in request whose admission read the version and charged the budget with the session
 * lookup is answered ahead of Apollo (`answerAhead`): an answer is only stored for a request
 * that passed every gate without an error, and is only served again to a caller with the
 * same access (kind, role, LAO and province: all the gates read) for the same document and
 * variables, so the gates would decide as they did; the session is looked up and the
 * caller's own budget charged all the same.
 *
 * Off when there are read replicas: an answer computed on a lagging replica must not be
 * keyed by the primary's newer version (the per-table AggregateCache still works there).
 */
export class AggregateResponseCache {
  private readonly maxBytes: number;
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  // Per operation, not per document: a document may hold several operations.
  private readonly shapes = new WeakMap<OperationDefinitionNode, boolean>();
  private readonly enabled: boolean;
  /** Answers being computed, by version and key: a request missing the same answer waits for it. */
  private readonly computing = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly dataSource: DataSource,
    options: { maxBytes?: number } = {},
  ) {
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.enabled = !hasReplicas(dataSource);
  }

  /** The key of an answer, or null when the variables cannot be serialised (nested too deep: RangeError). */
  private keyOf(
    viewer: Viewer,
    query: string,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): string | null {
    try {
      return createHash('sha256')
        .update(
          JSON.stringify([
            viewerKey(viewer),
            query,
            operationName ?? null,
            // No variables and `{}` are the same request.
            Object.keys(variables ?? {}).length > 0 ? variables : null,
          ]),
        )
        .digest('base64url');
    } catch {
      return null;
    }
  }

  /** The stored text under `key` if it was made at `version` (then it is the most recently used). */
  private current(key: string, version: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit?.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.text;
  }

  /**
   * The answer another request is computing under `key` at `version`, once it is made (undefined:
   * none is, it ended in errors, or it took longer than `coalesceWaitMs`, then given up on for all).
   */
  private async computed(key: string, version: string): Promise<string | undefined> {
    const id = `${version} ${key}`;
    const pending = this.computing.get(id);
    if (!pending) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), coalesceWaitMs);
    });
    const text = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (text !== 'late') return text;
    if (this.computing.get(id) === pending) this.computing.delete(id);
    return undefined;
  }

  /** Registers this request as computing `key` at `version`; the returned function ends it with its text. */
  private startComputing(key: string, version: string): (text: string | undefined) => void {
    const id = `${version} ${key}`;
    let finish: (text: string | undefined) => void = () => {};
    const pending = new Promise<string | undefined>((resolve) => {
      finish = resolve;
    });
    this.computing.set(id, pending);
    return (text) => {
      if (this.computing.get(id) === pending) this.computing.delete(id);
      finish(text);
    };
  }

  private store(key: string, entry: Entry): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.totalBytes -= previous.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= old.bytes;
    }
  }

  /**
   * Express middleware between `admitRequests` and Apollo: answers a signed-in request whose
   * admission read the data version and charged the caller's budget, when the answer stored
   * for it is current; everything else (a miss, a refused or uncharged request, a caller
   * preferring `application/graphql-response+json`) goes on to Apollo.
   */
  answerAhead(limits: ApiLimits) {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const admitted = this.enabled ? admittedOf(req) : undefined;
      if (!admitted) return next();
      let viewer: Viewer;
      let admission: Awaited<typeof admitted>['admission'];
      try {
        ({ viewer, admission } = await admitted);
      } catch {
        return next(); // Apollo's context awaits it again and answers the failure
      }
      const version = admission?.aggregateVersion;
      if (!admission || version === undefined || !admission.charge?.admitted || viewer.kind !== 'account')
        return next();
      if (req.accepts(['application/json', 'application/graphql-response+json']) !== 'application/json')
        return next();
      const { variables } = req.body as { variables?: Record<string, unknown> | null };
      const key = this.keyOf(viewer, admission.query, admission.operationName, variables);
      const text = key === null ? undefined : this.current(key, version);
      if (text === undefined) return next();
      const cost = costReportOf(limits, limits.budgets.account, admission.requested, admission.charge);
      res.set({ 'content-type': 'application/json; charset=utf-8', 'x-aggregate-cache': 'HIT' });
      res.send(`{"data":${text},"extensions":${JSON.stringify({ cost })}}\n`);
    };
  }

  /** The Apollo plugin: stores answers, and serves the hits that were not answered ahead. */
  plugin(): ApolloServerPlugin<Context> {
    const { dataSource, shapes } = this;
    return {
      requestDidStart: async () => {
        if (!this.enabled) return;
        let key: string | null = null;
        let version: string | null = null;
        let versionRead: Promise<string | null> | null = null;
        let finishComputing: ((text: string | undefined) => void) | null = null;
        return {
          // Runs beside the other plugins' didResolveOperation (Apollo awaits them together), so the
          // version read overlaps the budget charge instead of adding a round trip after it.
          didResolveOperation: async ({ schema, document, operation, request, contextValue }) => {
            if (!request.query || !operation) return;
            let cacheable = shapes.get(operation);
            if (cacheable === undefined) {
              cacheable = isCacheableOperation(schema, document, operation);
              shapes.set(operation, cacheable);
            }
            if (!cacheable) return;
            key = this.keyOf(contextValue.viewer, request.query, request.operationName, request.variables);
            if (key === null) return; // not cached, executed as usual
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
          responseForOperation: async () => {
            if (!key || !versionRead) return null;
            version = await versionRead;
            if (version === null) return null;
            // A miss while another request computes the same answer waits for it (many analysts
            // opening a table the moment a report lands cost one computation, not one each).
            const text = this.current(key, version) ?? (await this.computed(key, version));
            if (text === undefined) {
              finishComputing = this.startComputing(key, version);
              return null;
            }
            const headers = new HeaderMap();
            headers.set('x-aggregate-cache', 'HIT');
            const data = {};
            serialised.set(data, text);
            return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: { data } } };
          },
          willSendResponse: async ({ response }) => {
            let text: string | undefined;
            try {
              if (!key || version === null || response.body.kind !== 'single') return;
              const { data, errors } = response.body.singleResult;
              if (errors?.length || !data || response.http.headers.get('x-aggregate-cache')) return;
              // Stored under the version read before execution: data newer than it only makes the next read miss.
              text = JSON.stringify(data);
              serialised.set(data, text);
              this.store(key, { version, text, bytes: text.length * 2 });
            } finally {
              finishComputing?.(text);
            }
          },
        };
      },
    };
  }
}
