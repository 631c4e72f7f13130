// startMockServer(): a local HTTP mock of the Feishu/Lark Hire API, serving every operation of the spec.
import { createServer } from 'node:http';
import { errorCodes, openapi, operations } from '@feishu-hire/spec/model';
import { createEdge, serverTimeouts } from './edge.js';
import { createFaults } from './faults.js';
import { createHandler } from './handler.js';
import { resolveOptions } from './options.js';
import { createRateLimiter } from './rate-limit.js';
import { createRoutes } from './routes.js';
import { legacyDefaultInterviews } from './legacy.js';
import { resourcePlansOf } from './resources.js';
import { defaultSeedOf } from './seed.js';
import { createStore } from './store.js';
import { createTokens } from './tokens.js';
import { loadSpec } from './validators.js';

export { DEFAULT_APPS, DEFAULT_LIMITS } from './defaults.js';
export { TOKEN_PATH } from './operations.js';

/** Freezes `value` and everything in it. */
function deepFreeze(value) {
  if (value && typeof value === 'object') for (const item of Object.values(value)) deepFreeze(item);
  return Object.freeze(value);
}

/** The default seed of the bundled spec, `{ [resource]: records }`: the records its examples show. */
export const DEFAULT_SEED = deepFreeze(defaultSeedOf(resourcePlansOf(openapi, [...operations]), [...operations]));
/** The first versions' default interview: the update page's request example, under the path example's id. */
export const DEFAULT_INTERVIEWS = deepFreeze(legacyDefaultInterviews(operations));

/** The error codes of the spec by name (`Codes.InvalidParameter` is 1002002), from its `x-feishu-error-codes`. */
export const Codes = Object.freeze(Object.fromEntries(errorCodes.map((e) => [e.name, e.code])));

/** Listens on `host:port`; resolves once the server accepts connections. */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
}

/** Starts the mock on 127.0.0.1 (an OS-picked port by default); resolves to `{ url, port, close(), store, faults, server }`. */
export async function startMockServer(options = {}) {
  const config = resolveOptions(options, loadSpec); // the spec's validators are compiled once per document
  const routes = createRoutes(config.spec, config.handlers, config);
  const store = createStore(config.spec, { seed: config.seed, now: config.now, limits: config.limits, parentChecks: config.parentChecks });
  const tokens = createTokens({ now: config.now, ttlSeconds: config.tokenTtlSeconds, statics: config.tokens });
  const faults = createFaults({ operations: config.spec.operations, random: config.random, initial: config.faults });
  const edge = createEdge(config);
  const closing = new AbortController(); // ends the waits of latency faults
  const handler = createHandler({ config, routes, store, tokens, limiter: createRateLimiter(config.now), faults, edge, closing: closing.signal });
  const server = createServer(serverTimeouts(config.requestTimeoutMs), handler);
  server.on('clientError', edge.onClientError);
  await listen(server, config.port, config.host);
  const { address, port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  /** @type {Promise<void> | undefined} */
  let closed;
  return {
    url,
    port,
    store,
    server,
    /** Fault injection at run time: `inject(fault)` (returns `{ fault, fired, remove() }`), `clear()`, `list()`. */
    faults: { inject: faults.inject, clear: faults.clear, list: faults.list },
    /** Stops listening and closes every open connection (stalled answers included). */
    close() {
      closing.abort();
      closed ??= new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
