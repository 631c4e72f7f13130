// Test support: the spec with the fixture resource, a mock serving it (started by the tests), exports generated from
// the model (any resource: a record is its create example with a key and a parent), the CLI run as a child process,
// and a check that the mock's store holds exactly an export.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@feishu-hire/mock-server';
import { pathPattern } from '@feishu-hire/spec/model';
import { specWithFixtureResource } from '../../../spec/test/fixtures/fixture-resource.js';
import { sameValue } from '../../src/compare.js';
import { importModel } from '../../src/model.js';
import { recordSchema } from '../../src/schema.js';

export const BIN = fileURLToPath(new URL('../../bin/feishu-hire-import.js', import.meta.url));
export const SPEC = specWithFixtureResource();
export const MODEL = importModel(SPEC);
export const APP = { appId: 'cli_mock_app', appSecret: 'mock_app_secret' };

/** A seeded pseudo-random generator (mulberry32), so that a failing run can be repeated with its printed seed. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A copy of `spec` whose operations of resources have other rate limits: `perSecond(role)` requests per second for an
 * operation of that role (x-feishu-role), for the tests where reads are not the point and writes are paced.
 */
export function withRateLimits(spec, perSecond) {
  const copy = structuredClone(spec);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) {
      const role = operation?.['x-feishu-role'];
      if (role) operation['x-feishu-rate-limit'] = { requests: perSecond(role), per: 'second', basis: 'assumption', description: 'test' };
    }
  }
  return copy;
}

/** A fresh temp directory holding the spec as spec.json. */
export function workDir(spec = SPEC) {
  const dir = mkdtempSync(join(tmpdir(), 'import-test-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  return dir;
}

/**
 * Starts a mock serving `spec` (default SPEC) with an empty store and no rate limit unless `options` say otherwise.
 * `records(name)` lists a resource's stored records; `remove(name, id)` deletes a record on the mock's side, its
 * children first; `writes()` counts the write requests (create, update, patch, delete) it received, `calls(operation)`
 * the requests of one operation (of the model).
 */
export async function startMock({ spec = SPEC, ...options } = {}) {
  const lines = [];
  const mock = await startMockServer({ rateLimitPerSecond: 0, seed: {}, spec, log: (l) => lines.push(l), ...options });
  const model = importModel(spec);
  const writeOps = model.resources.flatMap((r) => [r.create, r.update, r.delete].filter(Boolean));
  const isCall = (op, line) => line.startsWith(`${op.method} `) && pathPattern(op.path).test(line.split(' ')[1].split('?')[0]);
  const isWrite = (line) => writeOps.some((op) => isCall(op, line));
  const remove = (name, id) => {
    for (const child of model.children(name)) for (const r of mock.store.resource(child.name).list({ parent: id })) remove(child.name, r.id);
    mock.store.resource(name).delete(id);
  };
  return {
    mock,
    url: mock.url,
    lines,
    records: (name) => mock.store.resource(name).list(),
    remove,
    writes: () => lines.filter((l) => / -> /.test(l) && isWrite(l)).length,
    calls: (op) => lines.filter((l) => / -> /.test(l) && isCall(op, l)).length,
    close: () => mock.close(),
  };
}

/** The create example of `resource` (its first), without key and parent: the template of generated records. */
function templateOf(resource) {
  const example = Object.values(resource.create.requestBody?.examples ?? {})[0] ?? {};
  const { [resource.key]: _key, ...rest } = example;
  if (resource.parent) delete rest[resource.parent.field];
  return rest;
}

/**
 * An export of `counts[resource]` records per resource (default `perResource`), generic over MODEL: record i of a
 * resource is its create example with key `<resource>-<i>`; a parent of the export is named by key (spread over its
 * records), any other by one of `outsideParents` Feishu-like ids. Returns `{ lines, records }` (records in order).
 */
export function makeExport({ counts = {}, perResource = 10, outsideParents = 10, model = MODEL } = {}) {
  const records = [];
  const keys = new Map();
  for (const resource of model.resources) {
    const n = counts[resource.name] ?? perResource;
    const template = templateOf(resource);
    const own = [];
    for (let i = 0; i < n; i++) {
      const record = { ...structuredClone(template), [resource.key]: `${resource.name}-${i}` };
      if (resource.parent) {
        const parents = resource.parent.byKey ? keys.get(resource.parent.resource) : undefined;
        record[resource.parent.field] = parents?.length ? parents[(i * 7) % parents.length] : String(6960663240925956000n + BigInt(i % outsideParents));
      }
      own.push(record[resource.key]);
      records.push({ resource: resource.name, record });
    }
    keys.set(resource.name, own);
  }
  return { records, lines: records.map((r) => JSON.stringify(r)) };
}

/** `record` with one field changed, chosen from its schema: an enum field gets another value, else a string field is suffixed. */
export function editRecord(resourceName, record, model = MODEL) {
  const resource = model.byName(resourceName);
  const properties = recordSchema(model, resource).properties;
  const skip = [resource.key, resource.parent?.field];
  const fields = Object.keys(record).filter((f) => !skip.includes(f));
  const enumField = fields.find((f) => Array.isArray(properties[f]?.enum) && properties[f].enum.length > 1);
  if (enumField) return { ...record, [enumField]: properties[enumField].enum.find((v) => v !== record[enumField]) };
  const text = fields.find((f) => typeof record[f] === 'string');
  return { ...record, [text]: `${record[text]} (edited)` };
}

/**
 * The records of an export (`records` of makeExport) that `isRoot` picks, with every record under them (children,
 * grandchildren, ...): a Set of those entries.
 */
export function withDescendants(records, isRoot, model = MODEL) {
  const picked = new Set(records.filter(isRoot));
  const keys = new Set([...picked].map(({ resource, record }) => `${resource} ${record[model.byName(resource).key]}`));
  for (const resource of model.resources) {
    if (!resource.parent?.byKey) continue;
    for (const entry of records.filter((r) => r.resource === resource.name && keys.has(`${resource.parent.resource} ${r.record[resource.parent.field]}`))) {
      picked.add(entry);
      keys.add(`${resource.name} ${entry.record[resource.key]}`);
    }
  }
  return picked;
}

/**
 * The differences between the mock's store and an export (`records` of makeExport): `{ missing, duplicates, wrong }`
 * lists of `<resource> <key>`. A stored record matches when every field of the export's record is stored, and its
 * parent field holds the Feishu id of the parent record of the export.
 */
export function storeDiff(env, records, model = MODEL) {
  const result = { missing: [], duplicates: [], wrong: [] };
  const ids = new Map();
  for (const resource of model.resources) {
    const stored = env.records(resource.name);
    const byKey = new Map();
    for (const r of stored) byKey.set(r[resource.key], [...(byKey.get(r[resource.key]) ?? []), r]);
    for (const { record } of records.filter((r) => r.resource === resource.name)) {
      const key = record[resource.key];
      const found = byKey.get(key) ?? [];
      if (found.length === 0) result.missing.push(`${resource.name} ${key}`);
      if (found.length > 1) result.duplicates.push(`${resource.name} ${key}`);
      if (!found.length) continue;
      ids.set(`${resource.name} ${key}`, found[0].id);
      const { [resource.parent?.field]: parent, ...fields } = record;
      const parentId = resource.parent?.byKey ? ids.get(`${resource.parent.resource} ${parent}`) : parent;
      if (!sameValue(fields, found[0]) || (resource.parent && found[0][resource.parent.field] !== parentId)) result.wrong.push(`${resource.name} ${key}`);
    }
    const extra = stored.filter((r) => !records.some((x) => x.resource === resource.name && x.record[resource.key] === r[resource.key]));
    result.duplicates.push(...extra.map((r) => `${resource.name} extra ${r[resource.key]}`));
  }
  return result;
}

/** The CLI's arguments to reach `url` as the mock's app with the test spec. */
export const target = (url, dir) => ['--base-url', url, '--app-id', APP.appId, '--app-secret', APP.appSecret, '--spec', join(dir, 'spec.json')];

/** Starts the CLI with `args`; `{ child, done }`, `done` resolving to `{ code, signal, stdout, stderr }`. */
export function startCli(args, options = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, FEISHU_APP_ID: '', FEISHU_APP_SECRET: '', FEISHU_TENANT_ACCESS_TOKEN: '' }, ...options });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Runs the CLI with `args` to its end. */
export const runCli = (args, options) => startCli(args, options).done;
