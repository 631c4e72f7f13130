// The feishu-hire-import command line: parses the command and flags, sets up the model, the client options and the
// optional Redis limiter, runs the command, and maps every failure to an exit code (see EXIT in run.js).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importModel } from './model.js';
import { applyCommand, CannotStart, EXIT, planCommand, reportCommand, validateCommand } from './run.js';
import { exportSchema } from './schema.js';

/** The --help text. */
export const USAGE = `Usage: feishu-hire-import <command> <export.jsonl> [options]

Moves an export of another recruiting system into Feishu Hire. The export is JSON Lines, one record a line:
  {"resource": "<resource>", "record": {<its create body, parents named by their external_id>}}
(JSON Schema: feishu-hire-import schema, or @feishu-hire/import/export.schema.json).

Commands:
  validate FILE   check every record (schema, enums, keys unique, parents in the export or the journal); sends nothing
                  (with credentials, also that {"id": ...} parents exist on Feishu)
  plan FILE       read what Feishu holds under each parent and print what apply would do: create, update (with the
                  fields that differ), unchanged, and with --prune delete; writes nothing
  apply FILE      run the plan, parents first, each operation within its rate limit, journalled: a re-run resumes
                  and never creates a record twice
  report FILE     per record, what the journal says (Feishu id, x-tt-logid); sends nothing
  schema          print the export's JSON Schema

Options:
  --base-url URL      feishu (https://open.feishu.cn, default), lark (https://open.larksuite.com) or a URL
  --app-id ID         app credentials (or FEISHU_APP_ID); with --app-secret (or FEISHU_APP_SECRET)
  --app-secret SECRET
  --token T           a tenant_access_token instead (or FEISHU_TENANT_ACCESS_TOKEN)
  --journal FILE      the journal (default: FILE.journal beside the export)
  --reread            plan/apply: list every parent on Feishu, also those whose records the journal knows as
                      written (by default those are compared with what the journal says was written)
  --prune             plan/apply: also delete records under the export's parents whose external_id is not in it
  --fail-fast         apply: stop at the first failed record (default: report it and go on)
  --redis URL         apply: count the rate limits in Redis, shared with every process of the app that uses it
  --rate-limit N      requests per second of every operation (default: each operation's limit from the spec)
  --timeout MS        deadline of each request attempt (default 30000)
  --retries N         attempts of each request: rate limits, 5xx, lost connections (default 6)
  --report FILE       apply/report: write the JSON report to FILE
  --junit FILE        apply/report: write the JUnit XML report to FILE
  --progress MODE     apply: auto (bars on a TTY, else a line every 5 s), bar, lines, none (default auto)
  --json              machine-readable output on stdout
  --spec FILE         an OpenAPI document (JSON) to use instead of the bundled spec
  -h, --help          this help

Exit codes: 0 every record done, 1 some records failed or were skipped, 2 invalid input (the export or the
command line; nothing was sent), 3 could not start (Feishu unreachable or refusing the credentials, a journal in
use or of another target, Redis unreachable).
`;

/** @type {import('node:util').ParseArgsConfig['options']} */
const OPTIONS = {
  'base-url': { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  token: { type: 'string' },
  journal: { type: 'string' },
  prune: { type: 'boolean' },
  reread: { type: 'boolean' },
  'fail-fast': { type: 'boolean' },
  redis: { type: 'string' },
  'rate-limit': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  report: { type: 'string' },
  junit: { type: 'string' },
  progress: { type: 'string' },
  json: { type: 'boolean' },
  spec: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
const COMMANDS = ['validate', 'plan', 'apply', 'report', 'schema'];
const ONLINE = ['plan', 'apply'];

/** A command-line error: the message names the flag; the exit code is 2. */
export class UsageError extends Error {}

const usage = (flag, rule) => {
  throw new UsageError(`${flag}: ${rule}`);
};

/** The positive number a flag gives, or undefined when absent. */
function numberFlag(values, flag) {
  if (values[flag] === undefined) return undefined;
  const n = Number(values[flag]);
  if (!/^\d+(\.\d+)?$/.test(values[flag]) || !(n > 0)) usage(`--${flag}`, `must be a positive number, got ${JSON.stringify(values[flag])}`);
  return n;
}

/** The auth of the flags and `env`: `{ auth, app }`, or undefined when none is given. */
function authOf(values, env) {
  const token = values.token ?? (values['app-id'] ? undefined : env.FEISHU_TENANT_ACCESS_TOKEN);
  const appId = values['app-id'] ?? (values.token ? undefined : env.FEISHU_APP_ID);
  const appSecret = values['app-secret'] ?? (values.token ? undefined : env.FEISHU_APP_SECRET);
  if (token && (appId || appSecret)) usage('--token', 'give either a token or --app-id/--app-secret, not both');
  if (token) return { auth: token, app: 'token' };
  if (appId && !appSecret) usage('--app-secret', 'required with --app-id (or set FEISHU_APP_SECRET)');
  if (appSecret && !appId) usage('--app-id', 'required with --app-secret (or set FEISHU_APP_ID)');
  return appId ? { auth: { appId, appSecret }, app: appId } : undefined;
}

/** The base URL of --base-url. */
function baseUrlOf(value = 'feishu') {
  const url = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' }[value] ?? value;
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) usage('--base-url', `must be feishu, lark or an http(s) URL, got ${JSON.stringify(value)}`);
  return url.replace(/\/+$/, '');
}

/** Parses argv: `{ command, file, values, ... }`; throws UsageError naming the bad flag or argument. */
export function parseCli(argv, env = process.env) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { positionals } = parsed;
  const values = /** @type {Record<string, any>} */ (parsed.values);
  if (values.help) return { help: true };
  const [command, file, ...extra] = positionals;
  if (!COMMANDS.includes(command)) usage('command', `must be one of ${COMMANDS.join(', ')}, got ${JSON.stringify(command)}`);
  if (command !== 'schema' && !file) usage('FILE', `${command} needs the export file`);
  if (extra.length || (command === 'schema' && file)) usage('arguments', `unexpected ${JSON.stringify((command === 'schema' ? [file, ...extra] : extra).join(' '))}`);
  if (file && !existsSync(file)) usage('FILE', `${file} does not exist`);
  for (const [flag, value] of Object.entries(values)) if (typeof value === 'string' && value === '') usage(`--${flag}`, 'must not be empty');
  if (values.progress && !['auto', 'bar', 'lines', 'none'].includes(values.progress)) usage('--progress', 'must be auto, bar, lines or none');
  const credentials = authOf(values, env);
  if (ONLINE.includes(command) && !credentials) usage('--app-id', `${command} reads Feishu: give --app-id and --app-secret (or FEISHU_APP_ID and FEISHU_APP_SECRET), or --token`);
  const baseUrl = baseUrlOf(values['base-url']);
  const retries = numberFlag(values, 'retries') ?? 6;
  if (!Number.isInteger(retries)) usage('--retries', `must be a positive integer, got ${JSON.stringify(values.retries)}`);
  return { command, file, values, credentials, baseUrl, retries, rateLimit: numberFlag(values, 'rate-limit'), timeoutMs: numberFlag(values, 'timeout') };
}

/** The OpenAPI document of --spec, or undefined (the bundled spec). */
function specOf(path) {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return usage('--spec', `cannot read ${path} as JSON (${error.message})`);
  }
}

/** The Redis-backed limiter of --redis, and how to close it; CannotStart when Redis cannot be reached. */
async function redisLimiter(url) {
  const { default: Bottleneck } = await import('bottleneck');
  const { Redis } = await import('ioredis');
  const { bottleneckRateLimiter } = await import('@feishu-hire/client/bottleneck');
  // Not lazyConnect: Bottleneck duplicates the client for its subscriber, and a lazy duplicate would never connect.
  const client = new Redis(url, { maxRetriesPerRequest: 2, retryStrategy: () => null });
  try {
    await new Promise((resolve, reject) => client.once('ready', resolve).once('error', reject).once('end', () => reject(new Error('connection closed'))));
  } catch (error) {
    client.disconnect();
    throw new CannotStart(`--redis: cannot reach ${url} (${error.message})`);
  }
  const connection = new Bottleneck.IORedisConnection({ client });
  const limiter = bottleneckRateLimiter({ connection });
  return { limiter, close: async () => (await limiter.disconnect(), await connection.disconnect()) };
}

/** Runs one parsed command line; resolves to its exit code. */
async function run(cli, io, signal) {
  const { command, file, values, credentials, baseUrl } = cli;
  const model = importModel(specOf(values.spec));
  if (command === 'schema') return io.out(JSON.stringify(exportSchema(model), null, 2)), EXIT.done;
  const target = credentials ? { baseUrl, app: credentials.app } : undefined;
  const journalPath = values.journal ?? `${file}.journal`;
  const redis = command === 'apply' && values.redis ? await redisLimiter(values.redis) : undefined;
  const feishuOptions = credentials && { baseUrl, auth: credentials.auth, appId: credentials.app === 'token' ? undefined : credentials.app, rateLimit: cli.rateLimit, timeoutMs: cli.timeoutMs, limiter: redis?.limiter, retry: { maxAttempts: cli.retries } };
  const common = { io: { ...io, json: Boolean(values.json) }, model, file, journalPath, target, feishuOptions };
  try {
    if (command === 'validate') return await validateCommand(common);
    const reading = { prune: Boolean(values.prune), reread: Boolean(values.reread) };
    if (command === 'plan') return await planCommand({ ...common, ...reading });
    const reports = { json: values.report, junit: values.junit };
    if (command === 'report') return await reportCommand({ ...common, reports });
    return await applyCommand({ ...common, ...reading, failFast: Boolean(values['fail-fast']), reports, progress: values.progress, signal });
  } finally {
    await redis?.close();
  }
}

/**
 * Runs the command line `argv`; resolves to the exit code. `options`: `env`, `out(line)`, `err(line)`,
 * `progressStream` (default stderr), `signal` (stops an apply between records).
 */
export async function main(argv, options = {}) {
  const { env = process.env, out = (l) => process.stdout.write(`${l}\n`), err = (l) => process.stderr.write(`${l}\n`), progressStream = process.stderr, signal } = options;
  let cli;
  try {
    cli = parseCli(argv, env);
    if (cli.help) return out(USAGE), EXIT.done;
    return await run(cli, { out, err, progressStream }, signal);
  } catch (error) {
    if (error instanceof UsageError) return err(`feishu-hire-import: ${error.message}\n(see feishu-hire-import --help)`), EXIT.invalid;
    if (error instanceof CannotStart) return err(`feishu-hire-import: cannot start: ${error.message}`), EXIT.cannotStart;
    throw error;
  }
}
