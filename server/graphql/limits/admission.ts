import type { NextFunction, Request, Response } from 'express';
import {
  type DocumentNode,
  type GraphQLSchema,
  getOperationAST,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { anonymous, type Viewer } from '../../auth/viewer';
import type { ApiLimits, BudgetRule } from '../../config';
import { preparedQuery } from '../../db/prepared';
import { databaseFailureOf } from '../../errors/database-errors';
import {
  type SessionService,
  type SessionViewerRow,
  sessionViewerSql,
  viewerOf,
} from '../../modules/account/session.service';
import { type BudgetStore, type Charge, chargeCtes, chargeOf } from './budget';
import { type CostAnalyzer, type OperationShape } from './cost';
import { displayCost } from './errors';
import {
  aggregateVersionSql,
  isCacheableOperation,
  type VersionScope,
  versionScopeOf,
} from '../aggregate-versions';
import { knownOperationTypes } from '../request-checks';
import { log } from '../../request-scope';

/**
 * A request measured before Apollo runs it, so that a signed-in caller's budget is charged
 * in the same statement as the session lookup (one round trip instead of two on every
 * signed-in request). The limits plugin uses it when Apollo's request carries the same
 * query and operation name; otherwise it measures and charges as for any caller.
 */
export type Admission = {
  query: string;
  operationName: string | null;
  shape: OperationShape;
  /** What the operation costs the caller (at least 1), as the plugin would charge it. */
  requested: number;
  /** The account's bucket after the charge made with the session lookup; absent: not charged yet. */
  charge?: Charge;
  /** For an operation the aggregate response cache keeps: what its data version covers. */
  versionScope?: VersionScope;
  /** That version, read by the session lookup's statement; absent: not read ahead. */
  aggregateVersion?: string;
};

/** The request's admission, when it was measured ahead for this very query text and operation name. */
export const admissionOf = (
  context: { admission?: Admission },
  request: { query?: string; operationName?: string | null },
): Admission | undefined => {
  const { admission } = context;
  return admission !== undefined &&
    admission.query === request.query &&
    admission.operationName === (request.operationName ?? null)
    ? admission
    : undefined;
};

/** Largest query text measured ahead (longer ones take the usual path) and how many texts are kept parsed. */
const maxQueryLength = 20_000;
const maxDocuments = 500;

/**
 * Parses and validates query texts once (kept per text, like Apollo's own document
 * cache) and measures each request's operation with its variables. Only an operation
 * that Apollo would execute and the static limits admit (valid, named or alone in its
 * document, within depth, aliases and cost) is measured ahead: anything else is refused
 * by Apollo or by the limits plugin exactly as before, and never charged here.
 */
export class Preflight {
  private readonly documents = new Map<string, DocumentNode | null>();
  private readonly cacheable = new WeakMap<OperationDefinitionNode, boolean>();

  /** `aggregateVersions`: whether the aggregate response cache runs (it reads versions measured here). */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly analyzer: CostAnalyzer,
    private readonly limits: ApiLimits,
    private readonly options: { aggregateVersions: boolean } = { aggregateVersions: false },
  ) {}

  /** The admission of a JSON request body for a caller whose bucket holds `capacity`, or null. */
  measure(body: unknown, capacity: number): Omit<Admission, 'charge'> | null {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const { query, operationName, variables } = body as Record<string, unknown>;
    if (typeof query !== 'string' || query.length > maxQueryLength) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return null;
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    )
      return null;
    const document = this.document(query);
    const operation = document ? getOperationAST(document, operationName ?? undefined) : null;
    if (!document || !operation) return null;
    const shape = this.analyzer.measure(
      document,
      operation,
      (variables ?? undefined) as Record<string, unknown>,
    );
    const limit = Math.min(this.limits.maxCost, capacity);
    if (shape.depth > this.limits.maxDepth || shape.aliases > this.limits.maxAliases || shape.cost > limit)
      return null;
    return {
      query,
      operationName: operationName ?? null,
      shape,
      requested: Math.max(1, displayCost(shape.cost)),
      versionScope: this.isCacheable(document, operation)
        ? versionScopeOf(this.schema, operation, (variables ?? undefined) as Record<string, unknown>)
        : undefined,
    };
  }

  private isCacheable(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    if (!this.options.aggregateVersions) return false;
    let cacheable = this.cacheable.get(operation);
    if (cacheable === undefined) {
      cacheable = isCacheableOperation(this.schema, document, operation);
      this.cacheable.set(operation, cacheable);
    }
    return cacheable;
  }

  private document(query: string): DocumentNode | null {
    const known = this.documents.get(query);
    if (known !== undefined) return known;
    let document: DocumentNode | null = null;
    try {
      const parsed = parse(query, { maxTokens: this.limits.maxTokens });
      const errors = validate(this.schema, parsed, [...specifiedRules, knownOperationTypes], {
        maxErrors: 1,
      });
      document = errors.length === 0 ? parsed : null;
    } catch {
      document = null; // a syntax error: Apollo answers it
    }
    if (this.documents.size >= maxDocuments)
      this.documents.delete(this.documents.keys().next().value as string);
    this.documents.set(query, document);
    return document;
  }
}

/**
 * The admission statement: the session lookup (`sessionViewerSql`, $1 session, $2 account), the
 * charge of the account's budget ($3 cost, $4 capacity, $5 restore rate; bucket `account:<id>`
 * as `budgetKeyOf` names it) and, when $6, the aggregate data version of province $7 and fiscal
 * year $8 (null: all) that the aggregate response cache would read next (the subquery runs only
 * then), in one round trip. No row: no valid session, and nothing was charged.
 */
const sessionChargeSql = `
  WITH viewer AS (${sessionViewerSql}),
  ${chargeCtes('viewer', `'account:' || viewer.account_id`, '$3', '$4', '$5')}
  SELECT v.*, c.admitted, c.level,
         CASE WHEN $6::boolean THEN (${aggregateVersionSql('$7', '$8')}) END AS aggregate_version
    FROM viewer v LEFT JOIN charged c ON true`;

type SessionLookup = Pick<SessionService, 'resolveViewer' | 'sessionClaims'>;

/**
 * Who calls, and for a session JWT the charge of `cost` to the account's budget in the same
 * statement. `charge` is null when nothing was charged (anonymous callers, API keys, a session
 * that is no longer valid): the limits plugin then charges as usual.
 */
const resolveViewerCharging = async (
  dataSource: DataSource,
  sessions: SessionLookup,
  authorization: string | undefined,
  cost: number,
  rule: BudgetRule,
  budgets: BudgetStore,
  versionScope: VersionScope | null,
): Promise<{ viewer: Viewer; charge: Charge | null; aggregateVersion: string | null }> => {
  const claims = sessions.sessionClaims(authorization);
  if (!claims)
    return {
      viewer: await sessions.resolveViewer(authorization, 'keep'),
      charge: null,
      aggregateVersion: null,
    };
  const [row] = await preparedQuery<
    SessionViewerRow & { admitted: boolean | null; level: number | null; aggregate_version: string | null }
  >(dataSource, 'session-viewer-charge', sessionChargeSql, [
    claims.sid,
    claims.sub,
    cost,
    rule.capacity,
    rule.restorePerSecond,
    versionScope !== null,
    versionScope?.province ?? null,
    versionScope?.year ?? null,
  ]);
  if (!row) return { viewer: anonymous, charge: null, aggregateVersion: null };
  budgets.pruneNowAndThen();
  return {
    viewer: viewerOf(row),
    charge: chargeOf(row, cost, rule),
    aggregateVersion: row.aggregate_version,
  };
};

/**
 * Who calls, and for a signed-in caller the charge of a measured request to its account's
 * bucket, in one statement. Without budgets, for other callers and for requests not measured
 * ahead, the session is looked up alone and the limits plugin charges as before.
 */
export const admitter =
  (
    preflight: Preflight,
    sessions: SessionLookup,
    budgets: BudgetStore,
    rule: BudgetRule,
    dataSource: DataSource,
  ) =>
  async (authorization: string | undefined, body: unknown): Promise<Admitted> => {
    const measured =
      rule.capacity > 0 && /^Bearer\s+(?!lpk_)\S/i.test(authorization ?? '')
        ? preflight.measure(body, rule.capacity)
        : null;
    if (!measured) return { viewer: await sessions.resolveViewer(authorization, 'keep') };
    try {
      const { viewer, charge, aggregateVersion } = await resolveViewerCharging(
        dataSource,
        sessions,
        authorization,
        measured.requested,
        rule,
        budgets,
        measured.versionScope ?? null,
      );
      return {
        viewer,
        admission: {
          ...measured,
          ...(charge ? { charge } : {}),
          ...(aggregateVersion !== null ? { aggregateVersion } : {}),
        },
      };
    } catch (error) {
      // The database itself out of reach or past its bounds: asking it again would only double the wait.
      if (databaseFailureOf(error)) throw error;
      // As when the plugin charges: a budget that cannot be written must not take the API down.
      log().error({ err: error }, 'API budget unavailable; session looked up alone');
      return { viewer: await sessions.resolveViewer(authorization, 'keep'), admission: measured };
    }
  };

/** Who calls and, when it was measured ahead, the request's admission. */
export type Admitted = { viewer: Viewer; admission?: Admission };

const admittedRequests = new WeakMap<Request, Promise<Admitted>>();

/**
 * Express middleware before Apollo: starts each request's admission (session lookup, charge,
 * version read) and keeps it for the context and for the aggregate answers served ahead of
 * Apollo (server/graphql/aggregate-response-cache.ts). A failed admission is answered by Apollo,
 * whose context awaits it, as when the context made it itself.
 */
export const admitRequests =
  (admit: ReturnType<typeof admitter>) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    const admitted = admit(req.headers.authorization, req.body);
    admitted.catch(() => undefined); // awaited (and answered) by the context
    admittedRequests.set(req, admitted);
    next();
  };

/** The admission `admitRequests` started for this request, if it did. */
export const admittedOf = (req: Request): Promise<Admitted> | undefined => admittedRequests.get(req);
