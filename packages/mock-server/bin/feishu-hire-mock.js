#!/usr/bin/env node
// CLI: starts the mock server and prints its URL; Ctrl-C (SIGINT) or SIGTERM stops it.
import { parseArgs } from 'node:util';
import { DEFAULT_APPS, DEFAULT_LIMITS } from '../src/defaults.js';

/** The usage text; the operations it lists are read from the bundled spec. */
async function usage() {
  const { operations } = await import('@feishu-hire/spec/model');
  return `Usage: feishu-hire-mock [options]

Local mock of the Feishu/Lark Hire API, serving every operation of the bundled spec (@feishu-hire/spec):
${operations.map((o) => `  ${o.method} ${o.path}  ${o.summary ?? o.operationId}`).join('\n')}

Options:
  --port N            port to listen on (default 0: the OS picks a free one)
  --host ADDR         address to listen on (default 127.0.0.1)
  --seed FILE         JSON seed file: {"<resource>": [records], ...} (or an array of interviews, or
                      {"interviews": [...]}); it replaces the default seed (the spec's examples)
  --limit NAME=N      a limit of the store, repeatable: ${Object.entries(DEFAULT_LIMITS).map(([k, v]) => `${k} (default ${v})`).join(', ')}
  --no-parent-checks  accept writes naming a missing parent, and delete parents that have children
  --rate-limit N      requests per second per app for every rate-limited operation
                      (default: each operation's limit from the spec; 0 turns them off)
  --token-ttl S       lifetime of issued tokens in seconds, 1..7200 (default 7200)
  --app ID:SECRET     accepted app credentials, repeatable (default ${DEFAULT_APPS[0].appId}:${DEFAULT_APPS[0].appSecret})
  --token T           a static token that is always valid (its own app for rate limits), repeatable
  --max-body BYTES    largest accepted request body (default 1048576)
  --request-timeout MS
                      a request (headers and body) must arrive within MS ms, else it is answered 408
                      (default 30000; 0: never)
  --strict-fields     reject body fields the spec does not declare (default: drop them)
  --fault KIND[:K=V,...]
                      inject a fault, repeatable. KIND: system-error, rate-limit, latency, reset, stall;
                      K: share=0..1 or times=N (default: every request), op=OPERATION_ID (default: every
                      operation that needs a token), ms=N (latency), reset=S (rate-limit x-ogw-ratelimit-reset)
                      e.g. --fault system-error:share=0.2  --fault reset:times=3  --fault latency:ms=2000
  --quiet             do not log requests
  -h, --help          show this help

Environment (a flag wins over it):
  FEISHU_APP_ID, FEISHU_APP_SECRET  accepted app credentials, both together (instead of the default; like --app)
  FEISHU_TENANT_ACCESS_TOKEN        a static token that is always valid (like --token)

Prints "Mock server listening on http://HOST:PORT" once it accepts requests. A secret given by flag or environment
is never printed.`;
}

/** Prints an error and the usage hint, then exits with code 2 (bad command line). */
function fail(message) {
  process.stderr.write(`feishu-hire-mock: ${message}\nRun "feishu-hire-mock --help" for the options.\n`);
  process.exit(2);
}

/** Parses a whole non-negative integer flag value or fails naming the flag. */
function integer(flag, value) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${flag} must be a non-negative integer (got ${JSON.stringify(value)})`);
  return Number(value);
}

/** `--fault` keys -> the fault fields they set (see MockFault in src/index.d.ts). */
const FAULT_KEYS = Object.freeze({ share: 'share', times: 'times', ms: 'ms', op: 'operationId', reset: 'resetSeconds' });

/** Parses `--fault KIND[:KEY=VALUE,...]` into a fault object, or fails naming the flag; its rules are checked later. */
function fault(text) {
  const [kind, params] = text.split(/:(.*)/s);
  const result = { kind };
  for (const pair of params ? params.split(',') : []) {
    const [key, value] = pair.split(/=(.*)/s);
    const field = Object.hasOwn(FAULT_KEYS, key) ? FAULT_KEYS[key] : undefined;
    if (!field || value === undefined) fail(`--fault ${JSON.stringify(text)}: ${JSON.stringify(pair)} must be KEY=VALUE with KEY one of ${Object.keys(FAULT_KEYS).join(', ')}`);
    if (field !== 'operationId' && !/^\d+(\.\d+)?$/.test(value)) fail(`--fault ${JSON.stringify(text)}: ${key} must be a number (got ${JSON.stringify(value)})`);
    result[field] = field === 'operationId' ? value : Number(value);
  }
  return result;
}

/** A startMockServer() error about `options.faults[i]`, said about the --fault flag the user typed. */
function faultMessage(message, texts) {
  const index = /options\.faults\[(\d+)\]/.exec(message)?.[1];
  if (index === undefined) return undefined;
  const byKey = Object.fromEntries(Object.entries(FAULT_KEYS).map(([key, field]) => [field, key]));
  const said = message.replace(/^Invalid mock server options: /, '').replace(/options\.faults\[\d+\]\.(\w+)/g, (_m, field) => byKey[field] ?? field);
  return `--fault ${JSON.stringify(texts[index])}: ${said}`;
}

/** Parses `--limit NAME=N` flags into the limits option, or fails naming the flag. */
function limits(texts) {
  if (!texts) return undefined;
  const result = {};
  for (const text of texts) {
    const [name, value] = text.split(/=(.*)/s);
    if (!Object.hasOwn(DEFAULT_LIMITS, name)) fail(`--limit ${JSON.stringify(text)}: NAME must be one of ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    if (!/^[1-9]\d*$/.test(value ?? '')) fail(`--limit ${JSON.stringify(text)}: N must be a positive integer`);
    result[name] = Number(value);
  }
  return result;
}

/** @type {any} */
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'token-ttl': { type: 'string' },
      app: { type: 'string', multiple: true },
      token: { type: 'string', multiple: true },
      'max-body': { type: 'string' },
      'request-timeout': { type: 'string' },
      'strict-fields': { type: 'boolean' },
      limit: { type: 'string', multiple: true },
      'no-parent-checks': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(/** @type {Error} */ (error).message);
}

if (args.help) {
  process.stdout.write(`${await usage()}\n`);
  process.exit(0);
}

/**
 * Credentials from FEISHU_APP_ID / FEISHU_APP_SECRET / FEISHU_TENANT_ACCESS_TOKEN, each unless its flag is given:
 * `{ apps, tokens }` (undefined when not set). Names variables, never their values, in errors.
 */
function fromEnvironment(env) {
  const [appId, appSecret, token] = [env.FEISHU_APP_ID, env.FEISHU_APP_SECRET, env.FEISHU_TENANT_ACCESS_TOKEN].map((v) => v || undefined);
  if (!args.app && Boolean(appId) !== Boolean(appSecret)) {
    fail(`${appId ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID'} must be set with ${appId ? 'FEISHU_APP_ID' : 'FEISHU_APP_SECRET'} (or give --app ID:SECRET)`);
  }
  return {
    apps: args.app || !appId ? undefined : [{ appId, appSecret }],
    tokens: args.token || !token ? undefined : [token],
  };
}

const environment = fromEnvironment(process.env);
const apps = args.app?.map((pair) => {
  const at = pair.indexOf(':');
  if (at < 1 || at === pair.length - 1) fail(`--app must be ID:SECRET (got ${JSON.stringify(pair)})`);
  return { appId: pair.slice(0, at), appSecret: pair.slice(at + 1) };
}) ?? environment.apps;
const options = Object.fromEntries(
  Object.entries({
    port: integer('port', args.port),
    host: args.host,
    seedFile: args.seed,
    rateLimitPerSecond: integer('rate-limit', args['rate-limit']),
    tokenTtlSeconds: integer('token-ttl', args['token-ttl']),
    apps,
    tokens: args.token ?? environment.tokens,
    maxBodyBytes: integer('max-body', args['max-body']),
    requestTimeoutMs: integer('request-timeout', args['request-timeout']),
    strictFields: args['strict-fields'],
    limits: limits(args.limit),
    parentChecks: args['no-parent-checks'] ? false : undefined,
    faults: args.fault?.map(fault),
    log: args.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  }).filter(([, value]) => value !== undefined),
);

/** startMockServer() option -> the CLI flag that sets it. */
const FLAGS = {
  port: '--port',
  host: '--host',
  seedFile: '--seed',
  rateLimitPerSecond: '--rate-limit',
  tokenTtlSeconds: '--token-ttl',
  apps: '--app',
  tokens: '--token',
  maxBodyBytes: '--max-body',
  requestTimeoutMs: '--request-timeout',
  strictFields: '--strict-fields',
  limits: '--limit',
  parentChecks: '--no-parent-checks',
};

// Loaded only now, so --help and usage errors answer without compiling the spec's validators.
const { startMockServer } = await import('../src/index.js');
let mock;
try {
  mock = await startMockServer(options);
} catch (error) {
  const { message, code, syscall } = /** @type {NodeJS.ErrnoException} */ (error);
  // Bad option values, a bad or unreadable seed file and a host that cannot be listened on are usage errors
  // (exit 2, as the README says); anything else (port in use) exits 1.
  if (/^Invalid seed file|^Cannot read seed file/.test(message)) fail(`--seed: ${message}`);
  const aboutFault = faultMessage(message, args.fault ?? []);
  if (aboutFault) fail(aboutFault);
  if (/^Invalid mock server options/.test(message)) {
    // Name the flag the user typed rather than the option it maps to.
    fail(Object.entries(FLAGS).reduce((m, [option, flag]) => m.replaceAll(`options.${option}`, flag), message));
  }
  if (syscall === 'getaddrinfo' || code === 'EADDRNOTAVAIL') fail(`--host: cannot listen on ${JSON.stringify(options.host)} (${message})`);
  process.stderr.write(`feishu-hire-mock: ${message}${code === 'EADDRINUSE' ? ' (--port: choose a free port, or 0)' : ''}\n`);
  process.exit(1);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    mock.close().then(() => process.exit(0), () => process.exit(1));
  });
}

process.stdout.write(`Mock server listening on ${mock.url}\n`);
const app = (apps ?? DEFAULT_APPS)[0];
// The default app's secret is public (documented); a secret the user gave is never echoed.
const secret = apps ? `(from ${args.app ? '--app' : 'FEISHU_APP_SECRET'}, not shown)` : app.appSecret;
process.stdout.write(`App credentials: app_id=${app.appId} app_secret=${secret}\n`);
