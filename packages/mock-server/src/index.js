// startMockServer(): a local HTTP mock of the Feishu/Lark Hire API, serving every operation of the spec.
import { createServer } from 'node:http';
import { errorCodes } from '@feishu-hire/spec/model';
import { createHandler } from './handler.js';
import { resolveOptions } from './options.js';
import { createRateLimiter } from './rate-limit.js';
import { createRoutes } from './routes.js';
import { createStore } from './store.js';
import { createTokens } from './tokens.js';
import { loadSpec } from './validators.js';

export { DEFAULT_APPS, DEFAULT_INTERVIEWS } from './defaults.js';
export { TOKEN_PATH } from './operations.js';

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

/** Starts the mock on 127.0.0.1 (an OS-picked port by default); resolves to `{ url, port, close(), store, server }`. */
export async function startMockServer(options = {}) {
  const config = resolveOptions(options, loadSpec); // the spec's validators are compiled once per document
  const routes = createRoutes(config.spec, config.handlers, config);
  const store = createStore(config.interviews, config.spec.interview, config.now);
  const tokens = createTokens({ now: config.now, ttlSeconds: config.tokenTtlSeconds, statics: config.tokens });
  const server = createServer(createHandler({ config, routes, store, tokens, limiter: createRateLimiter(config.now) }));
  await listen(server, config.port, config.host);
  const { address, port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    url,
    port,
    store,
    server,
    /** Stops listening and closes every open connection. */
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
