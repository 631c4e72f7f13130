// startMockServer(): a local HTTP mock of the Feishu/Lark Hire API 更新外部面试 (Update external interview).
import { createServer } from 'node:http';
import { createHandler } from './handler.js';
import { resolveOptions } from './options.js';
import { createStore } from './store.js';
import { createValidators } from './validators.js';

export { DEFAULT_APPS, DEFAULT_INTERVIEWS } from './defaults.js';
export { Codes, TOKEN_PATH } from './handler.js';

/** @type {ReturnType<typeof createValidators> | undefined} */
let validators;

/** Starts the mock on 127.0.0.1 (an OS-picked port by default); resolves to `{ url, port, close(), store, server }`. */
export async function startMockServer(options = {}) {
  validators ??= createValidators(); // compiled once, at the first start; shared by every server of the process
  const config = resolveOptions(options, validators);
  const store = createStore(config.interviews, validators.interview);
  const server = createServer(createHandler({ config, validators, store }));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
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
