// The tenant_access_tokens of one mock: static ones (never expire) and issued ones (live tokenTtlSeconds).
import { randomBytes } from 'node:crypto';

/** How long an expired token is still recognised (answered "token expired") before it is forgotten. */
export const EXPIRED_TOKEN_GRACE_MS = 60 * 60 * 1000;

/**
 * Creates the token registry: `issue()` a new token, `state(token)` ('valid', 'expired' or 'unknown'), and
 * `sweep(t)` to forget tokens expired for over EXPIRED_TOKEN_GRACE_MS (they then answer 'unknown').
 * @param {{ now: () => number, ttlSeconds: number, statics: readonly string[] }} options
 */
export function createTokens({ now, ttlSeconds, statics }) {
  /** token -> expiry (ms since epoch) */
  const expiries = new Map(statics.map((token) => [token, Infinity]));
  return {
    issue() {
      const token = `t-${randomBytes(20).toString('hex')}`;
      expiries.set(token, now() + ttlSeconds * 1000);
      return token;
    },
    /** @param {string} token @returns {'valid' | 'expired' | 'unknown'} */
    state(token) {
      const expiry = expiries.get(token);
      if (expiry === undefined) return 'unknown';
      return now() >= expiry ? 'expired' : 'valid';
    },
    /** @param {number} t */
    sweep(t) {
      for (const [token, expiry] of expiries) if (t >= expiry + EXPIRED_TOKEN_GRACE_MS) expiries.delete(token);
    },
  };
}
