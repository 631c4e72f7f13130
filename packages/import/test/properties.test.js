// Data safety, as properties (fast-check), over every resource of the spec: an update loses no stored field and is
// not needed again once applied; an export broken anywhere is refused whole, each broken line named; the journal, cut
// at any byte (a kill inside a write), loads as exactly the entries written whole before the cut.
import { mkdtempSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { changedFields, project, sameValue, updateBody } from '../src/compare.js';
import { openJournal, readJournal } from '../src/journal.js';
import { updateSchemaOf } from '../src/plan.js';
import { MODEL } from './helpers/setup.js';

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
