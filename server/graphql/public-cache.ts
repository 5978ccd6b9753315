import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { type DocumentNode, Kind, parse } from 'graphql';

type Entry = { body: string; expires: number };

const isQuery = (document: DocumentNode, operationName: unknown): boolean => {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const chosen =
    typeof operationName === 'string'
      ? operations.find((o) => o.name?.value === operationName)
      : operations[0];
  return operations.length > 0 && chosen?.operation === 'query';
};

/**
 * What a HIT serves: the answer without `extensions.cost`, which describes the first caller's
 * budget (a HIT reaches neither Apollo nor the database, so it costs nothing and shows no cost).
 */
const withoutCost = (body: string): string => {
  if (!body.includes('"cost"')) return body;
  const parsed = JSON.parse(body) as { extensions?: Record<string, unknown> };
  if (!parsed.extensions) return body;
  delete parsed.extensions.cost;
  if (Object.keys(parsed.extensions).length === 0) delete parsed.extensions;
  return JSON.stringify(parsed);
};

/**
 * A short-lived shared cache of anonymous GraphQL reads, so a surge of citizens
 * opening the same public pages reaches the database once per key and TTL.
 * Requests with a token, mutations and error answers are never cached. Each
 * server instance keeps its own (a TTL of seconds makes that harmless).
 */
export const publicGraphqlCache = (options: {
  ttlSeconds: number;
  maxEntries?: number;
  maxTokens?: number;
}) => {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 2000;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.ttlSeconds <= 0 || req.method !== 'POST' || req.headers.authorization) return next();
    const { query, variables, operationName } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof query !== 'string') return next();
    try {
      if (!isQuery(parse(query, { maxTokens: options.maxTokens }), operationName)) return next();
    } catch {
      return next(); // Apollo answers the syntax error
    }
    let key: string;
    try {
      key = createHash('sha256')
        .update(JSON.stringify([query, variables ?? null, operationName ?? null]))
        .digest('hex');
    } catch {
      return next(); // variables nested too deep to serialise (RangeError): not cached, Apollo answers
    }
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.expires > now) {
      res.set({
        'content-type': 'application/json; charset=utf-8',
        'x-cache': 'HIT',
        'cache-control': `public, max-age=${options.ttlSeconds}`,
      });
      res.send(hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && !body.includes('"errors"')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, { body: withoutCost(body), expires: now + options.ttlSeconds * 1000 });
        res.set({ 'x-cache': 'MISS', 'cache-control': `public, max-age=${options.ttlSeconds}` });
      }
      return send(body);
    };
    next();
  };
};
