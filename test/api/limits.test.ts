import { getIntrospectionQuery, Kind, type OperationDefinitionNode, parse } from 'graphql';
import type { Viewer } from '../../server/auth/viewer';
import { type ApiLimits, defaultApiLimits } from '../../server/config';
import { budgetKeyOf } from '../../server/graphql/limits/budget';
import { CostAnalyzer } from '../../server/graphql/limits/cost';
import type { CostReport } from '../../server/graphql/limits/plugin';
import { buildAppSchema } from '../../server/schema';
import { createWorld } from '../factories';
import { signIn } from '../helpers/sign-in';
import { startTestServer, type TestServer } from '../helpers/test-server';

type Answer = {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions: Record<string, unknown> & { code: string } }[];
    extensions?: { cost?: CostReport };
  };
};

/** POSTs a GraphQL request and keeps what the tests look at: status, headers and the JSON body. */
const post = async (
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<Answer> => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
};

const firstError = (answer: Answer) => answer.body.errors?.[0];

/** A tiny anonymous bucket: `{ provinces { id } }` costs 77, so two fit and the third does not. */
const tinyBudget = (restorePerSecond: number): ApiLimits => ({
  ...defaultApiLimits,
  budgets: { ...defaultApiLimits.budgets, anonymous: { capacity: 200, restorePerSecond } },
});

const provinces = `{ provinces { id } }`;

describe('cost model', () => {
  let analyzer: CostAnalyzer;
  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    return analyzer.measure(document, operation as OperationDefinitionNode, variables);
  };
  beforeAll(async () => {
    analyzer = new CostAnalyzer(await buildAppSchema());
  });

  it('charges objects 1, scalars 0, and multiplies connections by `first` (edges only)', () => {
    expect(measure(`{ provinces { id nameTh } }`).cost).toBe(77);
    expect(measure(`{ provinces { id districts { id } } }`).cost).toBe(77 * (1 + 13));
    expect(
      measure(
        `query($n: Int!) {
        projects(first: $n) { totalCount pageInfo { hasNextPage } edges { cursor node { id lao { id } } } }
      }`,
        { n: 3 },
      ).cost,
    ).toBe(1 + 1 + 3 * (1 + 1 + 1));
    // The argument's default applies when it is left out (projects: first = 50).
    expect(measure(`{ projects { edges { node { id } } } }`).cost).toBe(1 + 50 * 2);
  });

  it('reads declared sizes, counts mutations 10, and measures fragments once however often they are spread', () => {
    expect(
      measure(
        `{ implementation(fiscalYear: 2568, round: SIX_MONTH, provinceId: "65", first: 10000) { edges { node { lao { id } } } } }`,
      ).cost,
    ).toBe(1 + 400 * 3);
    expect(measure(`mutation { deleteProject(id: "1", version: 1) }`).cost).toBe(10);
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`,
    ).join('\n');
    const started = Date.now();
    const shape = measure(`{ ...F40 }\nfragment F0 on Query { provinces { id } }\n${fragments}`);
    expect(Date.now() - started).toBeLessThan(500);
    expect(shape.cost).toBe(77 * 2 ** 40);
    expect(shape.depth).toBe(2);
  });

  it('keys budgets by account, by API key, or by address', () => {
    const account = { kind: 'account', accountId: 'a1' } as unknown as Viewer;
    const partner = { kind: 'partner', apiKeyId: 'k1' } as unknown as Viewer;
    expect(budgetKeyOf(account, '10.0.0.1')).toEqual({ key: 'account:a1', tier: 'account' });
    expect(budgetKeyOf(partner, '10.0.0.1')).toEqual({ key: 'key:k1', tier: 'partner' });
    expect(budgetKeyOf({ kind: 'anonymous' }, '10.0.0.1')).toEqual({
      key: 'address:10.0.0.1',
      tier: 'anonymous',
    });
    // IPv6 callers share their /64 (one subscriber's network); IPv4-mapped addresses are IPv4.
    const anonymousKey = (address: string) => budgetKeyOf({ kind: 'anonymous' }, address).key;
    expect(anonymousKey('::ffff:10.0.0.1')).toBe('address:10.0.0.1');
    expect(anonymousKey('2001:db8:0:12:aaaa::1')).toBe('address:2001:db8:0:12::/64');
    expect(anonymousKey('2001:DB8:0:12:bbbb:1:2:3')).toBe('address:2001:db8:0:12::/64');
    expect(anonymousKey('2001:db8::12:1')).toBe('address:2001:db8:0:0::/64');
    expect(anonymousKey('fe80::1%eth0')).toBe('address:fe80:0:0:0::/64');
  });
});

describe('query limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await createWorld(server.dataSource);
  });
  afterAll(() => server.stop());

  it('refuses a query nested deeper than the limit, counting through fragments', async () => {
    // The schema itself nests at most 7 levels (it has no cycles), so the test lowers the limit to 4.
    const shallow = await startTestServer({ apiLimits: { ...defaultApiLimits, maxDepth: 4 } });
    try {
      const deep = `{ publicImplementation(fiscalYear: 2568, round: SIX_MONTH, provinceId: "65") { ...Row } }
        fragment Row on ImplementationRow { lao { ...Place } }
        fragment Place on Lao { province { districts { id } } }`;
      const answer = await post(shallow, deep);
      expect(answer.status).toBe(400);
      expect(firstError(answer)?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        exceeded: 'depth',
        depth: 5,
        limit: 4,
      });
      expect(firstError(answer)?.message).toContain('4 ชั้น');
      expect(answer.body.data).toBeUndefined();
      const within = await post(
        shallow,
        `{ lao(code: "5650802") { ...Place } } fragment Place on Lao { province { districts { id } } }`,
      );
      expect(firstError(within)?.extensions.code).not.toBe('QUERY_TOO_COMPLEX');
    } finally {
      await shallow.stop();
    }
  });

  it('refuses more than 30 aliases', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const answer = await post(server, aliases(31));
    expect(answer.status).toBe(400);
    expect(firstError(answer)?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      exceeded: 'aliases',
      aliases: 31,
      limit: 30,
    });
    expect((await post(server, aliases(30))).body.errors).toBeUndefined();
  });

  it('refuses a query text of more than 2,000 tokens', async () => {
    const answer = await post(server, `{ ${'__typename '.repeat(2000)} }`);
    expect(answer.status).toBe(400);
    expect(firstError(answer)?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      exceeded: 'tokens',
      limit: 2000,
    });
    expect(firstError(answer)?.message).toContain('2,000 โทเค็น');
  });

  it('refuses a query costing more than 50,000, with its cost, the limit and how to fix it', async () => {
    const query = `query($first: Int!) {
      laos(first: $first) { edges { node { id province { districts { id } } } } }
    }`;
    const central = await signIn(server, 'nacc.central', 'Correct-Horse-2565');
    const answer = await post(server, query, { first: 5000 }, central.token);
    expect(answer.status).toBe(400);
    expect(firstError(answer)?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      exceeded: 'cost',
      cost: 1 + 5000 * (1 + 1 + 1 + 13),
      limit: 50_000,
    });
    expect(firstError(answer)?.message).toContain('first');
    expect(answer.body.extensions?.cost?.requested).toBe(80_001);
    // The same query with a page the API allows runs.
    const allowed = await post(server, query, { first: 100 }, central.token);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.extensions?.cost?.requested).toBe(1 + 100 * 16);
  });

  it('lets the standard introspection query (GraphiQL’s) through', async () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    ]) {
      const answer = await post(server, query);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.__schema).toBeDefined();
      expect(answer.body.extensions?.cost?.requested).toBeLessThan(defaultApiLimits.maxCost / 2);
    }
  });

  it('returns the cost and the remaining budget in extensions; the budget goes down', async () => {
    const central = await signIn(server, 'nacc.central', 'Correct-Horse-2565');
    // 8,001 points: four seconds of restoring, so the second answer shows less left however slow the machine.
    const query = `{ laos(first: 500) { edges { node { nameTh province { districts { id } } } } } }`;
    const first = await post(server, query, {}, central.token);
    const second = await post(server, query, {}, central.token);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.extensions?.cost).toEqual({
      requested: 1 + 500 * 16,
      limit: 50_000,
      budget: { capacity: 100_000, remaining: expect.any(Number), restorePerSecond: 2_000 },
    });
    const remaining = (answer: Answer) => answer.body.extensions?.cost?.budget?.remaining ?? NaN;
    expect(remaining(first)).toBeLessThanOrEqual(100_000 - 8_001);
    expect(remaining(second)).toBeLessThan(remaining(first));
    // The account's bucket lives in the shared table under its key.
    const rows = await server.dataSource.query(
      `SELECT bucket_key FROM api_budget WHERE bucket_key LIKE 'account:%'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe('budgets', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('refuses with RATE_LIMITED, 429 and Retry-After once the bucket is full, then lets through again', async () => {
    server = await startTestServer({ apiLimits: tinyBudget(100) });
    expect((await post(server, provinces)).body.extensions?.cost?.budget?.remaining).toBeLessThanOrEqual(123);
    expect((await post(server, provinces)).body.errors).toBeUndefined();
    const refused = await post(server, provinces);
    expect(refused.status).toBe(429);
    const error = firstError(refused);
    expect(error?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      cost: 77,
      capacity: 200,
      restorePerSecond: 100,
    });
    const retryAfterSeconds = error?.extensions.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfterSeconds));
    expect(error?.message).toContain(`${retryAfterSeconds} วินาที`);
    expect(refused.body.data).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000));
    const again = await post(server, provinces);
    expect(again.status).toBe(200);
    expect(again.body.errors).toBeUndefined();
  });

  it('caps one query at the bucket’s capacity: a query that could never fit is too complex', async () => {
    server = await startTestServer({ apiLimits: tinyBudget(100) });
    const answer = await post(server, `{ provinces { id districts { id } } }`);
    expect(firstError(answer)?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      exceeded: 'cost',
      limit: 200,
    });
  });

  it('is one bucket for several server instances on the same database', async () => {
    server = await startTestServer({ apiLimits: tinyBudget(1) });
    const other = await startTestServer({ apiLimits: tinyBudget(1) }, { databaseUrl: server.databaseUrl });
    try {
      expect((await post(server, provinces)).body.errors).toBeUndefined();
      expect((await post(other, provinces)).body.errors).toBeUndefined();
      // Both instances have spent 154 of 200: the other sees it, and neither takes a third 77.
      const cheap = await post(other, `{ __typename }`);
      expect(cheap.body.extensions?.cost?.budget?.remaining).toBeLessThanOrEqual(200 - 154);
      expect(firstError(await post(server, provinces))?.extensions.code).toBe('RATE_LIMITED');
      expect(firstError(await post(other, provinces))?.extensions.code).toBe('RATE_LIMITED');
      // Time passes (the database's clock decides): the bucket has leaked, both let it through again.
      await server.dataSource.query(`UPDATE api_budget SET updated_at = updated_at - interval '10 minutes'`);
      expect((await post(other, provinces)).body.errors).toBeUndefined();
      expect((await post(server, provinces)).body.errors).toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  describe('of a signed-in caller, charged with the session lookup', () => {
    const tinyAccountBudget: ApiLimits = {
      ...defaultApiLimits,
      budgets: { ...defaultApiLimits.budgets, account: { capacity: 200, restorePerSecond: 0.001 } },
    };
    const levels = async () =>
      Object.fromEntries(
        (
          (await server.dataSource.query(`SELECT bucket_key, level FROM api_budget`)) as {
            bucket_key: string;
            level: number;
          }[]
        ).map((row) => [row.bucket_key.split(':')[0], row.level]),
      ) as Record<string, number | undefined>;

    it('looks up the session and charges the account in one statement, exactly under concurrency', async () => {
      server = await startTestServer({ apiLimits: tinyAccountBudget });
      const world = await createWorld(server.dataSource);
      const { token } = await signIn(server, world.central.username, world.central.password);
      const statements: string[] = [];
      const logQuery = server.queries.logQuery.bind(server.queries);
      server.queries.logQuery = (query?: string) => {
        statements.push(query ?? '');
        logQuery();
      };
      const first = await post(server, `{ __typename }`, {}, token);
      expect(first.body.extensions?.cost).toMatchObject({ requested: 1, budget: { remaining: 199 } });
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/FROM session[\s\S]*INSERT INTO api_budget/);
      // 199 left: of ten at once costing 77 each, two get through.
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(server, provinces, {}, token)));
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused).toHaveLength(8);
      expect(firstError(refused[0])?.extensions).toMatchObject({ code: 'RATE_LIMITED', capacity: 200 });
      expect((await levels()).account).toBeCloseTo(155, 0);
    });

    it('charges nothing to the account for a document Apollo refuses, nor once the session is revoked', async () => {
      server = await startTestServer({ apiLimits: tinyAccountBudget });
      const world = await createWorld(server.dataSource);
      const { token } = await signIn(server, world.central.username, world.central.password);
      expect((await post(server, provinces, {}, token)).status).toBe(200);
      const before = await levels();
      expect(before.account).toBeCloseTo(77, 0);
      const invalid = await post(server, `{ provinces { noSuchField } }`, {}, token);
      expect(firstError(invalid)?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const unparsable = await post(server, `{ provinces { id `, {}, token);
      expect(firstError(unparsable)?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect((await levels()).account).toBeCloseTo(77, 0);
      // A revoked session is anonymous at once: its requests fill the address's bucket, not the account's.
      await server.dataSource.query(`UPDATE session SET revoked_at = now()`);
      const anonymousAnswer = await post(server, provinces, {}, token);
      expect(anonymousAnswer.body.extensions?.cost?.budget?.capacity).toBe(
        defaultApiLimits.budgets.anonymous.capacity,
      );
      const after = await levels();
      expect(after.account).toBeCloseTo(77, 0);
      expect(before.address ?? 0).toBeLessThan(20); // the sign-in only
      expect(after.address).toBeGreaterThan(70); // the 77 of `provinces`, less what leaked
    });
  });

  it('charges concurrent requests exactly: of ten at once, only what fits gets through', async () => {
    server = await startTestServer({ apiLimits: tinyBudget(0.001) });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(server, provinces)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(8);
  });
});
