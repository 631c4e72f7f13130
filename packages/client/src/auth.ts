import { getTenantAccessToken } from '../generated/operations.js';
import { HireApiError } from './errors.js';
import { abortable, redact, toApiError } from './util.js';

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
  /** False when a failure of get() is the caller's own auth function failing: rethrown as is, never retried. */
  readonly retryable: boolean;
}

/** Adds `token` to the secrets to redact, keeping the last 8 (entries before `keep` are never dropped). */
function remember(secrets: string[], token: string, keep: number): void {
  secrets.push(token);
  if (secrets.length > keep + 8) secrets.splice(keep, 1);
}

/** Builds the token source for `auth` (already checked by createHireClient). */
export function createTokenSource(auth: HireAuth, baseUrl: string, fetchFn: typeof fetch, timeoutMs: number): TokenSource {
  if (typeof auth === 'string') return { get: async () => auth, invalidate: () => false, secrets: [auth], retryable: false };
  if (typeof auth === 'function') {
    const secrets: string[] = [];
    const check = (token: unknown): string => {
      if (typeof token !== 'string' || token === '') throw new TypeError('createHireClient: auth() must resolve to a non-empty token string');
      if (!secrets.includes(token)) remember(secrets, token, 0);
      return token;
    };
    return {
      // The call's deadline and signal bound the caller's function too: a hung auth() cannot hang a call.
      get: (signal) => abortable(Promise.resolve().then(auth).then(check), signal),
      invalidate: () => true,
      secrets,
      retryable: false,
    };
  }
  return appTokenSource(auth.appId, auth.appSecret, baseUrl, fetchFn, timeoutMs);
}

/** Fetches tenant tokens with the app's credentials, caches them and refreshes them before they expire. */
function appTokenSource(appId: string, appSecret: string, baseUrl: string, fetchFn: typeof fetch, timeoutMs: number): TokenSource {
  const secrets = [appSecret];
  let cached: { token: string; refreshAt: number; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const response = await fetchFn(baseUrl + getTenantAccessToken.path, {
      method: getTenantAccessToken.method,
      headers: { 'Content-Type': getTenantAccessToken.mediaType },
      body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: { code?: unknown; msg?: unknown; tenant_access_token?: unknown; expire?: unknown } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: reported below
    }
    if (body?.code !== 0 || typeof body.tenant_access_token !== 'string' || !body.tenant_access_token) {
      const error = toApiError(response, body, secrets);
      throw new HireApiError({ ...error, msg: redact(`tenant_access_token request failed: ${error.msg}`, secrets) });
    }
    const token = body.tenant_access_token;
    remember(secrets, token, 1);
    // `expire` is the lifetime in seconds (at most 2 h); 0 or less: used for this call only, never cached.
    const ttlMs = typeof body.expire === 'number' && Number.isFinite(body.expire) ? Math.max(0, body.expire) * 1000 : 7_200_000;
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
    retryable: true,
  };
}
