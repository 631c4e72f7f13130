// The tenant_access_tokens of one mock: static ones (never expire) and issued ones (live tokenTtlSeconds), each
// belonging to one app, as on Feishu: an app keeps its current token until it has 30 minutes or less left.
import { randomBytes } from 'node:crypto';

/** How long an expired token is still recognised (answered "token expired") before it is forgotten. */
export const EXPIRED_TOKEN_GRACE_MS = 60 * 60 * 1000;

/** While an app's current token has more than this left, asking again returns it (Feishu's rule: 30 minutes). */
export const TOKEN_REUSE_MIN_LEFT_MS = 30 * 60 * 1000;

/**
 * Creates the token registry: `grant(appId)` answers the token endpoint (the app's current token, or a new one),
 * `issue(appId?)` always mints a new token, `state(token)` ('valid', 'expired' or 'unknown'), `appOf(token)` (the
 * app it belongs to; undefined for a token of no app, which counts as its own app) and `sweep(t)` forgets tokens
 * expired for over EXPIRED_TOKEN_GRACE_MS (they then answer 'unknown').
 * @param {{ now: () => number, ttlSeconds: number, statics: readonly { token: string, appId?: string }[] }} options
 */
export function createTokens({ now, ttlSeconds, statics }) {
  /** @type {Map<string, { expiry: number, appId: string | undefined }>} token -> expiry (ms since epoch) and app */
  const tokens = new Map(statics.map(({ token, appId }) => [token, { expiry: Infinity, appId }]));
  /** @type {Map<string, string>} appId -> the token the endpoint last granted it */
  const current = new Map();

  /** @param {string | undefined} appId */
  const issue = (appId) => {
    const token = `t-${randomBytes(20).toString('hex')}`;
    tokens.set(token, { expiry: now() + ttlSeconds * 1000, appId });
    return token;
  };

  return {
    issue,
    /** The token endpoint's answer for `appId`: `{ token, expire }`, `expire` in whole seconds left (rounded down). */
    grant(appId) {
      const held = current.get(appId);
      const left = held === undefined ? 0 : (tokens.get(held)?.expiry ?? 0) - now();
      if (left > TOKEN_REUSE_MIN_LEFT_MS) return { token: /** @type {string} */ (held), expire: Math.floor(left / 1000) };
      const token = issue(appId);
      current.set(appId, token);
      return { token, expire: ttlSeconds };
    },
    /** @param {string} token @returns {'valid' | 'expired' | 'unknown'} */
    state(token) {
      const entry = tokens.get(token);
      if (entry === undefined) return 'unknown';
      return now() >= entry.expiry ? 'expired' : 'valid';
    },
    /** @param {string} token @returns {string | undefined} */
    appOf: (token) => tokens.get(token)?.appId,
    /** @param {number} t */
    sweep(t) {
      for (const [token, { expiry }] of tokens) if (t >= expiry + EXPIRED_TOKEN_GRACE_MS) tokens.delete(token);
      for (const [appId, token] of current) if (!tokens.has(token)) current.delete(appId);
    },
  };
}
