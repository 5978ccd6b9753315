import { computed, shallowRef } from 'vue';
import { apolloClient } from '../apollo/client';
import { clearToken, readToken, storeToken } from '../apollo/token';
import { LOGOUT_MUTATION } from '../graphql/mutations/auth.mutation';
import { VIEWER_QUERY } from '../graphql/queries/viewer.query';
import type { AuthPayload, Role, Viewer } from '../graphql/types';

// One viewer for the whole app, loaded once at start-up and after sign-in.
const viewer = shallowRef<Viewer | null>(null);
let firstLoad: Promise<void> | null = null;

export const naccRoles: readonly Role[] = ['NACC_CENTRAL', 'NACC_PROVINCE'];

/** Where each kind of account lands after signing in. */
export const homePathFor = (current: Viewer | null): string => {
  if (!current) return '/login';
  switch (current.account.role) {
    case 'LAO':
      return current.mustCompleteProfile ? '/profile' : '/lao';
    case 'NACC_CENTRAL':
    case 'NACC_PROVINCE':
      return '/nacc';
    default:
      return '/public';
  }
};

/** Asks the server who we are (never from the cache); an unknown or expired token is dropped. */
export const refreshViewer = async (): Promise<Viewer | null> => {
  if (!readToken()) {
    viewer.value = null;
    return null;
  }
  const { data } = await apolloClient.query({ query: VIEWER_QUERY, fetchPolicy: 'network-only' });
  if (!data.viewer) clearToken();
  viewer.value = data.viewer;
  return data.viewer;
};

/** The start-up load; a network failure leaves us anonymous and is retried on the next navigation. */
export const ensureViewer = (): Promise<void> => {
  firstLoad ??= refreshViewer().then(
    () => undefined,
    () => {
      firstLoad = null;
    },
  );
  return firstLoad;
};

/** After login, activation or a password change: keep the token and the viewer it came with. */
export const startSession = async (payload: AuthPayload, keepCache = false): Promise<void> => {
  if (!keepCache) await apolloClient.clearStore();
  storeToken(payload.token);
  apolloClient.writeQuery({ query: VIEWER_QUERY, data: { viewer: payload.viewer } });
  viewer.value = payload.viewer;
  firstLoad = Promise.resolve();
};

/** Forgets the session locally: token, viewer and every cached record of the previous user. */
export const endSession = async (): Promise<void> => {
  clearToken();
  viewer.value = null;
  firstLoad = Promise.resolve();
  await apolloClient.clearStore();
};

/** Ends the session on the server too; a failure there (already expired, offline) changes nothing here. */
export const logout = async (): Promise<void> => {
  try {
    await apolloClient.mutate({ mutation: LOGOUT_MUTATION });
  } catch {
    // The token is dropped below either way.
  }
  await endSession();
};

export const useAuth = () => {
  const role = computed(() => viewer.value?.account.role ?? null);
  return {
    viewer: computed(() => viewer.value),
    role,
    isSignedIn: computed(() => viewer.value !== null),
    isLao: computed(() => role.value === 'LAO'),
    isNacc: computed(() => role.value !== null && naccRoles.includes(role.value)),
    homePath: computed(() => homePathFor(viewer.value)),
  };
};
