// Options of startMockServer(): defaults, validation with Ajv (errors name the option and the rule), the seed file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { describeErrors } from '@feishu-hire/spec/messages';
import { DEFAULT_APPS, DEFAULT_LIMITS } from './defaults.js';
import { checkFault, FAULT_SCHEMA } from './faults.js';
import { LEGACY_RESOURCE } from './legacy.js';
import { seedProblem } from './seed.js';

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
    seed: { type: 'object' },
    interviews: { type: 'array' },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((name) => [name, { type: 'integer', minimum: 1 }])),
    },
    parentChecks: { type: 'boolean' },
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

/** Parses the seed file `file` (resolved): its JSON, or a clear error naming the file. */
function readJson(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read seed file ${path}: ${/** @type {Error} */ (error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid seed file ${path}: not valid JSON (${/** @type {Error} */ (error).message})`);
  }
}

/** Throws `context: problem` when the seed part `seed` breaks a rule of seedProblem (records named by `rootOf`). */
function checkSeed(seed, spec, context, { parentChecks, rootOf }) {
  const problem = seedProblem(seed, spec, { parentChecks, rootOf });
  if (problem) throw new Error(`${context}: ${problem}`);
  return seed;
}

/**
 * Reads a seed file: `{ "<resource>": [records], ... }`, or (the first versions' format) a JSON array of external
 * interviews or `{ "interviews": [...] }`. Returns the seed `{ [resource]: records }`; throws naming the file and field.
 */
export function readSeedFile(file, spec) {
  const path = resolve(file);
  const json = readJson(path);
  const context = `Invalid seed file ${path}`;
  const legacy = Array.isArray(json) ? json : json?.interviews;
  if (legacy !== undefined) {
    if (!Array.isArray(legacy)) throw new Error(`${context}: interviews must be an array`);
    return checkSeed({ [LEGACY_RESOURCE]: legacy }, spec, context, { parentChecks: false, rootOf: () => 'interviews' });
  }
  if (json === null || typeof json !== 'object') {
    throw new Error(`${context}: expected an object {"<resource>": [records], ...} (resources: ${spec.plans.map((p) => p.name).join(', ')}), a JSON array of interviews or {"interviews": [...]}`);
  }
  return checkSeed(json, spec, context, { parentChecks: false, rootOf: (name) => name });
}

/** `parts` (seeds) merged: each resource's records, in the order given. */
function mergedSeeds(parts) {
  const seed = {};
  for (const part of parts) for (const [name, records] of Object.entries(part)) seed[name] = [...(seed[name] ?? []), ...records];
  return seed;
}

/**
 * The seed `{ [resource]: records }`: the seed and interviews options plus the seed file, checked against `spec`;
 * when none is given, the spec's default seed (from its examples).
 * @param {{ seed?: Record<string, object[]>, interviews?: object[], seedFile?: string }} data @param {any} spec @param {boolean} parentChecks
 */
function seedOf({ seed, interviews, seedFile }, spec, parentChecks) {
  if (seed === undefined && interviews === undefined && seedFile === undefined) return spec.defaultSeed;
  const context = 'Invalid mock server options';
  const parts = [
    checkSeed(seed ?? {}, spec, context, { parentChecks: false, rootOf: (name) => `seed.${name}` }),
    interviews ? checkSeed({ [LEGACY_RESOURCE]: interviews }, spec, context, { parentChecks: false, rootOf: () => 'interviews' }) : {},
    seedFile ? readSeedFile(seedFile, spec) : {},
  ];
  // no id twice across the parts, and (parentChecks) every parent of the spec seeded
  return checkSeed(mergedSeeds(parts), spec, context, { parentChecks, rootOf: (name) => `seed.${name}` });
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
    seed: seedOf(data, spec, data.parentChecks ?? true),
    limits: { ...DEFAULT_LIMITS, ...data.limits },
    parentChecks: data.parentChecks ?? true,
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
