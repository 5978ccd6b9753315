import { computed, shallowRef } from 'vue';
import { apolloClient } from '../apollo/client';
import { storeDeviceToken } from '../apollo/device-tokens';
import { clearToken, readToken, storeToken } from '../apollo/token';
import { LOGOUT_MUTATION } from '../graphql/mutations/auth.mutation';
import { VIEWER_QUERY } from '../graphql/queries/viewer.query';
import type {
  AuthPayloadFieldsFragment as AuthPayload,
  Role,
  ViewerFieldsFragment as Viewer,
  ViewerQuery,
} from '../graphql/generated';
import { toErrorInfo } from './use-error-message';

// One viewer for the whole app, loaded once at start-up and after sign-in.
const viewer = shallowRef<Viewer | null>(null);
let firstLoad: Promise<void> | null = null;
// Why the server could not tell who we are (down, overloaded, offline) while we hold a token:
// the session is kept, the page says so and offers a retry. Only UNAUTHENTICATED signs out.
const viewerError = shallowRef<unknown>(null);
// The server no longer knew the token we held: the sign-in page says the session ended.
let sessionEnded = false;

export const naccRoles: readonly Role[] = ['NACC_CENTRAL', 'NACC_PROVINCE', 'NACC_REGION'];

/** Where each kind of account lands after signing in. */
export const homePathFor = (current: Viewer | null): string => {
  if (!current) return '/login';
  switch (current.account.role) {
    case 'LAO':
      return current.mustCompleteProfile ? '/profile' : '/lao';
    case 'NACC_CENTRAL':
    case 'NACC_PROVINCE':
    case 'NACC_REGION':
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
  let data: ViewerQuery;
  try {
    ({ data } = await apolloClient.query({ query: VIEWER_QUERY, fetchPolicy: 'network-only' }));
  } catch (error) {
    // Any other failure keeps the token: the server did not say the session ended.
    if (toErrorInfo(error).code !== 'UNAUTHENTICATED') throw error;
    data = { viewer: null };
  }
  if (!data.viewer) {
    clearToken();
    sessionEnded = true;
  }
  viewer.value = data.viewer;
  return data.viewer;
};

/**
 * The start-up load. A failure (network, 500, 503) keeps the token and is kept in `viewerError`;
 * it is retried on the next navigation or by `retryViewer`.
 */
export const ensureViewer = (): Promise<void> => {
  firstLoad ??= refreshViewer().then(
    () => {
      viewerError.value = null;
    },
    (error: unknown) => {
      firstLoad = null;
      // An UNAUTHENTICATED answer has already ended the session (apollo/client.ts): no token left.
      viewerError.value = readToken() ? error : null;
    },
  );
  return firstLoad;
};

/** The retry of a failed start-up load; true when the server answered (signed in or not). */
export const retryViewer = async (): Promise<boolean> => {
  firstLoad = null;
  await ensureViewer();
  return viewerError.value === null;
};

/** True once after the server stopped knowing our token (the sign-in page says the session ended). */
export const takeSessionEnded = (): boolean => {
  const ended = sessionEnded;
  sessionEnded = false;
  return ended;
};

/** After login, activation or a password change: keep the token and the viewer it came with. */
export const startSession = async (payload: AuthPayload, keepCache = false): Promise<void> => {
  if (!keepCache) await apolloClient.clearStore();
  storeToken(payload.token);
  // Kept across sign-outs: the next login of this account from this browser sends it.
  if (payload.deviceToken) storeDeviceToken(payload.viewer.account.username, payload.deviceToken);
  apolloClient.writeQuery({ query: VIEWER_QUERY, data: { viewer: payload.viewer } });
  viewer.value = payload.viewer;
  viewerError.value = null;
  firstLoad = Promise.resolve();
};

/** Forgets the session locally: token, viewer and every cached record of the previous user. */
export const endSession = async (): Promise<void> => {
  clearToken();
  viewer.value = null;
  viewerError.value = null;
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
    /** The last failure to learn who we are, while a session token is kept. */
    viewerError: computed(() => viewerError.value),
  };
};
