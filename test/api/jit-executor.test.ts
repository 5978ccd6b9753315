import { createCycle, createLaoAccount, createWorld, projectFields, type World } from '../factories';
import { signIn } from '../helpers/sign-in';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * graphql-jit executes every operation by default (server/graphql/jit-executor.ts); graphql-js
 * runs with GRAPHQL_JIT=false. Both servers share one database, so the same request must get
 * the same HTTP status and the same body from either.
 */
describe('GraphQL execution with graphql-jit', () => {
  let jit: TestServer;
  let plain: TestServer;
  let world: World;
  let token: string;
  let centralToken: string;

  const post = async (server: TestServer, bearer: string | null, body: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
    // The budget left (`extensions.cost`) differs between the two servers' callers; the rest must not.
    const { extensions: _cost, ...answer } = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body: answer };
  };

  beforeAll(async () => {
    jit = await startTestServer();
    plain = await startTestServer({ graphqlJit: false }, { databaseUrl: jit.databaseUrl });
    world = await createWorld(jit.dataSource);
    await createCycle(jit.dataSource);
    await createLaoAccount(jit.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    const lao = await signIn(jit, world.dintong.code, 'Dintong-Pass-2565');
    token = lao.token as string;
    centralToken = (await signIn(jit, world.central.username, world.central.password)).token as string;
    for (let i = 0; i < 3; i += 1) {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
        {
          input: projectFields({ name: `โครงการที่ ${i}`, fiscalYears: [2568] }),
        },
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await plain.stop();
    await jit.stop();
  });

  const LIST = `query List($laoId: ID, $year: Int!, $first: Int!) {
    projects(laoId: $laoId, fiscalYear: $year, first: $first) {
      totalCount pageInfo { hasNextPage }
      edges { node { __typename id name fiscalYears antiCorruptionBudget ...Reviewed
        lao { code nameTh } mine: viewerCan { edit delete review }
        six: report(fiscalYear: $year, round: SIX_MONTH) { id } } }
    }
  }
  fragment Reviewed on Project { reviewStatus reviewedAt }
  query Other { viewer { __typename } }`;

  const cases: [string, () => [string | null, Record<string, unknown>]][] = [
    [
      'a page of projects with fragments, aliases and nested loaders',
      () => [
        token,
        {
          query: LIST,
          operationName: 'List',
          variables: { laoId: String(world.dintong.id), year: 2568, first: 2 },
        },
      ],
    ],
    [
      'a project that does not exist (NOT_FOUND)',
      () => [
        token,
        { query: `query($id: ID!) { project(id: $id) { id name } }`, variables: { id: '987654' } },
      ],
    ],
    [
      'another LAO’s data (FORBIDDEN or NOT_FOUND, as graphql-js answers)',
      () => [
        token,
        { query: `{ projects(laoId: "${world.paMaet.id}", first: 5) { totalCount } }`, variables: {} },
      ],
    ],
    [
      'variables that do not coerce (BAD_USER_INPUT, HTTP 400)',
      () => [token, { query: LIST, operationName: 'List', variables: { year: 'สองพัน', first: 2 } }],
    ],
    ['a missing required variable', () => [token, { query: LIST, operationName: 'List', variables: {} }]],
    [
      'an operation name the document does not hold',
      () => [token, { query: LIST, operationName: 'Nothing', variables: { year: 2568, first: 1 } }],
    ],
    [
      'a document of several operations without an operation name',
      () => [token, { query: LIST, variables: { year: 2568, first: 1 } }],
    ],
    [
      'input that fails validation (nothing is written)',
      () => [
        centralToken,
        {
          query: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
          variables: { input: { name: 'คีย์', organisation: 'สถ.', scopes: ['PLANS'], validDays: 0 } },
        },
      ],
    ],
    [
      'a value the database refuses (BAD_USER_INPUT in Thai, found through the error’s cause)',
      () => [token, { query: `{ projects(first: 5, fiscalYear: 99999) { totalCount } }` }],
    ],
    [
      'an anonymous caller',
      () => [
        null,
        { query: `{ viewer { __typename } laoTypes: __type(name: "LaoType") { enumValues { name } } }` },
      ],
    ],
  ];

  it.each(cases)('answers %s exactly as graphql-js does', async (_name, request) => {
    const [bearer, body] = request();
    const [fromJit, fromPlain] = [await post(jit, bearer, body), await post(plain, bearer, body)];
    expect(fromJit).toEqual(fromPlain);
    // Run twice: the second request takes the compiled query from the cache.
    expect(await post(jit, bearer, body)).toEqual(fromPlain);
  });

  it('compares real answers (the cases above are not all errors)', async () => {
    const [bearer, body] = cases[0][1]();
    const { status, body: answer } = await post(jit, bearer, body);
    expect(answer.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(answer).toMatchObject({ data: { projects: { totalCount: 3, pageInfo: { hasNextPage: true } } } });
  });

  it('fills in an input field’s default value, which graphql-jit’s own coercion leaves out', async () => {
    const response = await post(jit, centralToken, {
      query: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { expiresAt } } }`,
      variables: { input: { name: 'คีย์ทดสอบ', organisation: 'สถ.', scopes: ['PLANS'] } },
    });
    expect(response.body.errors).toBeUndefined();
    const { expiresAt } = (response.body.data as { createApiKey: { apiKey: { expiresAt: string } } })
      .createApiKey.apiKey;
    const days = (Date.parse(expiresAt) - Date.now()) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
  });
});
