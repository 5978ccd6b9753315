import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, from } from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import type { GraphQLFormattedError } from 'graphql';
import { readToken } from './token';

let unauthenticatedHandler: () => void = () => undefined;

/** Called once from main.ts: what to do when the server says the session is gone. */
export const onUnauthenticated = (handler: () => void): void => {
  unauthenticatedHandler = handler;
};

const authLink = new ApolloLink((operation, forward) => {
  const token = readToken();
  if (token) {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, Authorization: `Bearer ${token}` },
    }));
  }
  return forward(operation);
});

const isUnauthenticated = (errors: readonly GraphQLFormattedError[] | undefined): boolean =>
  (errors ?? []).some((error) => error.extensions?.code === 'UNAUTHENTICATED');

// Errors of non-2xx answers arrive inside the network error's `result`.
const errorsOfNetworkResult = (networkError: unknown): GraphQLFormattedError[] | undefined => {
  const result = (networkError as { result?: { errors?: GraphQLFormattedError[] } } | null)?.result;
  return typeof result === 'object' && Array.isArray(result?.errors) ? result.errors : undefined;
};

const errorLink = onError(({ graphQLErrors, networkError, operation }) => {
  // Signing out with an already expired session is not news.
  if (!readToken() || operation.operationName === 'Logout') return;
  if (isUnauthenticated(graphQLErrors) || isUnauthenticated(errorsOfNetworkResult(networkError))) {
    unauthenticatedHandler();
  }
});

export const apolloClient = new ApolloClient({
  link: from([errorLink, authLink, new HttpLink({ uri: '/graphql' })]),
  cache: new InMemoryCache({
    typePolicies: {
      // Objects without an id, merged field by field instead of replaced.
      Viewer: { merge: true },
      LaoAccountStatus: { merge: true },
      LaoCoordinator: { merge: true },
      PlanPermissions: { merge: true },
      ProjectPermissions: { merge: true },
    },
  }),
  defaultOptions: {
    watchQuery: { errorPolicy: 'none' },
  },
});
