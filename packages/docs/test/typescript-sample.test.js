// The TypeScript samples the page generates from each operation's example, through the client's namespaces (or
// client.request for an operation of no resource), for every operation without a sample of its own in the spec: the
// bundled spec's (code-samples.test.js compiles them against the built client and runs them against the mock) and the
// fixture resource's, a resource added to the spec with no sample written anywhere.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { clientMethodsOf, deref, operationsOf, resourceByName, resourcesOf, resources } from '@feishu-hire/spec/model';
import { FIXTURE_RESOURCE, specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { FIXTURE_OPERATION_ID, specWithGetOperation } from '../../spec/test/fixtures/fixture-specs.js';
import { docsView } from '../src/docs-view.js';
import { TYPESCRIPT_LABEL, typescriptSample } from '../src/typescript-sample.js';
import { codeSample, openapi, operationIn, operations } from './helpers.js';

/** The operations of `doc` without a TypeScript sample of their own. */
const withoutSample = (doc, ops) => ops.filter((op) => !(operationIn(doc, op)['x-codeSamples'] ?? []).some((s) => s.lang === 'TypeScript'));
/** The namespace method that calls `op` (its role's; a list's `list`). */
const methodOf = (op, list, ops) => clientMethodsOf(list.find((r) => r.name === op.resource.name), ops).find((m) => m.operationId === op.operationId && !m.byIds && !m.page && !m.fullOverwrite);
/** Every string in a value, at any depth. */
const strings = (value) => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);
/**
 * The top-level fields of an operation's first request example whose value is a member of an enum component with
 * constant names: `{ key, value, constant }`, `constant` as the client names it (`<component>.<x-enum-varnames entry>`).
 */
function enumValuesOf(op) {
  const [example] = Object.values(op.requestBody?.examples ?? {});
  const properties = deref(openapi, op.requestBody?.schema ?? {}).properties ?? {};
  return Object.entries(example ?? {}).flatMap(([key, value]) => {
    const ref = properties[key]?.$ref;
    const node = ref ? deref(openapi, properties[key]) : {};
    const name = node['x-enum-varnames']?.[node.enum?.indexOf(value)];
    return name ? [{ key, value, constant: `${ref.split('/').at(-1)}.${name}` }] : [];
  });
}
/** The syntax errors of a TypeScript source. */
const syntaxErrors = (source) => ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

describe('the generated TypeScript sample of an operation of the bundled spec', () => {
  const view = docsView(openapi);

  it('is on the page for every operation without its own, and the spec’s own sample wins', () => {
    const generated = withoutSample(openapi, operations);
    expect(generated.length).toBeGreaterThan(0);
    for (const op of generated) expect(codeSample(TYPESCRIPT_LABEL, operationIn(view, op)).source).toBe(typescriptSample(openapi, op, operations, resources));
    for (const op of operations.filter((o) => !generated.includes(o))) expect(operationIn(view, op)['x-codeSamples']).toContainEqual(codeSample(TYPESCRIPT_LABEL, operationIn(openapi, op)));
  });

  it('calls the method of its resource’s namespace with the example: the create’s body, the ids of the list’s request example, the path id', () => {
    for (const op of operations.filter((o) => o.resource)) {
      const source = typescriptSample(openapi, op, operations, resources);
      const resource = resources.find((r) => r.name === op.resource.name);
      expect(source, op.operationId).toContain(`client.${resource.namespace}.${methodOf(op, resources, operations).method}(`);
      const [example] = Object.values(op.requestBody?.examples ?? {});
      const id = op.parameters.path.find((p) => p.name === resource.idParameter)?.example;
      if (id !== undefined) expect(source, op.operationId).toContain(`('${id}'`);
      if (example && op.resource.role !== 'list') for (const text of strings(example)) expect(source, op.operationId).toContain(`'${text}'`);
      expect(syntaxErrors(source), op.operationId).toEqual([]);
    }
    const list = operations.find((o) => o.resource?.role === 'list' && o.resource.filters?.ids);
    const [byIds] = Object.values(list.requestBody.examples);
    expect(typescriptSample(openapi, list, operations, resources)).toContain(`.list({ ids: ['${byIds[list.resource.filters.ids.name].join("', '")}'] })`);
  });

  it('writes an enum value as the client’s constant, imported by name (`<Enum>.<Member>`, not its number)', () => {
    const withEnums = operations.filter((op) => op.resource).map((op) => [op, enumValuesOf(op)]).filter(([, found]) => found.length > 0);
    expect(withEnums.length).toBeGreaterThan(0);
    for (const [op, found] of withEnums) {
      const source = typescriptSample(openapi, op, operations, resources);
      const imported = source.split('\n')[0].match(/^import \{ ([^}]*) \} from '@feishu-hire\/client';$/)?.[1].split(', ');
      expect(imported, op.operationId).toContain('createHireClient');
      for (const { key, value, constant } of found) {
        expect(source, `${op.operationId}: ${key}`).toMatch(new RegExp(`\\b${key}: ${constant.replace('.', '\\.')}[,\\s}]`));
        expect(source, `${op.operationId}: ${key}`).not.toMatch(new RegExp(`\\b${key}: ${JSON.stringify(value)}\\b`));
        expect(imported, op.operationId).toContain(constant.split('.')[0]);
      }
    }
  });

  it('calls client.request(<operation constant>, { path, query, body }) for an operation of no resource', () => {
    const spec = specWithGetOperation();
    const ops = operationsOf(spec);
    const fixture = ops.find((op) => op.operationId === FIXTURE_OPERATION_ID);
    delete operationIn(spec, fixture)['x-codeSamples'];
    const source = codeSample(TYPESCRIPT_LABEL, operationIn(docsView(spec), fixture)).source;
    expect(source).toContain(`import { createHireClient, ${FIXTURE_OPERATION_ID} } from '@feishu-hire/client';`);
    // The required query parameter's example; the optional page_size is left out, as in the curl sample.
    expect(source).toContain(`const data = await client.request(${FIXTURE_OPERATION_ID}, { query: { external_interview_id: '6960663240925956660' } });`);
  });
});

describe('a resource added to the spec (the fixture resource)', () => {
  const spec = specWithFixtureResource();
  const ops = operationsOf(spec);
  const list = resourcesOf(spec, ops);
  const fixture = resourceByName(FIXTURE_RESOURCE, list);
  const fixtureOps = ops.filter((op) => op.resource?.name === FIXTURE_RESOURCE);

  it('gets a TypeScript sample on the page for each of its operations, a call of its namespace with its examples', () => {
    const view = docsView(spec);
    expect(fixtureOps.length).toBeGreaterThan(1);
    for (const op of fixtureOps) {
      const source = codeSample(TYPESCRIPT_LABEL, operationIn(view, op)).source;
      expect(source, op.operationId).toContain(`client.${fixture.namespace}.${methodOf(op, list, ops).method}(`);
      expect(syntaxErrors(source), op.operationId).toEqual([]);
    }
    const listSample = typescriptSample(spec, ops.find((o) => o.operationId === fixture.operations.list), ops, list);
    const parent = ops.find((o) => o.operationId === fixture.operations.list).parameters.query.find((p) => p.required);
    expect(listSample).toContain(`for await (const item of client.${fixture.namespace}.list({ externalInterviewId: '${parent.example}' }))`);
  });

  it('fails the page naming every operation whose sample cannot be built (a body without an example, a path id without one), in one error', () => {
    const broken = structuredClone(spec);
    const create = fixtureOps.find((op) => op.resource.role === 'create');
    const remove = fixtureOps.find((op) => op.resource.role === 'delete');
    delete operationIn(broken, create).requestBody.content['application/json'].examples;
    delete operationIn(broken, remove).parameters[0].example;
    expect(() => docsView(broken)).toThrow(
      [
        'docsView: 2 operations cannot be shown:',
        `- docsView: operation ${create.operationId} (POST ${create.path}) has a request body but no example to build the TypeScript sample from`,
        `- docsView: operation ${remove.operationId} (DELETE ${remove.path}): path parameter ${fixture.idParameter} has no example to build the TypeScript sample from`,
      ].join('\n'),
    );
  });
});
