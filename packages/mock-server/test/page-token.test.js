// Page tokens are authenticated: a token reads back only for the query that issued it, and nothing this process did
// not sign (random text, an altered token, a token forged with the right fingerprint) reads at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken, fingerprintOf, MAX_PAGE_TOKEN_LENGTH } from '../src/page-token.js';

/** The page token before it was signed (base64url of `{ c, q }`): the forgery the signature must stop. */
const unsignedToken = (cursor, query) => Buffer.from(JSON.stringify({ c: cursor, q: query })).toString('base64url');

/** The unsigned decoder the mock had: the mutant that accepts a forged token. */
function unsignedDecode(token, query) {
  const { c, q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  return q === query ? c : undefined;
}

const cursor = fc.oneof(fc.nat(), fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null));
const conditions = fc.jsonValue({ maxDepth: 2 });

describe('page tokens (HMAC under a per-process key)', () => {
  it('read back, as JSON, the cursor of the query that issued them, and nothing for another query', () => {
    fc.assert(
      fc.property(cursor, conditions, conditions, (c, a, b) => {
        const [qa, qb] = [fingerprintOf(a), fingerprintOf(b)];
        const token = encodePageToken(c, qa);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodePageToken(token, qa)).toEqual(JSON.parse(JSON.stringify(c)));
        if (qa !== qb) expect(decodePageToken(token, qb)).toBeUndefined();
      }),
    );
  });

  it('refuse a token forged with the right fingerprint, which the unsigned decoder (the mutant) accepts', () => {
    fc.assert(
      fc.property(fc.nat(), conditions, (c, conditionsOfQuery) => {
        const query = fingerprintOf(conditionsOfQuery);
        const forged = unsignedToken(c + 1000, query);
        expect(unsignedDecode(forged, query)).toBe(c + 1000);
        expect(decodePageToken(forged, query)).toBeUndefined();
      }),
    );
  });

  it('refuse any altered token (unless the change decodes to the same bytes)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat({ max: alphabet.length - 1 }), (c, at, letter) => {
        const query = fingerprintOf(['q']);
        const token = encodePageToken(c, query);
        const i = at % token.length;
        const altered = token.slice(0, i) + alphabet[letter] + token.slice(i + 1);
        const same = Buffer.from(altered, 'base64url').equals(Buffer.from(token, 'base64url'));
        expect(decodePageToken(altered, query)).toEqual(same ? c : undefined);
      }),
    );
  });

  it('refuse any text at all without throwing, and a token longer than MAX_PAGE_TOKEN_LENGTH unread', () => {
    const query = fingerprintOf(['q']);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.base64String(), fc.string({ unit: 'binary' })), (text) => decodePageToken(text, query) === undefined));
    expect(decodePageToken(encodePageToken(1, query) + 'A'.repeat(MAX_PAGE_TOKEN_LENGTH), query)).toBeUndefined();
  });
});
