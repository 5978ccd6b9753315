import type { ApolloServerPlugin } from '@apollo/server';
import type { Pool } from 'pg';
import type { ApiLimits, BudgetRule } from '../../config';
import type { Context } from '../../context';
import { admissionOf } from './admission';
import { BudgetStore, budgetKeyOf, type Charge } from './budget';
import type { CostAnalyzer } from './cost';
import { budgetSpent, displayCost, tooCostly, tooDeep, tooManyAliases } from './errors';
import { log } from '../../request-scope';

/** `extensions.cost` of every response whose operation was measured. */
export type CostReport = {
  /** The operation's cost, computed from the query before execution and charged to the caller's bucket. */
  requested: number;
  /** The most one operation may cost for this caller. */
  limit: number;
  /** The caller's bucket after this request; null when budgets are off for this kind of caller. */
  budget: { capacity: number; remaining: number; restorePerSecond: number } | null;
};

/** The most one operation may cost a caller under `rule`: over its bucket's capacity it could never be admitted. */
export const costLimitOf = (limits: ApiLimits, rule: BudgetRule): number =>
  rule.capacity > 0 ? Math.min(limits.maxCost, rule.capacity) : limits.maxCost;

/** `extensions.cost` of an operation that was charged `requested` points (no charge: budgets off or unavailable). */
export const costReportOf = (
  limits: ApiLimits,
  rule: BudgetRule,
  requested: number,
  charge: Charge | undefined,
): CostReport => ({
  requested,
  limit: costLimitOf(limits, rule),
  budget: charge
    ? { capacity: rule.capacity, remaining: charge.remaining, restorePerSecond: rule.restorePerSecond }
    : null,
});

/** The store of every caller's budget; buckets untouched longer than any fills back in are pruned. */
export const budgetStoreFor = (limits: ApiLimits, pool: Pool): BudgetStore => {
  const rules = Object.values(limits.budgets);
  const drainSeconds = Math.max(
    3600,
    ...rules.map((rule) => (rule.restorePerSecond > 0 ? rule.capacity / rule.restorePerSecond : 0)),
  );
  return new BudgetStore(pool, drainSeconds);
};

/**
 * Static limits checked before execution (depth, aliases, cost; tokens are
 * Apollo's `parseOptions.maxTokens`) and the caller's leaky-bucket budget,
 * charged with the operation's cost before it runs. Adds `extensions.cost`.
 * A signed-in caller's request usually arrives measured and charged already
 * (`contextValue.admission`, charged with the session lookup): the same checks
 * and the same charge, one round trip fewer.
 */
export const apiLimitsPlugin = (
  limits: ApiLimits,
  budgets: BudgetStore,
  analyzer: CostAnalyzer,
): ApolloServerPlugin<Context> => {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, operation, request, contextValue, response }) {
          if (!operation) return; // Apollo answers the unknown operation name
          const measured = admissionOf(contextValue, request);
          const shape = measured?.shape ?? analyzer.measure(document, operation, request.variables);
          if (shape.depth > limits.maxDepth) {
            response.http.status = 400;
            throw tooDeep(shape.depth, limits.maxDepth);
          }
          if (shape.aliases > limits.maxAliases) {
            response.http.status = 400;
            throw tooManyAliases(shape.aliases, limits.maxAliases);
          }
          const { key, tier } = budgetKeyOf(contextValue.viewer, contextValue.clientAddress);
          const rule = limits.budgets[tier];
          const limit = costLimitOf(limits, rule);
          // Every operation costs at least 1, so that a flood of trivial ones still drains the bucket.
          const requested = Math.max(1, displayCost(shape.cost));
          report = costReportOf(limits, rule, requested, undefined);
          if (shape.cost > limit) {
            response.http.status = 400;
            throw tooCostly(shape.cost, limit);
          }
          if (rule.capacity <= 0) return;
          let charge: Charge | undefined = measured?.charge;
          try {
            charge ??= await budgets.charge(key, requested, rule);
          } catch (error) {
            // A budget that cannot be read must not take the API down with it: let the request through.
            log().error({ err: error }, 'API budget unavailable; request let through');
            return;
          }
          report = costReportOf(limits, rule, requested, charge);
          if (!charge.admitted) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(charge.retryAfterSeconds));
            throw budgetSpent({
              retryAfterSeconds: charge.retryAfterSeconds,
              cost: requested,
              remaining: charge.remaining,
              capacity: rule.capacity,
              restorePerSecond: rule.restorePerSecond,
            });
          }
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
};
