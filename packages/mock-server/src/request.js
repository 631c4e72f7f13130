// Reading a request: its body (size, Content-Type, UTF-8, JSON, depth) and its path, query and header parameters.
import { structureIssue } from '@feishu-hire/spec/validation';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The client went away before the mock answered (mid-body, or while a fault delayed the answer): nothing to answer. */
export class Disconnected extends Error {
  /** @param {string} when e.g. "after 10 of 100 bytes of the body" */
  constructor(when) {
    super(`the client disconnected ${when}`);
    this.when = when;
  }
}

/**
 * Reads the whole request body; keeps at most `max` bytes and flags a larger body instead of buffering it. Rejects
 * with Disconnected when the connection ends before the body does.
 */
export function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve({ buffer: Buffer.concat(chunks), size, tooLarge: size > max });
    });
    const length = req.headers['content-length'];
    const gone = () => reject(new Disconnected(`after ${size}${length === undefined ? '' : ` of ${length}`} bytes of the body`));
    // An aborted request emits 'error' (ECONNRESET "aborted") and/or 'close' without 'end'.
    req.on('error', gone);
    req.on('close', () => ended || gone());
  });
}

/** A media type header split into its lower-case type and charset (undefined when absent). */
export function mediaTypeOf(value) {
  const [type, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  return { type, charset: params.find((p) => p.startsWith('charset='))?.slice(8).replaceAll('"', '') };
}

/** Whether the mock can parse bodies of a media type (JSON: `application/json` or `*+json`). */
export function isJsonMediaType(mediaType) {
  const { type } = mediaTypeOf(mediaType);
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type);
}

/** Checks a Content-Type header against the declared media type (same type; charset absent or the declared one). */
function checkContentType(declared, header, invalid) {
  const want = mediaTypeOf(declared);
  const got = mediaTypeOf(header ?? '');
  if (got.type !== want.type || (got.charset !== undefined && got.charset !== (want.charset ?? 'utf-8'))) {
    throw invalid(`header.Content-Type must be ${declared} (got ${header === undefined ? 'none' : JSON.stringify(header)})`);
  }
}

/**
 * The one value of a request header that must not come twice (`Authorization`, `Content-Type`), or undefined;
 * throws `invalid(detail)` when it came more than once: Node keeps the first of two, which would hide the other.
 * @param {import('node:http').IncomingMessage} req @param {string} name as messages write it (`Content-Type`)
 */
export function singleHeader(req, name, invalid) {
  const values = req.headersDistinct[name.toLowerCase()];
  if (values && values.length > 1) throw invalid(`header.${name} is given ${values.length} times (give it once: which one counts would be a guess)`);
  return values?.[0];
}

/**
 * The parsed body of a request to an operation whose request body is `requestBody` (null: it takes none);
 * undefined when there is none. Throws `invalid(detail)` on an oversized, mistyped, empty, non-UTF-8 or malformed
 * body, and on one nested deeper than `maxDepth` or holding a number too large to read (structureIssue).
 * @param {{ mediaType: string, required: boolean } | null} requestBody
 * @param {{ buffer: Buffer, size: number, tooLarge: boolean }} body
 * @param {string | undefined} contentType
 * @param {{ maxBodyBytes: number, maxDepth: number, invalid: (detail: string) => Error | object }} options
 */
export function parseBody(requestBody, { buffer, size, tooLarge }, contentType, { maxBodyBytes, maxDepth, invalid }) {
  // The spec documents no 413: an oversized body is an invalid parameter, answered 400 like any other.
  if (tooLarge) throw invalid(`request body exceeds ${maxBodyBytes} bytes (got ${size}; the limit is --max-body / maxBodyBytes)`);
  if (!requestBody) {
    // The official SDK sends `{}` with every call, a DELETE included: an empty JSON object counts as no body.
    if (size > 0 && !/^\s*\{\s*\}\s*$/.test(buffer.toString('utf8'))) throw invalid('body is not allowed (this operation takes no request body)');
    return undefined;
  }
  if (size === 0 && !requestBody.required) return undefined;
  checkContentType(requestBody.mediaType, contentType, invalid);
  if (size === 0) throw invalid('body is required (the request body is empty)');
  let text;
  try {
    text = utf8.decode(buffer);
  } catch {
    throw invalid('body is not valid UTF-8');
  }
  let json;
  try {
    json = JSON.parse(text); // V8's JSON.parse does not recurse: any depth parses
  } catch (error) {
    throw invalid(`body is not valid JSON (${/** @type {Error} */ (error).message})`);
  }
  const issue = structureIssue(json, 'body', maxDepth);
  if (issue) throw invalid(issue.message);
  return json;
}

/** The path parameters by name, percent-decoded from the template's match groups; throws `invalid` on bad encoding. */
export function pathValues(parameters, groups, invalid) {
  return Object.fromEntries(parameters.map((p, i) => {
    try {
      return [p.name, decodeURIComponent(groups[i])];
    } catch {
      throw invalid(`path.${p.name} is not a valid percent-encoded string`);
    }
  }));
}

/**
 * Every name of the query string with all of its values, for the operation's query check to read (a repeated or
 * array-shaped name of a declared parameter is refused there, other names are dropped).
 */
export function queryValues(search) {
  const values = new Map();
  for (const [name, value] of search) {
    if (values.has(name)) values.get(name).push(value);
    else values.set(name, [value]);
  }
  return Object.fromEntries(values);
}

/** The declared header parameters present, keyed by lower-case name, with every value each one came with. */
export function headerValues(parameters, headersDistinct) {
  const names = parameters.map((p) => p.name.toLowerCase()).filter((name) => headersDistinct[name] !== undefined);
  return Object.fromEntries(names.map((name) => [name, headersDistinct[name]]));
}
