// Property of syncExternalInterviews against the embedded mock over HTTP (a platform that keeps every field it is
// sent): for any export (every answer field on any dimension, unknown fields at every level, empty and long lists,
// unicode), a sync makes the store equal to it, a second sync writes nothing, and after any single-field change of one
// record, known or unknown, at any level, the next sync updates exactly that record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deref, openapi } from '@feishu-hire/spec/model';
import { syncExternalInterviews, type ExternalInterview, type SyncExternalInterview } from '../src/index.js';
import { content, enumOf, fieldSchema, interviewOf, recordSchema, useKeepingMock } from './helpers/interviews.js';
import type { MockInterview } from '@feishu-hire/mock-server';
import { writes } from './helpers/mock.js';

const APP = '6960663240925956437';
const platform = useKeepingMock();

type Node = Record<string, unknown> | unknown[];
type Schema = Record<string, any> | undefined;
/** The fields that key a record of the sync: a change of them is another record, not a change of this one. */
const KEYS = ['external_id', 'external_application_id'];

/** A value of the same kind as `value` that differs from it (and is still valid where the spec knows the field). */
function changed(value: unknown, values: unknown[] | undefined): unknown {
  if (values && values.length > 1) return values[(values.indexOf(value) + 1) % values.length];
  if (typeof value === 'string') return `${value}†`;
  // A safe integer moves by one (within int32 and int64 alike); a large or fractional number is halved (±1 would be lost in its precision).
  if (typeof value === 'number') return !Number.isSafeInteger(value) ? value / 2 : value > 0 ? value - 1 : value + 1;
  if (typeof value === 'boolean') return !value;
  return 'changed';
}

/** Whether `value` counts as a value for the sync: an empty list or undefined equals an absent field. */
const present = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);

/**
 * Every single-field change that can be made to `node` (of `schema`, undefined below unknown fields), at any depth:
 * a field added, removed or changed, a list item added, removed or changed.
 */
function changes(node: Node, schema: Schema, top: boolean): Array<() => void> {
  const list: Array<() => void> = [];
  if (Array.isArray(node)) {
    // Of a list the spec knows, an item of its type (`schema` is the item's); of another, a string.
    list.push(() => node.push(deref(openapi, schema ?? {}).properties ? { x_added: '追加' } : 'added'));
    node.forEach((item, i) => {
      list.push(() => node.splice(i, 1));
      if (item && typeof item === 'object') list.push(...changes(item as Node, schema, false));
      else list.push(() => (node[i] = changed(item, undefined)));
    });
    return list;
  }
  if (!Object.hasOwn(node, 'x_added')) list.push(() => (node.x_added = { 新: [1, 'ü'] }));
  for (const [field, value] of Object.entries(node)) {
    if (top && KEYS.includes(field)) continue;
    if (present(value)) list.push(() => delete node[field]);
    if (value && typeof value === 'object') list.push(...changes(value as Node, fieldSchema(schema, field), false));
    else list.push(() => (node[field] = changed(value, enumOf(schema, field))));
  }
  return list;
}

/** An export of 1 to 6 interviews with unique external_ids. */
const exports = fc.array(interviewOf(APP), { minLength: 1, maxLength: 6 }).map((list) =>
  list.map((interview, i) => ({ ...interview, external_id: `e${i}-${interview.external_id ?? ''}` }) as SyncExternalInterview),
);

/** Asserts that the application's interviews on the mock are `list` (but for the fields the platform assigns). */
function expectStored(list: SyncExternalInterview[]): void {
  const stored = platform.mock.store.list({ externalApplicationId: APP }).map(content) as ExternalInterview[];
  const wanted = list.map((interview) => content({ interview_assessments: [], ...interview, external_application_id: APP }) as ExternalInterview);
  const byKey = (a: ExternalInterview, b: ExternalInterview) => (a.external_id! < b.external_id! ? -1 : 1);
  expect(stored.sort(byKey)).toEqual(wanted.sort(byKey));
}

describe('syncExternalInterviews (property test)', () => {
  it('makes the store equal to any export; a second run writes nothing; a single-field change updates exactly that record', async () => {
    await fc.assert(
      fc.asyncProperty(exports, fc.nat(), fc.nat(), fc.nat(), async (list, seeded, which, where) => {
        platform.mock.store.reset(); // empty, and no external_id taken by a create of an earlier run
        for (const interview of list.slice(0, seeded % list.length)) platform.mock.store.set({ ...interview, id: `70000000000000${String(platform.mock.store.list().length).padStart(5, '0')}` } as MockInterview);
        const first = await syncExternalInterviews(platform.client, { externalApplicationId: APP, interviews: list });
        expect(first.failed).toBe(0);
        expect(first.counts).toEqual({ create: list.length - (seeded % list.length), update: 0, delete: 0, unchanged: seeded % list.length });
        expectStored(list);

        platform.sent.length = 0;
        const second = await syncExternalInterviews(platform.client, { externalApplicationId: APP, interviews: list });
        expect(second.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: list.length });
        expect(writes(platform.sent)).toEqual([]);

        const next = structuredClone(list);
        const record = next[which % next.length]!;
        const candidates = changes(record as Node, recordSchema, true);
        candidates[where % candidates.length]!();
        platform.sent.length = 0;
        const third = await syncExternalInterviews(platform.client, { externalApplicationId: APP, interviews: next });
        expect(third.counts).toEqual({ create: 0, update: 1, delete: 0, unchanged: list.length - 1 });
        expect(third.items.find((item) => item.action === 'update')!.externalId).toBe(record.external_id);
        expect(writes(platform.sent).map((s) => s.method)).toEqual(['PUT']);
        expectStored(next);
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
