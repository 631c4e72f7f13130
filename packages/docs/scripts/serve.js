#!/usr/bin/env node
// `pnpm start`: serves the built docs page and the mock Hire API side by side on 127.0.0.1 and prints both URLs.
import { parseArgs } from 'node:util';
import { startDocsServer } from '../src/server.js';

const USAGE = `Usage: node scripts/serve.js [--docs-port N] [--mock-port N]

Serves packages/docs/dist/index.html and, when it is installed, the @feishu-hire/mock-server on 127.0.0.1.
Ports default to 0 (the OS picks a free one); both URLs are printed. Ctrl+C stops both.`;

/** Parses a --*-port value: an integer from 0 to 65535. */
function portOption(name, value) {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--${name} must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

let args;
try {
  args = parseArgs({
    options: { 'docs-port': { type: 'string' }, 'mock-port': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }).values;
  args.docsPort = portOption('docs-port', args['docs-port']);
  args.mockPort = portOption('mock-port', args['mock-port']);
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

/**
 * The mock server's module, or null when @feishu-hire/mock-server is not installed: it is a devDependency, so that
 * installing @feishu-hire/docs for its HTML file does not pull the mock server in.
 */
async function loadMockServer() {
  try {
    return await import('@feishu-hire/mock-server');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('@feishu-hire/mock-server')) return null;
    throw error;
  }
}

const mockServer = await loadMockServer();
const mock = mockServer ? await mockServer.startMockServer({ port: args.mockPort }) : null;
let docs;
try {
  docs = await startDocsServer({ port: args.docsPort });
} catch (error) {
  await mock?.close();
  throw error;
}
console.log(`Docs:        ${docs.url}`);
if (mock) {
  console.log(`Mock server: ${mock.url}`);
  const [app] = mockServer.DEFAULT_APPS;
  console.log(`  token:     POST ${new URL(mockServer.TOKEN_PATH, mock.url)} ${JSON.stringify({ app_id: app.appId, app_secret: app.appSecret })}`);
  console.log(`  client:    createHireClient({ baseUrl: '${mock.url}', auth: { appId: '${app.appId}', appSecret: '${app.appSecret}' } })`);
} else {
  console.log('Mock server: not started (npm install @feishu-hire/mock-server to serve it beside the docs)');
}
console.log('Press Ctrl+C to stop.');

let stopping = false;
/** Closes both servers once, then exits. */
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([docs.close(), mock?.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
