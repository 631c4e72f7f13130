// The opaque page_token of a paged query: base64url of the store cursor where the next page starts and a fingerprint
// of the query's conditions, so a token is only ever accepted by the query that issued it.
import { createHash } from 'node:crypto';

/** A short fingerprint of a query's conditions (any JSON value; key order matters, so build it in one fixed shape). */
export function fingerprintOf(conditions) {
  return createHash('sha256').update(JSON.stringify(conditions)).digest('base64url').slice(0, 16);
}

/** The page_token of the page after `cursor` of the query with fingerprint `query`. */
export function encodePageToken(cursor, query) {
  return Buffer.from(JSON.stringify({ c: cursor, q: query })).toString('base64url');
}

/** The cursor a page_token holds, or undefined when it is not a token of the query with fingerprint `query`. */
export function decodePageToken(token, query) {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const { c, q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return q === query && Number.isSafeInteger(c) && c > 0 ? c : undefined;
  } catch {
    return undefined;
  }
}
