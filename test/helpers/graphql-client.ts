export type GraphQLErrorShape = {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    fields?: { field: string; constraints: string[]; message: string }[];
  } & Record<string, unknown>;
};

export type GraphQLResponse<T = Record<string, unknown>> = { data?: T | null; errors?: GraphQLErrorShape[] };

export type GraphQLClient = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response data freely
  <T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  token: string | null;
  headers: Record<string, string>;
};

/** A client that speaks GraphQL over real HTTP, optionally signed in with a bearer token. */
export const graphqlClient = (
  url: string,
  token: string | null = null,
  headers: Record<string, string> = {},
) => {
  const client = (async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
        ...client.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }) as GraphQLClient;
  client.token = token;
  client.headers = headers;
  return client;
};

/** The `extensions.code` of the first error, or null. */
export const errorCode = (response: GraphQLResponse<unknown>): string | null =>
  response.errors?.[0]?.extensions?.code ?? null;
