/**
 * Device tokens (one per account signed in on this browser), kept in this origin's localStorage
 * only and sent in the body of the login mutation to our own /graphql: never in a cookie, so no
 * other site can make the browser send one. A device token is not a credential: it only tells the
 * server this browser signed in to the account before, so attackers elsewhere cannot slow it down.
 */
const storageKey = 'lpm.deviceTokens';
/** A shared office computer may serve a few accounts; the oldest are dropped past this many. */
const maxAccounts = 20;

type Stored = Record<string, string>;

const accountKeyOf = (username: string): string => username.trim().toLowerCase();

const readAll = (): Stored => {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Stored) : {};
  } catch {
    return {};
  }
};

/** The token this browser holds for the account, if any. */
export const readDeviceToken = (username: string): string | null => {
  const token = readAll()[accountKeyOf(username)];
  return typeof token === 'string' ? token : null;
};

/** Keeps the newest token of the account (the server renews it at every sign-in). */
export const storeDeviceToken = (username: string, token: string): void => {
  const key = accountKeyOf(username);
  const rest = Object.entries(readAll()).filter(([name]) => name !== key);
  const kept = Object.fromEntries([...rest.slice(-(maxAccounts - 1)), [key, token]]);
  try {
    localStorage.setItem(storageKey, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the browser is simply treated as unknown next time.
  }
};
