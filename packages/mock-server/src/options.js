// Options of startMockServer(): defaults, validation with Ajv (errors name the option and the rule), the seed file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { describeErrors } from '@feishu-hire/spec/messages';
import { DEFAULT_APPS, DEFAULT_INTERVIEWS } from './defaults.js';
import { checkFault, FAULT_SCHEMA } from './faults.js';

/** A static token bound to an app: it shares that app's rate-limit quota with the tokens issued to it. */
const STATIC_TOKEN = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1 }, appId: { type: 'string', minLength: 1 } },
};

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    apps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['appId', 'appSecret'],
        properties: { appId: { type: 'string', minLength: 1 }, appSecret: { type: 'string', minLength: 1 } },
      },
    },
    tokens: { type: 'array', items: { if: { type: 'object' }, then: STATIC_TOKEN, else: { type: 'string', minLength: 1 } } },
    tokenTtlSeconds: { type: 'integer', minimum: 1, maximum: 7200 },
    rateLimitPerSecond: { type: 'integer', minimum: 0 },
    interviews: { type: 'array' },
    seedFile: { type: 'string', minLength: 1 },
    maxBodyBytes: { type: 'integer', minimum: 1 },
    requestTimeoutMs: { type: 'integer', minimum: 0 },
    strictFields: { type: 'boolean' },
    faults: { type: 'array', items: FAULT_SCHEMA },
    spec: { type: 'object' },
    now: true,
    log: true,
    random: true,
  },
};

let validateOptions;

/** Reads a seed file: a JSON array of interviews, or an object `{ "interviews": [...] }`. Throws a clear error. */
export function readSeedFile(file, spec) {
  const path = resolve(file);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read seed file ${path}: ${/** @type {Error} */ (error).message}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid seed file ${path}: not valid JSON (${/** @type {Error} */ (error).message})`);
  }
  const interviews = Array.isArray(json) ? json : json?.interviews;
  if (!Array.isArray(interviews)) {
    throw new Error(`Invalid seed file ${path}: expected a JSON array of interviews or an object {"interviews": [...]}`);
  }
  return checkInterviews(interviews, spec, `Invalid seed file ${path}`);
}

/** Validates seed interviews against the spec's ExternalInterview (id and external_application_id required). */
function checkInterviews(interviews, spec, context) {
  const seen = new Set();
  interviews.forEach((interview, i) => {
    const problem = spec.interview(interview, `interviews[${i}]`);
    if (problem) throw new Error(`${context}: ${problem}`);
    if (seen.has(interview.id)) throw new Error(`${context}: interviews[${i}].id "${interview.id}" is a duplicate`);
    seen.add(interview.id);
  });
  return interviews;
}

/**
 * The seed interviews: the interviews option plus the seed file, checked against `spec`; else the default.
 * @param {{ interviews?: object[], seedFile?: string }} data @param {any} spec
 */
function seedOf({ interviews, seedFile }, spec) {
  if (interviews === undefined && seedFile === undefined) return DEFAULT_INTERVIEWS;
  const all = [...checkInterviews(interviews ?? [], spec, 'Invalid mock server options'), ...(seedFile ? readSeedFile(seedFile, spec) : [])];
  return checkInterviews(all, spec, 'Invalid mock server options'); // no id both in interviews and seedFile
}

/** Throws a TypeError naming `options.<name>` unless each given function option is a function. */
function checkFunctions(functions, prefix) {
  for (const [name, fn] of Object.entries(functions)) {
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError(`Invalid mock server options: ${prefix}${name} must be a function`);
  }
}

/** Throws naming `options.faults[i]` when a fault breaks a kind-specific rule or names no operation of `spec`. */
function checkFaults(faults, spec) {
  const operationIds = spec.operations.map((op) => op.operationId);
  faults.forEach((fault, i) => {
    const problem = checkFault(fault, `options.faults[${i}]`, operationIds);
    if (problem) throw new TypeError(`Invalid mock server options: ${problem}`);
  });
  return faults;
}

/**
 * Applies defaults and validates the options of startMockServer(); throws an Error naming the bad option.
 * `loadSpec(doc)` reads the spec to serve (options.spec, default the bundled one); seeds are checked against it.
 * @param {import('./index.js').MockServerOptions} options
 * @param {(doc?: object) => any} loadSpec
 */
export function resolveOptions(options = {}, loadSpec) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('Invalid mock server options: options must be an object');
  }
  const { now, log, random, handlers = {}, ...data } = options;
  checkFunctions({ now, log, random }, 'options.');
  if (handlers === null || typeof handlers !== 'object' || Array.isArray(handlers)) throw new TypeError('Invalid mock server options: options.handlers must be an object');
  checkFunctions(handlers, 'options.handlers.');
  if (data.rateLimitPerSecond === false) data.rateLimitPerSecond = 0;
  validateOptions ??= createSpecAjv().compile(OPTIONS_SCHEMA);
  if (!validateOptions(data)) {
    // An "if" error only says that a then/else branch failed, which that branch's own error already tells.
    const errors = /** @type {any[]} */ (validateOptions.errors).filter((e) => e.keyword !== 'if');
    throw new TypeError(`Invalid mock server options: ${describeErrors('options', errors)}`);
  }
  const spec = loadSpec(data.spec);
  return {
    host: data.host ?? '127.0.0.1',
    port: data.port ?? 0,
    apps: data.apps ?? DEFAULT_APPS,
    /** `{ token, appId? }`: a static token given as a string belongs to no app (it counts as its own app) */
    tokens: (data.tokens ?? []).map((t) => (typeof t === 'string' ? { token: t } : t)),
    tokenTtlSeconds: data.tokenTtlSeconds ?? 7200,
    /** undefined: each operation's limit from the spec; 0: no limit; N: N per second for every rate-limited operation */
    rateLimitPerSecond: data.rateLimitPerSecond,
    interviews: seedOf(data, spec),
    maxBodyBytes: data.maxBodyBytes ?? 1024 * 1024,
    requestTimeoutMs: data.requestTimeoutMs ?? 30_000,
    strictFields: data.strictFields ?? false,
    faults: checkFaults(data.faults ?? [], spec),
    spec,
    handlers,
    now: now ?? Date.now,
    random: random ?? Math.random,
    log: log ?? (() => {}),
  };
}
