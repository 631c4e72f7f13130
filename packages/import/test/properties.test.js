// Data safety, as properties (fast-check), over every resource of the spec: an update loses no stored field and is
// not needed again once applied; an export broken anywhere is refused whole, each broken line named; the journal, cut
// at any byte (a kill inside a write), loads as exactly the entries written whole before the cut.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { changedFields, project, sameValue, updateBody } from '../src/compare.js';
import { openJournal, readJournal } from '../src/journal.js';
import { updateSchemaOf } from '../src/plan.js';
import { recordSchema } from '../src/schema.js';
import { scanExport } from '../src/validate.js';
import { makeExport, MODEL, withDescendants } from './helpers/setup.js';

const json = fc.jsonValue({ maxDepth: 3 });
/** Every resource with an update (full overwrite) or a patch (partial), with its update's schema and fields. */
const updatable = MODEL.resources.filter((r) => r.update).map((r) => {
  const schema = updateSchemaOf(MODEL, r);
  return { resource: r, schema, fields: Object.keys(schema.properties) };
});
/** A resource with an update, and two objects over its update's fields (and a few it does not know): stored, record. */
const pair = fc.constantFrom(...updatable).chain((u) => {
  const body = fc.dictionary(fc.constantFrom(...u.fields, 'unknown_a', 'unknown_b'), json, { maxKeys: 6 });
  return fc.tuple(fc.constant(u), body, body);
});

test('every kind of update is covered: a full overwrite and a patch', () => {
  expect(new Set(updatable.map((u) => u.resource.overwrite))).toEqual(new Set(['full', 'partial']));
});

test('an update body keeps every stored field the record leaves out (full overwrite), or sends only what changed (patch)', () => {
  fc.assert(fc.property(pair, ([{ resource, schema, fields }, stored, record]) => {
    const full = resource.overwrite === 'full';
    const changed = changedFields(record, stored);
    const sent = updateBody({ full, schema, record, stored, changed });
    for (const f of fields) {
      const given = record[f] !== undefined ? record[f] : stored[f];
      if (full) expect(sent[f]).toEqual(given === undefined ? undefined : project(schema.properties[f], given));
      else if (changed.includes(f) || schema.required?.includes(f)) expect(sent[f]).toEqual(given);
      else expect(f in sent, f).toBe(false);
    }
  }), { numRuns: 300 });
});

test('once an update is applied (the stored record overwritten, or patched), the same record differs in nothing (a second apply writes nothing)', () => {
  fc.assert(fc.property(pair, ([{ resource, schema }, stored, record]) => {
    const full = resource.overwrite === 'full';
    const sent = updateBody({ full, schema, record, stored, changed: changedFields(record, stored) });
    const after = full ? sent : { ...stored, ...sent };
    expect(changedFields(project(schema, record), after)).toEqual([]);
  }), { numRuns: 300 });
});

test('sameValue: a value equals itself, and a stored value with extra keys', () => {
  fc.assert(fc.property(json, fc.dictionary(fc.string(), json), (value, extra) => {
    expect(sameValue(value, structuredClone(value))).toBe(true);
    if (value && typeof value === 'object' && !Array.isArray(value)) expect(sameValue(value, { ...extra, ...value })).toBe(true);
  }));
});

/** The ways a line of an export is broken, each `(line, export) => text` (or undefined when it does not apply). */
const BREAKS = {
  json: ({ text }) => text.slice(0, Math.floor(text.length / 2)),
  resource: ({ value }) => JSON.stringify({ ...value, resource: 'no_such_resource' }),
  unknownField: ({ value }) => JSON.stringify({ ...value, record: { ...value.record, no_such_field: 1 } }),
  keyMissing: ({ value, resource }) => {
    const { [resource.key]: _key, ...record } = value.record;
    return JSON.stringify({ ...value, record });
  },
  keyType: ({ value, resource }) => JSON.stringify({ ...value, record: { ...value.record, [resource.key]: 42 } }),
  enumValue: ({ value, resource }) => {
    const properties = recordSchema(MODEL, resource).properties;
    const field = Object.keys(value.record).find((f) => Array.isArray(properties[f]?.enum));
    return field && JSON.stringify({ ...value, record: { ...value.record, [field]: 'not-in-the-enum' } });
  },
  parentMissing: ({ value, resource }) => resource.parent?.byKey && JSON.stringify({ ...value, record: { ...value.record, [resource.parent.field]: 'no-such-parent' } }),
  keyRepeated: ({ value, resource, earlier }) => earlier && JSON.stringify({ ...value, record: { ...value.record, [resource.key]: earlier.record[resource.key] } }),
};

test('an export broken anywhere, in any way, is refused whole: every broken line is named with its field and rule, and no other line but those under a broken record', async () => {
  const { records } = makeExport({ perResource: 3, outsideParents: 2 });
  const breakage = fc.uniqueArray(fc.tuple(fc.nat(records.length - 1), fc.constantFrom(...Object.keys(BREAKS))), { minLength: 1, maxLength: 6, selector: ([i]) => i });
  await fc.assert(fc.asyncProperty(breakage, async (breaks) => {
    const broken = new Map(breaks);
    const lines = records.map((value, i) => {
      const resource = MODEL.byName(value.resource);
      const earlier = records.slice(0, i).find((r, j) => r.resource === value.resource && !broken.has(j));
      return (broken.has(i) && BREAKS[broken.get(i)]({ text: JSON.stringify(value), value, resource, earlier })) || JSON.stringify(value);
    });
    const actually = [...broken.keys()].filter((i) => lines[i] !== JSON.stringify(records[i]));
    const file = join(mkdtempSync(join(tmpdir(), 'broken-')), 'export.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { errors, errorCount } = await scanExport(file, MODEL);
    expect(errorCount > 0).toBe(actually.length > 0);
    const errorLines = new Set(errors.map((e) => e.line));
    for (const i of actually) expect(errorLines.has(i + 1), `line ${i + 1} (${broken.get(i)}) named`).toBe(true);
    for (const e of errors) expect(e.field && e.rule && e.message, JSON.stringify(e)).toBeTruthy();
    const under = withDescendants(records, (r) => actually.includes(records.indexOf(r)));
    for (const line of errorLines) expect(under.has(records[line - 1]), `line ${line} is a broken one or under one`).toBe(true);
  }), { numRuns: 40 });
});

const entry = fc.record({
  e: fc.constantFrom('intent', 'done', 'failed'),
  r: fc.constantFrom(...MODEL.resources.map((r) => r.name)),
  k: fc.constantFrom('a', 'b', 'c', '记录'),
  op: fc.constantFrom('create', 'update'),
  id: fc.constantFrom('1', '2', '3'),
});

test('a journal cut at any byte loads as the entries written whole before the cut', async () => {
  const target = { baseUrl: 'http://127.0.0.1:1', app: 'cli_test' };
  await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.nat(), async (entries, cutAt) => {
    const path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'j');
    const journal = await openJournal(path, target);
    await Promise.all(entries.map((e) => journal.append(e)));
    await journal.close();
    const text = readFileSync(path);
    const header = text.indexOf(0x0a) + 1;
    const cut = header + (cutAt % (text.length - header + 1));
    truncateSync(path, cut);
    const whole = text.subarray(0, cut).toString('utf8').split('\n').length - 2; // entries ending with a newline, header excluded
    const expected = await openJournal(join(mkdtempSync(join(tmpdir(), 'journal-')), 'j'), target);
    await Promise.all(entries.slice(0, whole).map((e) => expected.append(e)));
    const loaded = await readJournal(path, target);
    for (const r of MODEL.resources) {
      for (const k of ['a', 'b', 'c', '记录']) {
        const { body: _a, ...got } = loaded.state(r.name, k) ?? {};
        const { body: _b, ...want } = expected.state(r.name, k) ?? {};
        expect(got).toEqual(want);
      }
    }
    await expected.close();
    const reopened = await openJournal(path, target); // takes the lock, drops the partial line, and appends after it
    await reopened.append({ e: 'done', r: MODEL.resources[0].name, k: 'z', op: 'create', id: '9' });
    await reopened.close();
    expect((await readJournal(path, target)).idOf(MODEL.resources[0].name, 'z')).toBe('9');
  }), { numRuns: 40 });
});
