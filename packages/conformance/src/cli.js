// The feishu-hire-conformance command line: parses flags, runs the cases, prints progress, writes JUnit XML.
import { mkdir, open, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createVirtualClock } from './clock.js';
import { issueToken } from './http.js';
import { toJUnit } from './junit.js';
import { generateCases } from './generate.js';
import { describeControl, loadCases, loadSpec, runConformance, targetNames } from './runner.js';

/** The --help text. */
export const USAGE = `Usage: feishu-hire-conformance [options]

Runs the conformance cases generated from every operation of the spec (@feishu-hire/spec) against a server.
Without --base-url it starts the embedded mock server and runs every case against it (writes, the rate-limit
check and an expired token included; its clock is virtual, so nothing waits in real time).

Options:
  --base-url URL               server to test, e.g. https://open.feishu.cn (default: start the embedded mock)
  --token T                    tenant_access_token to send as "Authorization: Bearer T"
                               (or the environment variable FEISHU_TENANT_ACCESS_TOKEN)
  --app-id ID                  fetch a tenant_access_token with app credentials (with --app-secret)
                               (or FEISHU_APP_ID)
  --app-secret SECRET          app secret for --app-id (or FEISHU_APP_SECRET, which keeps it off the command line)
  --allow-writes               also run the cases that write: creates, updates (overwrite!), deletes, each
                               resource's lifecycle; on records the run creates (and deletes at the end), or on
                               the targets given
  --target NAME=ID             with --allow-writes: the record of a resource the writes go to, by its id
                               parameter, or the parent its creates go under, by the field naming it;
                               repeatable, once per NAME (the bundled spec's: ${targetNames().join(', ')})
  --spec FILE                  an OpenAPI document (JSON) to test instead of the bundled spec; its cases are
                               generated at run time
  --only PATTERN               run only the cases whose id matches the regular expression PATTERN, e.g.
                               --only '\.lifecycle$' (the others are not run, nor reported)
  --expired-token T            a token of this server that has expired, for the expired-token cases (with
                               --base-url; the embedded mock makes its own)
  --check-rate-limit           burst above each operation's documented rate limit: at most the limit is
                               admitted per window, the rest gets the rate-limit answer and headers
                               (on by default with writes; opt-in for a reject-only run)
  --no-check-rate-limit        do not run the rate-limit check
  --accept-unconfirmed         exit 0 even when some results are unconfirmed (their answer cannot tell a
                               correct server from a broken one); they are still reported
  --skip-msg-check             never use the msg as evidence (a rejection is then confirmed only by its status
                               and code differing from a valid request's answer)
  --rate N                     the most requests per second of each operation (default 8); each is also paced
                               under its own documented rate limit, and operations run side by side (0 = unpaced)
  --timeout MS                 per-request timeout in milliseconds (default 10000)
  --junit FILE                 write the results as JUnit XML to FILE (checked writable before the run)
  -h, --help                   show this help

Credentials: a flag wins over its environment variable; --token also wins over FEISHU_APP_ID/FEISHU_APP_SECRET and
--app-id/--app-secret over FEISHU_TENANT_ACCESS_TOKEN. Without --base-url the environment is not read. Neither the
token nor the secret is ever printed.

Safety: by default only requests that the server must reject are sent (invalid bodies and parameters, bad
credentials; those of a writing operation all to a random id that cannot exist), plus a valid request to that id
(to learn how the server answers it) and the valid requests that change nothing (a token request, only with
--app-id/--app-secret). Write cases run only with --allow-writes (against the embedded mock they always run).

Results: "✓" passed, "✗" failed, "?" unconfirmed (it ran, but its answer is the one a valid request gets, e.g.
"not found" for the non-existent id, so it proves nothing), "-" skipped.

Exit codes: 0 every case that ran passed, 1 a case failed or the run could not start (token refused, server
unreachable: "cannot reach URL", stopped at the first connection failure), 2 bad command line or unwritable
--junit FILE, 3 no case failed but some are unconfirmed (accept them with --accept-unconfirmed).
`;

const OPTIONS = {
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  target: { type: 'string', multiple: true },
  spec: { type: 'string' },
  only: { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'expired-token': { type: 'string' },
  'check-rate-limit': { type: 'boolean' },
  'no-check-rate-limit': { type: 'boolean' },
  'accept-unconfirmed': { type: 'boolean' },
  'skip-msg-check': { type: 'boolean' },
  rate: { type: 'string' },
  timeout: { type: 'string' },
  junit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A command-line error: the message names the flag; the exit code is 2. */
export class UsageError extends Error {}

/** Throws the UsageError `<flag>: <rule>`. */
const usage = (flag, rule) => {
  throw new UsageError(`${flag}: ${rule}`);
};

/** The environment variables that hold app credentials, by option. */
export const CREDENTIAL_ENV = { token: 'FEISHU_TENANT_ACCESS_TOKEN', appId: 'FEISHU_APP_ID', appSecret: 'FEISHU_APP_SECRET' };
const CREDENTIAL_FLAGS = { token: '--token', appId: '--app-id', appSecret: '--app-secret' };

/**
 * The credentials of a run against --base-url: `{ token, appId, appSecret, from }`, `from` naming where each came from
 * (its flag or its environment variable). A flag wins over its variable; a token flag also shuts out the app
 * variables, and an app flag the token variable, so that a flag never mixes with a variable of the other kind.
 */
function credentials(values, env) {
  const flags = { token: values.token, appId: values['app-id'], appSecret: values['app-secret'] };
  const tokenFlag = flags.token !== undefined;
  const appFlag = flags.appId !== undefined || flags.appSecret !== undefined;
  const result = { from: {} };
  for (const key of Object.keys(CREDENTIAL_ENV)) {
    const shutOut = key === 'token' ? appFlag : tokenFlag;
    const fromEnv = shutOut ? undefined : env[CREDENTIAL_ENV[key]] || undefined;
    result[key] = flags[key] ?? fromEnv;
    result.from[key] = flags[key] !== undefined || fromEnv === undefined ? CREDENTIAL_FLAGS[key] : CREDENTIAL_ENV[key];
  }
  return result;
}

/** Throws UsageError, naming flags or variables (never their values), when the credentials do not make one auth. */
function checkCredentials({ token, appId, appSecret, from }, need = usage) {
  const other = (key) => (from[key] === CREDENTIAL_FLAGS[key] ? `or set ${CREDENTIAL_ENV[key]}` : `or give ${CREDENTIAL_FLAGS[key]}`);
  if (!token && !appId && !appSecret) {
    need('--token', `required with --base-url (or use --app-id and --app-secret, or the environment variables ${CREDENTIAL_ENV.token}, or ${CREDENTIAL_ENV.appId} and ${CREDENTIAL_ENV.appSecret})`);
  }
  if (token && (appId || appSecret)) need(from.token, `give either ${from.token} or ${from.appId}/${from.appSecret}, not both`);
  if (appId && !appSecret) need(from.appSecret, `required with ${from.appId} (${other('appSecret')})`);
  if (appSecret && !appId) need(from.appId, `required with ${from.appSecret} (${other('appId')})`);
}

/** The number a flag gives (`fallback` when absent); throws naming the flag when it is not one >= min. */
function numberFlag(values, flag, fallback, { integer = false, min }) {
  if (values[flag] === undefined) return fallback;
  const n = Number(values[flag]);
  if (!/^\d+(\.\d+)?$/.test(values[flag]) || (integer && !Number.isInteger(n)) || n < min) {
    usage(`--${flag}`, `must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(values[flag])}`);
  }
  return n;
}

/** The parsed flags (strict: an unknown flag or an argument is a UsageError); no empty string values. */
function parseFlags(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  for (const [flag, value] of Object.entries(values)) if ([].concat(value).some((v) => v === '')) usage(`--${flag}`, 'must not be empty');
  return values;
}

/** The rate-limit check the flags ask for: true, false, or undefined (the default: on with writes). */
function rateLimitFlag(values) {
  if (values['check-rate-limit'] && values['no-check-rate-limit']) usage('--no-check-rate-limit', 'contradicts --check-rate-limit: give one of them');
  if (values['no-check-rate-limit']) return false;
  return values['check-rate-limit'] ? true : undefined;
}

/**
 * Checks the flags that only apply to a server given with --base-url, the URL itself and (only then) the credentials
 * of flags and `env`; resolves to those credentials (none for the embedded mock).
 */
function checkServerFlags(values, env) {
  const baseUrl = values['base-url'];
  if (baseUrl === undefined) {
    for (const flag of ['token', 'app-id', 'app-secret', 'expired-token']) {
      if (values[flag] !== undefined) usage(`--${flag}`, 'only applies with --base-url (the embedded mock issues its own tokens)');
    }
    return {};
  }
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    usage('--base-url', `must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) usage('--base-url', `must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  const auth = credentials(values, env);
  checkCredentials(auth);
  return { token: auth.token, appId: auth.appId, appSecret: auth.appSecret };
}

/** The OpenAPI document of --spec FILE (JSON), or undefined without the flag; throws naming the flag. */
function specFlag(values) {
  const file = values.spec;
  if (file === undefined) return undefined;
  let doc;
  try {
    doc = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    usage('--spec', `cannot read an OpenAPI document (JSON) from ${resolve(file)}: ${error.message}`);
  }
  if (doc === null || typeof doc !== 'object' || typeof doc.openapi !== 'string') usage('--spec', `${resolve(file)} is not an OpenAPI document (no "openapi" version)`);
  return doc;
}

/** The RegExp of --only PATTERN (undefined without it); throws naming the flag when it is no pattern or matches no case. */
function onlyFlag(values, spec) {
  if (values.only === undefined) return undefined;
  let only;
  try {
    only = new RegExp(values.only);
  } catch (error) {
    usage('--only', `must be a regular expression: ${error.message}`);
  }
  const cases = spec ? generateCases(spec) : loadCases();
  if (!cases.some((c) => only.test(c.id))) usage('--only', `${JSON.stringify(values.only)} matches no case id (they start with the operationId, e.g. ${cases[0]?.id})`);
  return only;
}

/** The targets of the --target NAME=ID flags, checked against the names the spec gives; throws naming the flag. */
function targetsFlag(values, doc) {
  const given = values.target ?? [];
  if (given.length > 0 && !values['allow-writes'] && values['base-url'] !== undefined) {
    usage('--target', 'only with --allow-writes: a reject-only run sends every case to a non-existent id, so that no real record can be written');
  }
  const names = targetNames(doc);
  const targets = {};
  for (const flag of given) {
    const [, name, id] = /^([^=]+)=(.+)$/.exec(flag) ?? [];
    if (!name) usage('--target', `must be NAME=ID, got ${JSON.stringify(flag)}`);
    if (!names.includes(name)) usage('--target', `${name} is not the id parameter of a resource of the spec or the field naming a parent (${names.join(', ')})`);
    if (Object.hasOwn(targets, name)) usage('--target', `${name} is given twice`);
    targets[name] = id;
  }
  return targets;
}

/** Parses argv into runConformance options plus `junit`, `acceptUnconfirmed` and `help`; throws UsageError naming the bad flag. */
export function parseCli(argv, env = process.env) {
  const values = parseFlags(argv);
  if (values.help) return { help: true };
  const checkRateLimit = rateLimitFlag(values);
  const auth = checkServerFlags(values, env);
  const spec = specFlag(values);
  const targets = targetsFlag(values, spec ?? loadSpec());
  const only = onlyFlag(values, spec);
  return {
    ...(only ? { only } : {}),
    baseUrl: values['base-url'],
    ...auth,
    ...(spec ? { spec } : {}),
    ...(Object.keys(targets).length > 0 ? { targets } : {}),
    allowWrites: Boolean(values['allow-writes']),
    expiredToken: values['expired-token'],
    checkMsg: !values['skip-msg-check'],
    ...(checkRateLimit === undefined ? {} : { checkRateLimit }),
    rate: numberFlag(values, 'rate', 8, { min: 0 }),
    timeoutMs: numberFlag(values, 'timeout', 10_000, { integer: true, min: 1 }),
    acceptUnconfirmed: Boolean(values['accept-unconfirmed']),
    junit: values.junit,
  };
}

/** Checks before the run that the --junit file can be written (creating its directory); throws naming the path and reason. */
async function checkJUnitPath(path) {
  const file = resolve(path);
  try {
    await mkdir(dirname(file), { recursive: true });
    const existed = await stat(file).then(() => true, () => false);
    await (await open(file, 'a')).close();
    if (!existed) await unlink(file);
  } catch (error) {
    throw new Error(`--junit: cannot write ${file}: ${error.message}`);
  }
  return file;
}

/** The warning of an unpaced run (`--rate 0`), or undefined. */
function rateWarning(rate) {
  if (rate > 0) return undefined;
  return 'warning: --rate 0 sends every request unpaced: operations with a documented rate limit may answer it\n';
}

/** One progress line for a case result. */
function progressLine(r) {
  if (r.status === 'passed') return `✓ ${r.id} ${r.title}`;
  if (r.status === 'skipped') return `- ${r.id} ${r.title} (skipped: ${r.reason})`;
  if (r.status === 'unconfirmed') return `? ${r.id} ${r.title} (unconfirmed: ${r.reason})`;
  return `✗ ${r.id} ${r.title} — ${r.reason}${r.response?.logId ? ` [x-tt-logid ${r.response.logId}]` : ''}`;
}

/** Starts the embedded mock server (its default app) via the mock package's startMockServer. */
async function startEmbeddedMock(options) {
  const { startMockServer } = await import('@feishu-hire/mock-server');
  return startMockServer(options);
}

/**
 * Starts the embedded mock on a virtual clock (serving the run's spec) and completes `runOptions` for it: a writing
 * run, its default app, and an expired token made by issuing one and moving the clock past it.
 */
async function embedded(runOptions, startMock) {
  const clock = createVirtualClock();
  const spec = runOptions.spec ?? loadSpec();
  const mock = await startMock({ now: clock.now, ...(runOptions.spec ? { spec } : {}) });
  const [app] = (await import('@feishu-hire/mock-server')).DEFAULT_APPS;
  const credentials = { baseUrl: mock.url, appId: app.appId, appSecret: app.appSecret };
  const expiredToken = async () => {
    const { token, expire } = await issueToken({ ...credentials, spec, timeoutMs: runOptions.timeoutMs });
    clock.advance(((expire ?? 7200) + 1) * 1000);
    return token;
  };
  Object.assign(runOptions, credentials, { allowWrites: true, clock, expiredToken });
  return mock;
}

/** What a run writes to, for its first line. */
function writesLine({ allowWrites, targets = {} }) {
  if (!allowWrites) return 'reject-only cases, to a non-existent id';
  const given = Object.entries(targets).map(([name, id]) => `${name}=${id}`);
  return `writing run: on records it creates and deletes again${given.length ? `, and on ${given.join(', ')}` : ''}`;
}

/** The summary line of a run. */
function summaryLine(run) {
  return `conformance: ${run.passed} passed, ${run.failed} failed, ${run.unconfirmed} unconfirmed, ${run.skipped} skipped (${(run.durationMs / 1000).toFixed(1)} s)\n`;
}

/** The exit code of a finished run: 1 on a failure (or nothing passed), 3 on unconfirmed results not accepted, else 0. */
function exitCode(run, acceptUnconfirmed) {
  if (run.failed > 0 || run.passed === 0) return 1;
  return run.unconfirmed > 0 && !acceptUnconfirmed ? 3 : 0;
}

/** Runs the cases (starting the embedded mock without --base-url), prints progress and the summary, writes JUnit. */
async function runAndReport({ acceptUnconfirmed, ...runOptions }, junitFile, { stdout, stderr, startMock }) {
  let mock;
  try {
    if (runOptions.baseUrl === undefined) {
      mock = await embedded(runOptions, startMock);
      stdout.write(`embedded mock server at ${mock.url} (virtual clock: pacing, rate-limit windows and token expiry take no real time)\n`);
    }
    const warning = rateWarning(runOptions.rate);
    if (warning) stderr.write(warning);
    stdout.write(`conformance: running against ${runOptions.baseUrl} (${writesLine(runOptions)})\n`);
    const onControl = (control) => stdout.write(`control ${describeControl(control)}\n`);
    const run = await runConformance({ ...runOptions, onControl, onResult: (r) => stdout.write(progressLine(r) + '\n') });
    stdout.write(summaryLine(run));
    if (run.leftovers.length > 0) stdout.write(`conformance: ${run.leftovers.length} record(s) the run created could not be deleted: ${run.leftovers.join(', ')}\n`);
    if (run.unconfirmed > 0) stdout.write(`conformance: ${run.unconfirmed} unconfirmed result(s) ("?"): their answers cannot tell a correct server from a broken one${acceptUnconfirmed ? ' (accepted: --accept-unconfirmed)' : '; --accept-unconfirmed accepts them'}\n`);
    if (junitFile) {
      await writeFile(junitFile, toJUnit(run));
      stdout.write(`JUnit XML written to ${junitFile}\n`);
    }
    return exitCode(run, acceptUnconfirmed);
  } catch (error) {
    stderr.write(`feishu-hire-conformance: ${error.message}\n`);
    return 1;
  } finally {
    await mock?.close();
  }
}

/**
 * Runs the CLI with `argv` (without node and script) and resolves to the exit code. `startMock(options)` starts the
 * embedded server (default: @feishu-hire/mock-server's startMockServer; tests pass a broken one).
 */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, startMock = startEmbeddedMock, env = process.env } = {}) {
  let options;
  try {
    options = parseCli(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`feishu-hire-conformance: ${error.message}\nRun feishu-hire-conformance --help for usage.\n`);
    return 2;
  }
  if (options.help) {
    stdout.write(USAGE);
    return 0;
  }
  const { junit, ...runOptions } = options;
  let junitFile;
  try {
    if (junit) junitFile = await checkJUnitPath(junit);
  } catch (error) {
    stderr.write(`feishu-hire-conformance: ${error.message}\n`);
    return 2;
  }
  return runAndReport(runOptions, junitFile, { stdout, stderr, startMock });
}
