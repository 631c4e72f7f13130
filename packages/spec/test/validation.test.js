// The one validation module under hostile input: bounded depth, finite numbers, a bounded number of issues (work
// counted, not timed), a capped message, and parameters read in one plain form or refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSpecAjv, toAjvSchema } from '../src/ajv.js';
import { operations } from '../src/model.js';
import { createValidation, joinIssues, structureIssue, VALIDATION_LIMITS } from '../src/validation.js';

const { maxDepth, maxIssues, maxMessageLength } = VALIDATION_LIMITS;

/** A value nested `depth` levels deep: each level an array or an object with the key `keys[level]`. */
function nested(depth, kinds, keys) {
  let value = 0;
  for (let level = depth - 1; level >= 0; level--) value = kinds[level % kinds.length] ? [value] : { [keys[level % keys.length]]: value };
  return value;
}

describe('structureIssue: depth and finite numbers, without recursion', () => {
  it('accepts every JSON value within the depth limit', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => structureIssue(value, 'body') === null));
  });

  it('refuses exactly the values nested deeper than maxDepth, naming the first level too deep', () => {
    const arbitrary = fc.tuple(fc.integer({ min: 1, max: 3 * maxDepth }), fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.string(), { minLength: 1 }));
    fc.assert(
      fc.property(arbitrary, ([depth, kinds, keys]) => {
        const issue = structureIssue(nested(depth, kinds, keys), 'body');
        if (depth <= maxDepth) return issue === null;
        return issue?.rule === 'maxDepth' && issue.message.startsWith(issue.path) && issue.message.includes(`deeper than ${maxDepth} levels`);
      }),
    );
  });

  it('walks a million levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(structureIssue(deep, 'body')).toMatchObject({ rule: 'maxDepth', path: `body${'[0]'.repeat(maxDepth)}` });
    expect(structureIssue(deep, 'body', 2_000_000)).toBeNull();
  });

  it('refuses a number that is not finite wherever it is, naming where (JSON.parse reads 1e400 as Infinity)', () => {
    expect(structureIssue(JSON.parse('{"a":[1,{"b":1e400}]}'), 'body')).toMatchObject({ rule: 'finite', path: 'body.a[1].b' });
    const arbitrary = fc.tuple(fc.array(fc.jsonValue({ maxDepth: 3 })), fc.nat(), fc.constantFrom(Infinity, -Infinity, NaN));
    fc.assert(
      fc.property(arbitrary, ([items, at, bad]) => {
        const list = [...items];
        list.splice(at % (list.length + 1), 0, bad);
        return structureIssue({ list }, 'body')?.rule === 'finite';
      }),
    );
  });
});

/** A document whose `List` holds items of a component with a $ref of its own (Ajv calls it as a function per item). */
const LIST_DOC = {
  components: {
    schemas: {
      Kind: { type: 'integer', enum: [1, 2, 3] },
      Item: { type: 'object', required: ['kind'], properties: { kind: { $ref: '#/components/schemas/Kind' } } },
    },
  },
};
const LIST = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } };

/** `n` wrong items in a Proxy that counts how many of them a check reads: the work it does. */
function countedItems(n) {
  const counter = { reads: 0 };
  const items = new Proxy(Array(n).fill('not an object'), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { body: { items }, counter };
}

describe('validation stops after maxIssues issues (work counted in items read)', () => {
  it('the counter catches the unbounded check: Ajv with allErrors alone reads every item (the mutant)', () => {
    const unbounded = createSpecAjv({ doc: LIST_DOC }).compile(toAjvSchema(LIST));
    const { body, counter } = countedItems(5000);
    expect(unbounded(body)).toBe(false);
    expect(unbounded.errors).toHaveLength(5000);
    expect(counter.reads).toBe(5000);
  });

  it('reads at most a few more than maxIssues items and reports at most maxIssues + 1 issues, whatever the count', () => {
    const { validate } = createValidation({ doc: LIST_DOC });
    fc.assert(
      fc.property(fc.integer({ min: maxIssues + 1, max: 200_000 }), (n) => {
        const { body, counter } = countedItems(n);
        const issues = validate(LIST, body, 'body');
        return issues.length === maxIssues + 1 && counter.reads <= 2 * (maxIssues + 1) && issues[0].message === 'body.items[0] must be of type object';
      }),
      { numRuns: 20 },
    );
  });

  it('lists every issue below the limit, as Ajv with allErrors does', () => {
    const { validate } = createValidation({ doc: LIST_DOC });
    const reference = createSpecAjv({ doc: LIST_DOC }).compile(toAjvSchema(LIST));
    fc.assert(
      fc.property(fc.array(fc.constantFrom({ kind: 1 }, { kind: 4 }, {}), { maxLength: maxIssues }), (items) => {
        const valid = reference({ items });
        return validate(LIST, { items }, 'body').length === (valid ? 0 : reference.errors?.length);
      }),
    );
  });

  it('gives the verdict of Ajv when a stop happens inside a branch whose errors do not count (anyOf)', () => {
    const { validate } = createValidation({ doc: LIST_DOC });
    const either = { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'array' }] };
    expect(validate(either, Array(1000).fill(1), 'body')).toEqual([]);
    expect(validate({ not: either }, Array(1000).fill(1), 'body')).toHaveLength(1);
  });
});

describe('joinIssues: a bounded message', () => {
  const issue = (message) => ({ path: '', rule: 'x', message });

  it('is at most maxMessageLength characters and maxIssues phrases, never cut inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 3 * maxIssues }), (messages) => {
        const text = joinIssues(messages.map(issue));
        const distinct = new Set(messages).size;
        expect(text.length).toBeLessThanOrEqual(maxMessageLength);
        expect(/[\uD800-\uDBFF]…$/.test(text)).toBe(false);
        if (distinct > maxIssues) expect(text.length === maxMessageLength || text.includes(`a report lists the first ${maxIssues} issues`)).toBe(true);
        if (text.length < maxMessageLength && distinct <= maxIssues) expect(text).toBe([...new Set(messages)].join('; '));
      }),
    );
  });
});

/** A synthetic operation with one query parameter of each type the readers handle, so that each is exercised. */
const TYPED = {
  parameters: {
    path: [],
    header: [{ name: 'X-Count', in: 'header', required: false, schema: { type: 'integer' } }],
    query: [
      { name: 'n', in: 'query', required: false, schema: { type: 'integer' } },
      { name: 'x', in: 'query', required: false, schema: { type: 'number' } },
      { name: 'b', in: 'query', required: false, schema: { type: 'boolean' } },
      { name: 's', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'list', in: 'query', required: false, schema: { type: 'array', items: { type: 'integer' } } },
    ],
  },
  requestBody: null,
};

describe('parameters: one plain form per value, nothing ambiguous', () => {
  const checks = createValidation().forOperation(TYPED);

  it.each(['0x10', ' 5', '5 ', '1e1', '+5', '05', '-0', 'Infinity', '1e400', '9007199254740992', '0b1'])(
    'refuses the integer %j, explaining the plain decimal form',
    (text) => {
      const issues = checks.query({ n: [text] });
      expect(issues).toEqual([{ path: 'query.n', rule: 'type', message: expect.stringMatching(/^query\.n must be of type integer, in plain decimal .*\(got ".*"\)$/) }]);
    },
  );

  it('reads an integer back to the very text it came as, or refuses it naming the parameter (any text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)), (text) => {
        const values = { n: [text] };
        const issues = checks.query(values);
        if (issues.length === 0) return String(values.n) === text && Number.isSafeInteger(values.n);
        return issues.length === 1 && issues[0].path === 'query.n';
      }),
    );
  });

  it('reads a number, a boolean and an array of integers, and keeps a string as it is', () => {
    const values = { x: ['-1.25'], b: ['false'], list: ['1', '2'], s: [' 0x10 '] };
    expect(checks.query(values)).toEqual([]);
    expect(values).toEqual({ x: -1.25, b: false, list: [1, 2], s: ' 0x10 ' });
    expect(checks.query({ x: ['1.'] }).map((i) => i.path)).toEqual(['query.x']);
    expect(checks.query({ b: ['TRUE'] })).toEqual([{ path: 'query.b', rule: 'type', message: 'query.b must be of type boolean' }]);
    expect(checks.query({ n: ['1_000'] })).toEqual([{ path: 'query.n', rule: 'type', message: 'query.n must be of type integer' }]); // not a number at all
    expect(checks.query({ list: ['1', '0x2'] }).map((i) => i.path)).toEqual(['query.list[1]']);
    expect(checks.header({ 'x-count': ['07'] }).map((i) => i.path)).toEqual(['header.x-count']);
  });

  it('refuses a parameter given more than once (unless it is an array), whatever the values', () => {
    fc.assert(
      fc.property(fc.constantFrom('n', 'x', 'b', 's'), fc.array(fc.string(), { minLength: 2, maxLength: 5 }), (name, texts) => {
        const issues = checks.query({ [name]: texts });
        return issues.length === 1 && issues[0].rule === 'repeated' && issues[0].message === `query.${name} is given ${texts.length} times (give it once: which value counts would be a guess)`;
      }),
    );
  });

  it('refuses an array-shaped name of a declared parameter and drops other undeclared names', () => {
    fc.assert(
      fc.property(fc.constantFrom('n', 's', 'list'), fc.string(), (name, inside) => {
        const values = { [`${name}[${inside}]`]: ['1'], unrelated: ['1'] };
        const issues = checks.query(values);
        return issues.length === 1 && issues[0].rule === 'arrayShaped' && Object.keys(values).length === 0;
      }),
    );
  });

  it('every integer query or header parameter of the model reads only plain decimals', () => {
    const validation = createValidation();
    for (const operation of operations) {
      const checksOf = validation.forOperation(operation);
      for (const location of ['query', 'header']) {
        for (const parameter of operation.parameters[location].filter((p) => p.schema.type === 'integer')) {
          const name = location === 'header' ? parameter.name.toLowerCase() : parameter.name;
          for (const text of ['0x10', ' 5', '1e1', 'Infinity', '1e400']) {
            expect(checksOf[location]({ [name]: [text] }).map((i) => i.path), `${operation.operationId} ${name}=${text}`).toContain(`${location}.${name}`);
          }
        }
      }
    }
  });
});
