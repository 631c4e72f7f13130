// The client's body validators are the spec's request schemas closed at generation time (scripts/generate.js,
// closeObjects): the spec's schemas are open, the client names every unknown field as a probable typo. Checked on
// every request example of the spec, at every object of it, with no field name of the spec in the test.
import { describe, expect, it } from 'vitest';
import { operations } from '@feishu-hire/spec/model';
import { createSpecAjv, toAjvSchema } from '@feishu-hire/spec/ajv';
import { bodyIssues } from '../src/validate.js';

const TYPO = '(probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)';

/** JS paths (`body.a[0].b`) of every plain object in `value`, the root included. */
function objectPaths(value: unknown, path = 'body'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, `${path}.${k}`))];
}
/** A deep copy of `value` with `field: true` added to the object at `path`. */
function withField(value: unknown, path: string, field: string): unknown {
  const copy = structuredClone(value);
  const segments = path.slice('body'.length).match(/[^.[\]]+/g) ?? [];
  const target = segments.reduce<any>((node, s) => node[s], copy);
  target[field] = true;
  return copy;
}

const examples = operations.flatMap((op) => Object.entries(op.requestBody?.examples ?? {}).map(([name, example]) => ({ operationId: op.operationId, name, example })));

describe('the validators of validate: true', () => {
  it('exist for every operation with a request body, and the spec has examples of each', () => {
    const withBody = operations.filter((op) => op.requestBody).map((op) => op.operationId);
    expect(withBody.length).toBeGreaterThan(1);
    expect(new Set(examples.map((e) => e.operationId))).toEqual(new Set(withBody));
  });

  it.each(examples)('accept the example $name of $operationId, and name an unknown field at each of its objects as a probable typo', ({ operationId, example }) => {
    expect(bodyIssues(operationId, example)).toEqual([]);
    const paths = objectPaths(example);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(bodyIssues(operationId, withField(example, path, 'zz_typo'))).toEqual([
        { path: `${path}.zz_typo`, rule: 'additionalProperties', message: `${path}.zz_typo is not an allowed field ${TYPO}` },
      ]);
    }
  });

  it("while the spec's own request schemas accept unknown fields (they are open: no source says the platform rejects them)", () => {
    const ajv = createSpecAjv();
    for (const { operationId, example } of examples) {
      const schema = operations.find((op) => op.operationId === operationId)!.requestBody!.schema;
      const validate = ajv.compile(toAjvSchema(schema));
      for (const path of objectPaths(example)) expect(validate(withField(example, path, 'zz_typo')), `${operationId} ${path}`).toBe(true);
    }
  });
});
