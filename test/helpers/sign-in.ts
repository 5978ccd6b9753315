import type { GraphQLClient } from './graphql-client';
import type { TestServer } from './test-server';

/** Signs in over HTTP and returns a client carrying the token. */
export const signIn = async (server: TestServer, username: string, password: string) => {
  const response = await server.anonymous<{ login: { token: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { token } }`,
    { input: { username, password } },
  );
  if (!response.data?.login)
    throw new Error(`Sign-in of ${username} failed: ${JSON.stringify(response.errors)}`);
  return server.client(response.data.login.token);
};

/** NACC central creates a partner API key over HTTP; returns a client sending it and the key's id. */
export const partnerClient = async (
  server: TestServer,
  central: GraphQLClient,
  input: { scopes: string[]; provinceIds?: string[] | null; name?: string; validDays?: number },
) => {
  const response = await central<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name: input.name ?? 'test key', organisation: 'สถ.', ...input } },
  );
  if (!response.data?.createApiKey)
    throw new Error(`createApiKey failed: ${JSON.stringify(response.errors)}`);
  const { secret, apiKey } = response.data.createApiKey;
  return { client: server.client(secret), secret, id: apiKey.id };
};

/** The LAO submits its plan of a year and NACC passes it (20 in each dimension), over HTTP. */
export const passPlan = async (
  lao: GraphQLClient,
  nacc: GraphQLClient,
  laoId: string | number,
  year = 2566,
) => {
  const plan = (await lao(`{ plan(laoId: "${laoId}", fiscalYear: ${year}) { id version } }`)).data?.plan as {
    id: string;
    version: number;
  };
  const submitted = await lao(
    `mutation { submitPlan(planId: "${plan.id}", version: ${plan.version}) { version } }`,
  );
  if (submitted.errors) throw new Error(`submitPlan failed: ${JSON.stringify(submitted.errors)}`);
  const assessed = await nacc(
    `mutation($input: AssessPlanInput!) { assessPlan(input: $input) { verdict } }`,
    {
      input: {
        planId: plan.id,
        version: (submitted.data?.submitPlan as { version: number }).version,
        verdict: 'PASSED',
        scoreSociety: '20',
        scoreAdministration: '20',
        scoreParticipation: '20',
        scoreOversight: '20',
      },
    },
  );
  if (assessed.errors) throw new Error(`assessPlan failed: ${JSON.stringify(assessed.errors)}`);
  return plan;
};
