// Reading a request: its body (size, Content-Type, UTF-8, JSON) and its path, query and header parameters.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the whole request body; keeps at most `max` bytes and flags a larger body instead of buffering it. */
export function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve({ buffer: Buffer.concat(chunks), size, tooLarge: size > max }));
    req.on('error', reject);
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
 * The parsed body of a request to an operation whose request body is `requestBody` (null: it takes none);
 * undefined when there is none. Throws `invalid(detail)` on an oversized, mistyped, empty, non-UTF-8 or malformed body.
 * @param {{ mediaType: string, required: boolean } | null} requestBody
 * @param {{ buffer: Buffer, size: number, tooLarge: boolean }} body
 * @param {string | undefined} contentType
 * @param {{ maxBodyBytes: number, invalid: (detail: string) => Error | object }} options
 */
export function parseBody(requestBody, { buffer, size, tooLarge }, contentType, { maxBodyBytes, invalid }) {
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
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`body is not valid JSON (${/** @type {Error} */ (error).message})`);
  }
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

/** The declared query parameters present in `search` (every value of an array parameter, else the first). */
export function queryValues(parameters, search) {
  const present = parameters.filter((p) => search.has(p.name));
  return Object.fromEntries(present.map((p) => [p.name, p.schema.type === 'array' ? search.getAll(p.name) : search.get(p.name)]));
}

/** The declared header parameters present in `headers`, keyed by lower-case name. */
export function headerValues(parameters, headers) {
  const present = parameters.filter((p) => headers[p.name.toLowerCase()] !== undefined);
  return Object.fromEntries(present.map((p) => [p.name.toLowerCase(), headers[p.name.toLowerCase()]]));
}
