// validate: every line of an export checked before anything is written: JSON, a known resource, the record against
// its schema (enum errors list each value's meaning), unique keys per resource, parents that exist in the export or
// the journal. Each error names its line, field and rule. The file is streamed: per record only its index entry
// (key, parent, position) is kept, never the record.
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { describeError } from '@feishu-hire/spec/messages';
import { readLines } from './lines.js';
import { recordSchema } from './schema.js';

/** At most this many errors are kept (the count goes on). */
const MAX_ERRORS = 1000;

/** The message of an enum error with each allowed value's meaning (x-enum-descriptions), when the spec gives them. */
function enumMessage(issue, error) {
  const { enum: values, 'x-enum-descriptions': meanings } = error.parentSchema ?? {};
  if (!Array.isArray(meanings) || meanings.length !== values?.length) return issue.message;
  const listed = values.map((v, i) => `${JSON.stringify(v)} (${meanings[i]})`).join(', ');
  return `${issue.path} must be one of ${listed}, got ${JSON.stringify(error.data)}`;
}

/** The issues of one record's Ajv errors; errors under a parent reference become one issue naming both forms. */
function issuesOf(resource, errors) {
  const parentPath = resource.parent?.byKey ? `/${resource.parent.field}` : undefined;
  const issues = [];
  let parentReported = false;
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (parentPath && (error.instancePath === parentPath || error.instancePath.startsWith(`${parentPath}/`))) {
      if (!parentReported) {
        const field = `record.${resource.parent.field}`;
        issues.push({ field, rule: 'parentReference', message: `${field} must be the key (${resource.key}) of a ${resource.parent.resource}, a non-empty string, or {"id": "<Feishu id>"}` });
      }
      parentReported = true;
      continue;
    }
    const issue = describeError('record', error);
    issues.push({ field: issue.path, rule: issue.rule, message: error.keyword === 'enum' ? enumMessage(issue, error) : issue.message });
  }
  return issues;
}

/** `validate(resourceName, record)` → issues `[{ field, rule, message }]` for records of the model's resources. */
export function createRecordValidator(model) {
  const ajv = createSpecAjv({ doc: model.doc, verbose: true });
  const checks = new Map(model.resources.map((r) => [r.name, ajv.compile(recordSchema(model, r))]));
  return (name, record) => {
    const check = checks.get(name);
    return check(record) ? [] : issuesOf(model.byName(name), check.errors);
  };
}

/** The issue of a line's envelope `{ resource, record }`, or undefined. */
function envelopeIssue(model, value) {
  const names = model.resources.map((r) => r.name);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { field: '(line)', rule: 'type', message: 'a line must be a JSON object {"resource": ..., "record": {...}}' };
  const extra = Object.keys(value).find((k) => k !== 'resource' && k !== 'record');
  if (extra) return { field: extra, rule: 'additionalProperties', message: `${extra} is not an allowed field (a line has resource and record)` };
  if (!names.includes(value.resource)) {
    const skipped = model.skipped.find((s) => s.name === value.resource);
    const why = skipped ? `: ${skipped.name} cannot be imported (${skipped.reason})` : '';
    return { field: 'resource', rule: 'enum', message: `resource must be one of ${names.join(', ')}, got ${JSON.stringify(value.resource)}${why}` };
  }
  if (!value.record || typeof value.record !== 'object' || Array.isArray(value.record)) return { field: 'record', rule: 'type', message: 'record must be an object (the create body)' };
  return undefined;
}

/** The parent reference of a valid record: `{ parentKey }` (an imported parent, by key) or `{ parentId }`, or `{}`. */
function parentOf(resource, record) {
  if (!resource.parent) return {};
  const value = record[resource.parent.field];
  if (value === undefined) return {};
  if (typeof value === 'object') return { parentId: value.id };
  return resource.parent.byKey ? { parentKey: value } : { parentId: value };
}

/** A new, empty index of an export. */
function emptyIndex(model) {
  return { byResource: new Map(model.resources.map((r) => [r.name, []])), byKey: new Map(), invalid: new Map(), lines: 0, records: 0 };
}

/** The map key of record `key` of resource `name`. */
export const keyOf = (name, key) => `${name}\u0000${key}`;

/** Adds one line to the index, or its errors to `errors`. */
function scanLine(model, validate, index, errors, line) {
  if (line.text.trim() === '') return;
  const fail = (issue, extra = {}) => errors.push({ line: line.number, ...extra, ...issue });
  let value;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    return fail({ field: '(line)', rule: 'json', message: `not valid JSON (${error.message})` });
  }
  const envelope = envelopeIssue(model, value);
  if (envelope) return fail(envelope);
  const resource = model.byName(value.resource);
  const key = value.record[resource.key];
  const where = { resource: resource.name, key: typeof key === 'string' ? key : undefined };
  const issues = validate(resource.name, value.record);
  if (issues.length && where.key !== undefined) index.invalid.set(keyOf(resource.name, key), line.number);
  if (issues.length) return issues.forEach((issue) => fail(issue, where));
  const first = index.byKey.get(keyOf(resource.name, key));
  if (first) return fail({ field: `record.${resource.key}`, rule: 'unique', message: `record.${resource.key} ${JSON.stringify(key)} repeats line ${first.line} (each ${resource.name} once)` }, where);
  const entry = { resource: resource.name, key, line: line.number, offset: line.offset, length: line.length, ...parentOf(resource, value.record) };
  index.byKey.set(keyOf(resource.name, key), entry);
  index.byResource.get(resource.name).push(entry);
  index.records++;
}

/** The errors of parent references that name no record of the export nor of the journal (`known(resource, key)`). */
function parentErrors(model, index, known) {
  const errors = [];
  for (const resource of model.resources.filter((r) => r.parent?.byKey)) {
    const parent = resource.parent.resource;
    for (const entry of index.byResource.get(resource.name)) {
      if (entry.parentKey === undefined || index.byKey.has(keyOf(parent, entry.parentKey)) || known(parent, entry.parentKey)) continue;
      const field = `record.${resource.parent.field}`;
      const invalid = index.invalid.get(keyOf(parent, entry.parentKey));
      const message = invalid
        ? `${field} ${JSON.stringify(entry.parentKey)} names the ${parent} of line ${invalid}, which is invalid`
        : `${field} ${JSON.stringify(entry.parentKey)} names no ${parent} of the export or the journal (add the ${parent} to the export, or give {"id": "<Feishu id>"} for one already on Feishu)`;
      errors.push({ line: entry.line, resource: resource.name, key: entry.key, field, rule: 'parent', message });
    }
  }
  return errors;
}

/**
 * Scans the export `file` against `model`: `{ index, errors, errorCount }`. `index.byResource` lists each resource's
 * entries `{ resource, key, line, offset, length, parentKey?, parentId? }` in file order; `known(resource, key)` says
 * whether the journal holds a record (for parents not in the export).
 */
export async function scanExport(file, model, { known = () => false } = {}) {
  const validate = createRecordValidator(model);
  const index = emptyIndex(model);
  const errors = [];
  for await (const line of readLines(file)) {
    index.lines = line.number;
    scanLine(model, validate, index, errors, line);
  }
  errors.push(...parentErrors(model, index, known));
  errors.sort((a, b) => a.line - b.line);
  return { index, errors: errors.slice(0, MAX_ERRORS), errorCount: errors.length };
}
