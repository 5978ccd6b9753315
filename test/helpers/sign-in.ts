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
