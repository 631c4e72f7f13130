// The feishu-hire-conformance command line: parses flags, runs the cases, prints progress, writes JUnit XML.
import { mkdir, open, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { operationsOf } from '@feishu-hire/spec/model';
import { toJUnit } from './junit.js';
import { dummyInterviewId, loadSpec, runConformance } from './runner.js';

/** The --help text. */
export const USAGE = `Usage: feishu-hire-conformance [options]

Runs the conformance cases generated from every operation of the spec (@feishu-hire/spec) against a server.
Without --base-url it starts the embedded mock server and runs every case against it.

Options:
  --base-url URL               server to test, e.g. https://open.feishu.cn (default: start the embedded mock)
  --token T                    tenant_access_token to send as "Authorization: Bearer T"
                               (or the environment variable FEISHU_TENANT_ACCESS_TOKEN)
  --app-id ID                  fetch a tenant_access_token with app credentials (with --app-secret)
                               (or FEISHU_APP_ID)
  --app-secret SECRET          app secret for --app-id (or FEISHU_APP_SECRET, which keeps it off the command line)
  --interview-id ID            interview the write cases overwrite; only with --allow-writes (reject-only runs
                               send the cases of a writing operation to a random non-existent id)
  --external-application-id ID external_application_id sent by write cases (default: the spec's example)
  --allow-writes               also run the cases that write (overwrite!) the interview; needs --interview-id
  --skip-msg-check             do not require the msg of an expected invalid-parameter rejection to name the
                               field the case breaks
  --check-rate-limit           opt-in: burst above each operation's documented rate limit and expect its
                               rate-limit answer
  --rate N                     requests per second, paced (default 8; 0 = unpaced)
  --timeout MS                 per-request timeout in milliseconds (default 10000)
  --junit FILE                 write the results as JUnit XML to FILE (checked writable before the run)
  -h, --help                   show this help

Credentials: a flag wins over its environment variable; --token also wins over FEISHU_APP_ID/FEISHU_APP_SECRET and
--app-id/--app-secret over FEISHU_TENANT_ACCESS_TOKEN. Without --base-url the environment is not read. Neither the
token nor the secret is ever printed.

Safety: by default only requests that the server must reject are sent (invalid bodies and parameters, bad
credentials; those of a writing operation all to a random interview id that cannot exist), plus the valid
requests that change nothing (a token request, only with --app-id/--app-secret). Write cases run only with
--allow-writes and an explicit --interview-id (against the embedded mock they always run).

Exit codes: 0 all cases passed, 1 a case failed or the run could not start (token refused, server unreachable:
"cannot reach URL", stopped at the first connection failure), 2 bad command line or unwritable --junit FILE.
`;

const OPTIONS = {
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  'interview-id': { type: 'string' },
  'external-application-id': { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'skip-msg-check': { type: 'boolean' },
  'check-rate-limit': { type: 'boolean' },
  rate: { type: 'string' },
  timeout: { type: 'string' },
  junit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A command-line error: the message names the flag; the exit code is 2. */
export class UsageError extends Error {}

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
function checkCredentials({ token, appId, appSecret, from }, need) {
  const other = (key) => (from[key] === CREDENTIAL_FLAGS[key] ? `or set ${CREDENTIAL_ENV[key]}` : `or give ${CREDENTIAL_FLAGS[key]}`);
  if (!token && !appId && !appSecret) {
    need('--token', `required with --base-url (or use --app-id and --app-secret, or the environment variables ${CREDENTIAL_ENV.token}, or ${CREDENTIAL_ENV.appId} and ${CREDENTIAL_ENV.appSecret})`);
  }
  if (token && (appId || appSecret)) need(from.token, `give either ${from.token} or ${from.appId}/${from.appSecret}, not both`);
  if (appId && !appSecret) need(from.appSecret, `required with ${from.appId} (${other('appSecret')})`);
  if (appSecret && !appId) need(from.appId, `required with ${from.appSecret} (${other('appId')})`);
}

/** Parses argv into runConformance options plus `junit`/`help`; throws UsageError naming the bad flag. */
export function parseCli(argv, env = process.env) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };
  const need = (flag, rule) => {
    throw new UsageError(`${flag}: ${rule}`);
  };
  for (const [flag, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.length === 0) need(`--${flag}`, 'must not be empty');
  }
  const number = (flag, fallback, { integer = false, min }) => {
    if (values[flag] === undefined) return fallback;
    const n = Number(values[flag]);
    if (!/^\d+(\.\d+)?$/.test(values[flag]) || (integer && !Number.isInteger(n)) || n < min) {
      need(`--${flag}`, `must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${JSON.stringify(values[flag])}`);
    }
    return n;
  };
  const options = {
    baseUrl: values['base-url'],
    interviewId: values['interview-id'],
    allowWrites: Boolean(values['allow-writes']),
    checkMsg: !values['skip-msg-check'],
    checkRateLimit: Boolean(values['check-rate-limit']),
    rate: number('rate', 8, { min: 0 }),
    timeoutMs: number('timeout', 10_000, { integer: true, min: 1 }),
    bodyOverrides: values['external-application-id'] ? { external_application_id: values['external-application-id'] } : {},
    junit: values.junit,
  };
  if (options.baseUrl !== undefined) {
    let url;
    try {
      url = new URL(options.baseUrl);
    } catch {
      need('--base-url', `must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    }
    if (!['http:', 'https:'].includes(url.protocol)) need('--base-url', `must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    const auth = credentials(values, env);
    checkCredentials(auth, need);
    Object.assign(options, { token: auth.token, appId: auth.appId, appSecret: auth.appSecret });
  } else {
    for (const flag of ['token', 'app-id', 'app-secret']) {
      if (values[flag] !== undefined) need(`--${flag}`, 'only applies with --base-url (the embedded mock issues its own token)');
    }
  }
  if (options.allowWrites && options.baseUrl !== undefined && options.interviewId === undefined) {
    need('--allow-writes', 'needs an explicit --interview-id: write cases overwrite that whole interview');
  }
  if (options.interviewId !== undefined && !options.allowWrites) {
    need('--interview-id', 'only with --allow-writes: a reject-only run sends every case to a non-existent id, so that no real interview can be overwritten');
  }
  return options;
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

/** The warning when `rate` is not under the strictest documented rate limit of the spec's operations, or undefined. */
function rateWarning(rate) {
  const limited = operationsOf(loadSpec()).filter((o) => o.rateLimit.perSecond !== undefined);
  const strictest = limited.sort((a, b) => a.rateLimit.perSecond - b.rateLimit.perSecond)[0];
  if (!strictest || (rate > 0 && rate < strictest.rateLimit.perSecond)) return undefined;
  const { requests, per } = strictest.rateLimit;
  return `warning: --rate ${rate} is not under the documented limit of ${requests}/${per} (${strictest.operationId}); cases may be rate-limited\n`;
}

/** One progress line for a case result. */
function progressLine(r) {
  if (r.status === 'passed') return `✓ ${r.id} ${r.title}`;
  if (r.status === 'skipped') return `- ${r.id} ${r.title} (skipped: ${r.reason})`;
  return `✗ ${r.id} ${r.title} — ${r.reason}${r.response?.logId ? ` [x-tt-logid ${r.response.logId}]` : ''}`;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
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
  let mock;
  try {
    if (runOptions.baseUrl === undefined) {
      const { startMockServer } = await import('@feishu-hire/mock-server');
      // The embedded mock's limiter stays off unless the burst case is asked for; writes to it are harmless.
      mock = await startMockServer(runOptions.checkRateLimit ? {} : { rateLimitPerSecond: 0 });
      Object.assign(runOptions, { baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', allowWrites: true });
      runOptions.interviewId ??= dummyInterviewId();
      stdout.write(`embedded mock server at ${mock.url}\n`);
    }
    const warning = rateWarning(runOptions.rate);
    if (warning) stderr.write(warning);
    stdout.write(`conformance: running against ${runOptions.baseUrl}${runOptions.allowWrites ? ` (writes to interview ${runOptions.interviewId})` : ' (reject-only cases, to a non-existent interview id)'}\n`);
    const run = await runConformance({ ...runOptions, onResult: (r) => stdout.write(progressLine(r) + '\n') });
    stdout.write(`conformance: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped (${(run.durationMs / 1000).toFixed(1)} s)\n`);
    if (junitFile) {
      await writeFile(junitFile, toJUnit(run));
      stdout.write(`JUnit XML written to ${junitFile}\n`);
    }
    return run.failed === 0 && run.passed > 0 ? 0 : 1;
  } catch (error) {
    stderr.write(`feishu-hire-conformance: ${error.message}\n`);
    return 1;
  } finally {
    await mock?.close();
  }
}
