import { getTenantAccessToken } from '../generated/operations.js';
import { isRateLimit, outcomeUnknown } from './core.js';
import { HireApiError, HireAuthError } from './errors.js';
import { exchange, withTimeout, type Transport } from './transport.js';
import { abortable } from './util.js';

/** A tenant_access_token, a function returning one, or the credentials of a self-built app. */
export type HireAuth = string | (() => string | Promise<string>) | { appId: string; appSecret: string };

/** Where the client's calls get their token from. */
export interface TokenSource {
  /** The current token; fetched (once for all concurrent callers) when missing or about to expire. */
  get(signal: AbortSignal): Promise<string>;
  /** Drops `token` after an invalid-token answer (`ErrorCode.InvalidAccessToken`); true when a call may retry with a fresh one. */
  invalidate(token: string): boolean;
  /** Strings that must never appear in an error message. */
  readonly secrets: string[];
}

/** Adds `token` to the secrets to redact, keeping the last 8 (entries before `keep` are never dropped). */
function remember(secrets: string[], token: string, keep: number): void {
  secrets.push(token);
  if (secrets.length > keep + 8) secrets.splice(keep, 1);
}

/** Builds the token source for `auth` (already checked by createHireClient); the app's token requests go through `transport`. */
export function createTokenSource(auth: HireAuth, baseUrl: string, transport: Transport): TokenSource {
  if (typeof auth === 'string') return { get: async () => auth, invalidate: () => false, secrets: [auth] };
  if (typeof auth === 'function') {
    const secrets: string[] = [];
    const check = (token: unknown): string => {
      if (typeof token !== 'string' || token === '') throw new HireAuthError('auth() must resolve to a non-empty token string');
      if (!secrets.includes(token)) remember(secrets, token, 0);
      return token;
    };
    const fail = (cause: unknown): never => {
      throw cause instanceof HireAuthError ? cause : new HireAuthError('auth() failed', { cause });
    };
    return {
      // The attempt's deadline and signal bound the caller's function too: a hung auth() cannot hang a call.
      get: (signal) => abortable(Promise.resolve().then(auth).then(check, fail), signal),
      invalidate: () => true,
      secrets,
    };
  }
  return appTokenSource(auth.appId, auth.appSecret, baseUrl, transport);
}

/** Fetches tenant tokens with the app's credentials, caches them and refreshes them before they expire. */
function appTokenSource(appId: string, appSecret: string, baseUrl: string, transport: Transport): TokenSource {
  const secrets = [appSecret];
  let cached: { token: string; refreshAt: number; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    // Shared by every caller waiting for it, so bounded by a deadline of its own, not by any one caller's signal.
    const { signal, done } = withTimeout(undefined, transport.timeoutMs, 'attempt');
    const body = JSON.stringify({ app_id: appId, app_secret: appSecret });
    const { envelope } = await exchange(transport, getTenantAccessToken, baseUrl + getTenantAccessToken.path, body, undefined, 1, signal, secrets)
      .catch((error: unknown) => {
        // An answer another attempt would not change (refused credentials) is the app's failure, not the network's: a
        // 5xx or a rate limit stays a HireApiError, which the call retries.
        throw error instanceof HireApiError && !outcomeUnknown(error) && !isRateLimit(error) ? new HireAuthError(`tenant_access_token request failed: ${error.msg}`, { cause: error }) : error;
      })
      .finally(done);
    const token = envelope.tenant_access_token;
    if (typeof token !== 'string' || !token) {
      throw new HireAuthError('tenant_access_token request failed: no token in the answer');
    }
    remember(secrets, token, 1);
    // `expire` is the lifetime in seconds (at most 2 h); 0 or less: used for this call only, never cached.
    const { expire } = envelope;
    const ttlMs = typeof expire === 'number' && Number.isFinite(expire) ? Math.max(0, expire) * 1000 : 7_200_000;
    const now = Date.now();
    // Refresh 5 minutes before expiry, or halfway through a shorter lifetime.
    cached = { token, refreshAt: now + ttlMs - Math.min(300_000, ttlMs / 2), expiresAt: now + ttlMs };
    return token;
  }

  return {
    get(signal) {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => (inflight = undefined));
      // An early refresh that fails does not fail the call while the current token is still valid.
      const current = cached;
      const token = current ? inflight.catch((error: unknown) => (cached === current && Date.now() < current.expiresAt ? current.token : Promise.reject(error))) : inflight;
      return abortable(token, signal);
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
      return true;
    },
    secrets,
  };
}
