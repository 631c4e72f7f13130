// The opaque page_token of a paged query: the store cursor where the next page starts and a fingerprint of the
// query's conditions, authenticated with an HMAC under a key of this process, so that a token is only ever accepted
// by the query that issued it and no client can forge one (a cursor of its choosing, with the right fingerprint).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The HMAC key of this process: tokens issued by a mock stay valid while the process lives, and never after. */
const KEY = randomBytes(32);

/** The longest token decodePageToken() reads (the mock's own tokens are about 100 characters). */
export const MAX_PAGE_TOKEN_LENGTH = 1024;

/** A short fingerprint of a query's conditions (any JSON value; key order matters, so build it in one fixed shape). */
export function fingerprintOf(conditions) {
  return createHash('sha256').update(JSON.stringify(conditions)).digest('base64url').slice(0, 16);
}

/** The HMAC-SHA256 of a token's payload under this process's key (32 bytes). */
const signatureOf = (payload) => createHmac('sha256', KEY).update(payload).digest();

/**
 * The page_token of the page after `cursor` (any JSON value) of the query with fingerprint `query`: base64url of the
 * signature followed by the JSON payload.
 */
export function encodePageToken(cursor, query) {
  const payload = Buffer.from(JSON.stringify({ c: cursor, q: query }));
  return Buffer.concat([signatureOf(payload), payload]).toString('base64url');
}

/**
 * The cursor a page_token holds, or undefined when this process did not issue it (a forged, altered or foreign
 * token) or issued it for another query than the one with fingerprint `query`.
 */
export function decodePageToken(token, query) {
  if (typeof token !== 'string' || token.length > MAX_PAGE_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  const signature = bytes.subarray(0, 32);
  const payload = bytes.subarray(32);
  const expected = signatureOf(payload);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
  const { c, q } = JSON.parse(payload.toString('utf8')); // signed, so written by encodePageToken
  return q === query && c !== undefined ? c : undefined;
}
