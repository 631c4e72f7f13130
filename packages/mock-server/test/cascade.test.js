// What deleting a parent does to its children, as the spec declares it: the records of a resource whose parent has
// `cascade` go with their parent; any other child keeps its parent from being deleted, and then nothing is deleted,
// however deep the child. Every name is read from the model.
import { expandPath, openapi, operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { describe, expect, it } from 'vitest';
import { specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { call, mocksClosedAfterEach } from './helpers.js';

const TOKEN = 't-cascade';
const start = mocksClosedAfterEach({ tokens: [TOKEN], rateLimitPerSecond: 0 });

/** The model of `doc`: its resources by name and a `remove(mock, resource, id)` sending the resource's delete. */
function modelOf(doc) {
  const operations = operationsOf(doc);
  const resources = new Map(resourcesOf(doc, operations).map((r) => [r.name, r]));
  const remove = (mock, resource, id) => {
    const { path } = operations.find((o) => o.operationId === resource.operations.delete);
    return call(mock, expandPath(path, { [resource.idParameter]: id }), { method: 'DELETE', token: TOKEN, spec: doc });
  };
  return { resources, remove };
}

/** A new record of `resource` under `parentId` (the seeded record's body, so every required field is there). */
function createUnder(mock, resource, parentId) {
  const records = mock.store.resource(resource.name);
  const { id: _id, ...template } = records.list()[0];
  return records.create({ ...template, [resource.parent.field]: parentId });
}

/** The spec with the fixture resource, its resource `name`'s parent made to cascade. */
function withCascade(name) {
  const doc = specWithFixtureResource();
  doc.tags.find((t) => t.name === name)['x-feishu-resource'].parent.cascade = 'assumption';
  return doc;
}

describe('deleting a parent', () => {
  const bundled = modelOf(openapi);
  const cascading = [...bundled.resources.values()].filter((r) => r.parent?.inSpec && r.parent.cascade);

  it('the bundled spec declares a cascading resource (else this file proves nothing of it)', () => {
    expect(cascading.length).toBeGreaterThan(0);
  });

  it.each(cascading.map((r) => [r.name, r]))('deletes the %s records with their parent, and no other record', async (_name, child) => {
    const mock = await start();
    const parent = bundled.resources.get(child.parent.resource);
    const parentRecord = createUnder(mock, parent, mock.store.resource(parent.name).list()[0][parent.parent.field]);
    const children = [createUnder(mock, child, parentRecord.id), createUnder(mock, child, parentRecord.id)];
    const others = mock.store.resource(child.name).list().filter((r) => !children.some((c) => c.id === r.id));
    expect((await bundled.remove(mock, parent, parentRecord.id)).json.code).toBe(0);
    expect(mock.store.resource(parent.name).has(parentRecord.id)).toBe(false);
    expect(mock.store.resource(child.name).list()).toEqual(others);
  });

  it('refuses whole a delete whose cascade reaches a record that does not cascade, and deletes nothing', async () => {
    const notes = modelOf(specWithFixtureResource());
    const note = [...notes.resources.values()].find((r) => r.parent?.inSpec && !r.parent.cascade && notes.resources.get(r.parent.resource).parent?.inSpec);
    const spec = withCascade(note.parent.resource);
    const { resources, remove } = modelOf(spec);
    const middle = resources.get(note.parent.resource);
    const top = resources.get(middle.parent.resource);
    const mock = await start({ spec });
    const topRecord = createUnder(mock, top, mock.store.resource(top.name).list()[0][top.parent.field]);
    const middleRecord = createUnder(mock, middle, topRecord.id);
    const noteRecord = createUnder(mock, note, middleRecord.id);
    const before = Object.fromEntries([...resources.keys()].map((name) => [name, mock.store.resource(name).list()]));
    const refused = await remove(mock, top, topRecord.id);
    expect(refused.res.status).toBe(400);
    expect(refused.json.msg).toContain(`${JSON.stringify(middleRecord.id)} is the parent of 1 ${note.name} record(s)`);
    for (const name of resources.keys()) expect(mock.store.resource(name).list(), name).toEqual(before[name]);
    expect((await remove(mock, note, noteRecord.id)).json.code).toBe(0);
    expect((await remove(mock, top, topRecord.id)).json.code).toBe(0);
    expect(mock.store.resource(middle.name).has(middleRecord.id)).toBe(false);
  });
});
