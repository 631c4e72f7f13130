// Runs the generated conformance cases against a server and returns one result per case: passed, failed,
// unconfirmed (it ran, but its answer cannot tell a correct server from a broken one; see evidence.js) or skipped.
// Operations run side by side, each paced at its own rate limit (limits are per API), so the run takes as long as its
// slowest operation, not the sum of all.
import { createRequire } from 'node:module';
import { operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { REAL_CLOCK, pacerForOperation, windowMsOf } from './clock.js';
import { describeAnswer } from './evidence.js';
import { generateCases, generateControls } from './generate.js';
import { issueToken } from './http.js';
import { runCase } from './run-case.js';
import { semanticsOf } from './semantics.js';
import { deleteCreated, nonexistentId } from './targets.js';
import { createResponseValidator } from './validate.js';

export { apiUrl } from './http.js';
export { nonexistentId } from './targets.js';

const require = createRequire(import.meta.url);

/** Loads the generated cases (generated/cases.json), with a clear error when `pnpm generate` has not run. */
export function loadCases() {
  try {
    return require('../generated/cases.json').cases;
  } catch (error) {
    throw new Error(`cannot read generated/cases.json (run \`pnpm generate\` in packages/conformance): ${error.message}`);
  }
}

/** The bundled spec the cases were generated from. */
export function loadSpec() {
  return require('@feishu-hire/spec/openapi.json');
}

const invalidOption = (name, rule) => {
  throw new TypeError(`invalid option ${name}: ${rule}`);
};

/** The names a target can be given by: each resource's id parameter and the field naming each resource's parent. */
export function targetNames(doc = loadSpec()) {
  const resources = resourcesOf(doc, operationsOf(doc));
  return [...new Set(resources.flatMap((r) => [r.idParameter, ...(r.parent ? [r.parent.field] : [])]))];
}

/** Checks the `targets` option against the resources of the run's spec; throws a TypeError naming the option. */
function checkTargets(o) {
  if (o.targets === undefined) return;
  if (o.targets === null || typeof o.targets !== 'object' || Array.isArray(o.targets)) invalidOption('targets', 'must be an object { <id parameter>: id }');
  const names = targetNames(o.spec ?? loadSpec());
  for (const [name, id] of Object.entries(o.targets)) {
    if (!names.includes(name)) invalidOption(`targets.${name}`, `is not the id parameter of a resource of the spec or the field naming a parent (${names.join(', ')})`);
    if (!(typeof id === 'string' && id.length > 0)) invalidOption(`targets.${name}`, 'must be a non-empty string');
  }
  if (!o.allowWrites && Object.keys(o.targets).length > 0) {
    invalidOption('targets', 'only with allowWrites: a reject-only run sends every case to a non-existent id, so that no real record can be written');
  }
}

/** Checks the server, credentials and target options; throws a TypeError naming the option. */
function checkTarget(o) {
  if (typeof o.baseUrl !== 'string' || !/^https?:\/\/[^/]/.test(o.baseUrl)) invalidOption('baseUrl', `must be an http(s) URL, got ${JSON.stringify(o.baseUrl)}`);
  const hasToken = typeof o.token === 'string' && o.token.length > 0;
  const hasApp = typeof o.appId === 'string' && o.appId.length > 0 && typeof o.appSecret === 'string' && o.appSecret.length > 0;
  if (!hasToken && !hasApp) invalidOption('token', 'give a tenant access token, or appId and appSecret to fetch one');
  for (const removed of ['interviewId', 'bodyOverrides']) if (o[removed] !== undefined) invalidOption(removed, 'was removed: give targets ({ <id parameter of a resource, or field of a parent>: id })');
  checkTargets(o);
}

/** Checks the pacing, timing and hook options; throws a TypeError naming the option. */
function checkExtras(o) {
  if (o.rate !== undefined && !(typeof o.rate === 'number' && o.rate >= 0 && Number.isFinite(o.rate))) invalidOption('rate', `must be a number >= 0 (requests per second, 0 = unpaced), got ${JSON.stringify(o.rate)}`);
  if (o.timeoutMs !== undefined && !(Number.isInteger(o.timeoutMs) && o.timeoutMs > 0)) invalidOption('timeoutMs', `must be a positive integer (milliseconds), got ${JSON.stringify(o.timeoutMs)}`);
  if (o.checkRateLimit !== undefined && typeof o.checkRateLimit !== 'boolean') invalidOption('checkRateLimit', 'must be a boolean (default: on when allowWrites)');
  const expired = o.expiredToken;
  if (expired !== undefined && typeof expired !== 'function' && !(typeof expired === 'string' && expired.length > 0)) invalidOption('expiredToken', 'must be a non-empty string (a token that has expired) or a function resolving to one');
  if (o.readState !== undefined && typeof o.readState !== 'function') invalidOption('readState', 'must be a function (id, resourceName) => the stored record, or undefined when nothing is stored');
  if (o.clock !== undefined && !(typeof o.clock?.now === 'function' && typeof o.clock?.sleep === 'function')) invalidOption('clock', 'must be { now(), sleep(ms) } (see createVirtualClock)');
  if (o.only !== undefined && !(o.only instanceof RegExp)) invalidOption('only', 'must be a RegExp matching the ids of the cases to run');
}

/** Throws a TypeError naming the option and the rule when runConformance options are invalid. */
export function checkOptions(o) {
  checkTarget(o);
  checkExtras(o);
}

/** Fetches a tenant_access_token with app credentials from the spec's token operation under `baseUrl`. */
export async function fetchTenantToken({ spec = loadSpec(), ...options }) {
  return (await issueToken({ ...options, spec })).token;
}

const fail = (message) => {
  throw new Error(message);
};

/** One pacer per operation, each at the operation's own pace (clock.js pacerForOperation), created on first use. */
function pacers(operations, rate, clock) {
  const byId = new Map();
  return (operationId) => {
    if (!byId.has(operationId)) byId.set(operationId, pacerForOperation(operations.get(operationId), rate, clock));
    return byId.get(operationId);
  };
}

/** Everything a run needs besides the cases: options with defaults, the model, the token, controls, state, pacers. */
async function prepareRun(options) {
  const { allowWrites = false, rate = 8, timeoutMs = 10_000, fetch = globalThis.fetch, checkMsg = true, clock = REAL_CLOCK } = options;
  const doc = options.spec ?? loadSpec();
  const semantics = semanticsOf(doc, options.semantics);
  const operations = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  const operationOf = (c) => operations.get(c.operationId) ?? fail(`case ${c.id} is for operation ${c.operationId}, which the spec does not have`);
  const token = options.token || (await issueToken({ ...options, fetch, timeoutMs, spec: doc, semantics: options.semantics })).token;
  return {
    options, operations, baseUrl: options.baseUrl, allowWrites, checkRateLimit: options.checkRateLimit ?? allowWrites, timeoutMs, fetch, checkMsg, clock, doc, semantics, operationOf, token,
    resources: new Map(resourcesOf(doc, [...operations.values()]).map((r) => [r.name, r])),
    pathParams: options.pathParams ?? {},
    givenTargets: options.targets ?? {},
    // Reject-only runs send every by-id case to an id that cannot exist, so that a server accepting a case it should
    // reject writes nothing; writing runs send their rejections of a delete there too.
    nonexistentId: nonexistentId(),
    targets: new Map(), rejectionTargets: new Map(), parents: new Map(), recordParents: new Map(), created: new Map(),
    controls: generateControls(doc, { semantics: options.semantics }),
    controlAnswers: new Map(), states: new Map(), unreadable: new Map(),
    onControl: options.onControl ?? (() => {}),
    validate: createResponseValidator(doc),
    pacerOf: pacers(operations, rate, clock),
  };
}

/**
 * The phase a case runs in: requests first, then state and lifecycles (read back over HTTP, before a burst spends the
 * rate limit), then bursts, then the expired token (its provider may move the clock past the run's own token). The
 * burst of a limit per minute goes first instead, ahead of its lane: its window is fresh at the start, and the
 * operation's requests wait for its quota once (its pacer is held), not once before the burst and again after.
 */
const phase = (run, c) => {
  if (c.optIn === 'expiredToken') return 3;
  if (c.kind === 'rate-limit') return longWindow(run, c) ? 0 : 2;
  return ['state', 'lifecycle', 'paging', 'idempotency'].includes(c.kind) ? 1 : 0;
};

/** Whether the limit of case `c`'s operation counts over more than a second (a minute): its burst spends a long window. */
function longWindow(run, c) {
  return (windowMsOf(run.operationOf(c).rateLimit) ?? 0) > 1000;
}

/** The cases of phase `p`, the bursts first (in phase 0, those of a limit per minute go ahead of their lanes). */
function inPhase(run, cases, p) {
  const of = cases.filter(({ c }) => phase(run, c) === p);
  return [...of.filter(({ c }) => c.kind === 'rate-limit'), ...of.filter(({ c }) => c.kind !== 'rate-limit')];
}

/**
 * The lane a case runs in: its operation's, so that operations run side by side. The operations that write one
 * record share a lane (an update and a patch of a resource; a child's creates under a parent the run was given), so
 * that the state read back around each case is never changed by another lane meanwhile. State and lifecycle cases each
 * have their own. On a virtual clock the bursts share one lane: a burst measures time, which another lane's wait moves.
 */
function laneOf(run, c) {
  if (['state', 'lifecycle', 'paging', 'idempotency'].includes(c.kind)) return c.id;
  if (c.kind === 'rate-limit' && run.clock.virtual) return 'bursts';
  const entry = run.semantics[c.operationId];
  const resource = entry?.resource;
  if (entry?.target && !entry.nonexistentTarget) return `writes to ${resource.name}`;
  const parent = resource?.parent;
  if (entry?.role === 'create' && parent && run.givenTargets[parent.field] !== undefined && run.resources.has(parent.resource)) return `writes to ${parent.resource}`;
  return c.operationId;
}

/**
 * Runs `cases` (in order within a lane, lanes side by side); calls `record(index, result)` for each. Cases run alone
 * until one is not skipped, so that a server that cannot be reached stops the run after one request, not one per lane;
 * a lane that cannot reach the server stops the others after their current case.
 */
async function runLanes(run, cases, record) {
  const runOne = async ({ c, index }) => {
    const result = await runCase(run, c).catch((error) => {
      run.unreachable = true;
      throw error;
    });
    record(index, result);
    return result;
  };
  let alone = 0;
  while (alone < cases.length && (await runOne(cases[alone])).status === 'skipped') alone += 1;
  const lanes = new Map();
  for (const entry of cases.slice(alone + 1)) {
    const lane = laneOf(run, entry.c);
    if (!lanes.has(lane)) lanes.set(lane, []);
    lanes.get(lane).push(entry);
  }
  await Promise.all([...lanes.values()].map(async (lane) => {
    for (const entry of lane) if (!run.unreachable) await runOne(entry);
  }));
}

/** A one-line description of a control answer, for the CLI. */
export function describeControl(control) {
  if (control.unsent) return `${control.operationId}: no valid request sent (${control.unsent})`;
  const to = control.target === undefined ? '' : ` to ${control.target}`;
  const answered = `${control.operationId}: a valid request${to} is answered ${describeAnswer(control.base)}`;
  if (control.problems?.length) return `${answered}, which no correct server answers: every rejection case of it fails (${control.problems.join('; ')})`;
  if (control.accepted) return answered;
  const msg = control.msgStable ? 'the same for both valid requests, so a rejection with another msg is confirmed' : 'its msg differs between two valid requests, so the msg is no evidence';
  return `${answered} (${msg}; a rejection answered exactly like it is unconfirmed)`;
}

/**
 * The cases of a run: the `cases` option, those generated from the `spec` option, else generated/cases.json; with
 * `only`, those whose id it matches.
 */
function casesOf(options) {
  const all = options.cases ?? (options.spec ? generateCases(options.spec, { semantics: options.semantics }) : loadCases());
  return options.only ? all.filter((c) => options.only.test(c.id)) : all;
}

/**
 * Runs the conformance cases against `baseUrl` and resolves to `{ results, passed, failed, unconfirmed, skipped,
 * controls, leftovers, durationMs }` (leftovers: the records the run created and could not delete). Write cases run only with `allowWrites`: on the records given by `targets`, or on records
 * the run creates (and deletes at the end); without allowWrites every by-id case goes to a non-existent id. The
 * rate-limit check runs by default with allowWrites (`checkRateLimit`). Rejects with `cannot reach <url>: ...` at the
 * first request that cannot connect.
 */
export async function runConformance(options) {
  checkOptions(options);
  const run = await prepareRun(options);
  const onResult = options.onResult ?? (() => {});
  const started = Date.now();
  const cases = casesOf(options).map((c, index) => ({ c, index }));
  const results = new Array(cases.length);
  const record = (index, result) => {
    results[index] = result;
    onResult(result);
  };
  let leftovers = [];
  try {
    for (const p of [0, 1, 2]) await runLanes(run, inPhase(run, cases, p), record);
  } finally {
    if (run.allowWrites && !run.unreachable) leftovers = await deleteCreated(run);
  }
  await runLanes(run, inPhase(run, cases, 3), record);
  const count = (s) => results.filter((r) => r.status === s).length;
  const controls = (await Promise.allSettled(run.controlAnswers.values())).filter((p) => p.status === 'fulfilled').map((p) => p.value);
  return { results, passed: count('passed'), failed: count('failed'), unconfirmed: count('unconfirmed'), skipped: count('skipped'), controls, leftovers, durationMs: Date.now() - started };
}
