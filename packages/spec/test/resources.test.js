// The resource model: what x-feishu-resource and x-feishu-role declare, what the model derives, and that it fails
// closed naming every problem at once. The linter (our Redocly plugin) reports the same shape problems in specs/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RESOURCE, specWithFixtureResource } from './fixtures/fixture-resource.js';
import { isReadOnly, openapi, operationById, operations, operationsOf, resourceByName, resources, resourcesOf } from '../src/model.js';

const root = resolve(import.meta.dirname, '../../..');
/** The operation object of `operationId` in `doc` (raw, to edit). */
const rawOperation = (doc, operationId) => {
  for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) if (op?.operationId === operationId) return op;
  throw new Error(`no ${operationId}`);
};
/** The model of a copy of the bundled spec after `edit(doc)`. */
const modelOf = (edit) => {
  const doc = structuredClone(openapi);
  edit(doc);
  return resourcesOf(doc, operationsOf(doc));
};
const resourceTag = (doc) => doc.tags.find((t) => t['x-feishu-resource']);

describe('the resources of the bundled spec', () => {
  it('has at least one resource, and each operation of a resource tag belongs to it with its role', () => {
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      for (const [role, operationId] of Object.entries(resource.operations)) {
        expect(operationById(operationId).resource, operationId).toMatchObject({ name: resource.name, role });
      }
      const tagged = operations.filter((o) => o.tags.includes(resource.name)).map((o) => o.operationId);
      expect(Object.values(resource.operations).sort()).toEqual(tagged.sort());
    }
  });

  it('derives the namespace, the record key and paging from the spec, and the id parameter of every by-id operation', () => {
    for (const resource of resources) {
      expect(resource.namespace).toMatch(/^[a-z][A-Za-z0-9]*s$/);
      for (const role of ['update', 'patch', 'delete']) {
        const id = resource.operations[role];
        if (id) expect(operationById(id).parameters.path.map((p) => p.name)).toContain(resource.idParameter);
      }
      const list = resource.operations.list && operationById(resource.operations.list);
      expect(resource.paged).toBe(Boolean(list?.parameters.query.some((p) => p.name === 'page_token')));
    }
    const interview = resourceByName('external_interview');
    expect(interview).toMatchObject({ namespace: 'externalInterviews', recordKey: 'external_interview', idParameter: 'external_interview_id' });
    expect(interview.idempotency).toEqual({ key: 'external_id', windowMs: 24 * 3600 * 1000, basis: 'source' });
  });

  it('calls an operation read-only by its role, not its HTTP method (a POST batch query only reads)', () => {
    for (const op of operations) expect(isReadOnly(op), op.operationId).toBe(['read', 'list'].includes(op.resource?.role));
    const list = operationById(resourceByName('external_interview').operations.list);
    expect([list.method, isReadOnly(list)]).toEqual(['POST', true]);
    expect(() => resourceByName('nope')).toThrow(/no resource nope \(it has .*external_interview/);
  });
});

describe('a resource added to the spec (the fixture resource)', () => {
  it('is a resource of the model with its roles, parent in the spec, record key and paging derived', () => {
    const spec = specWithFixtureResource();
    const fixture = resourceByName(FIXTURE_RESOURCE, resourcesOf(spec, operationsOf(spec)));
    expect(Object.keys(fixture.operations).sort()).toEqual(['create', 'delete', 'list']);
    expect(fixture).toMatchObject({ namespace: 'externalInterviewNotes', recordKey: 'external_interview_note', paged: true });
    expect(fixture.parent).toMatchObject({ resource: 'external_interview', inSpec: true });
  });
});

describe('the resource model fails closed', () => {
  const update = () => resourceByName('external_interview').operations.update;
  const list = () => resourceByName('external_interview').operations.list;

  it('names every operation of a resource without a role, all in one error', () => {
    const error = (() => {
      try {
        modelOf((doc) => {
          delete rawOperation(doc, update())['x-feishu-role'];
          delete rawOperation(doc, list())['x-feishu-role'];
        });
      } catch (e) {
        return e.message;
      }
    })();
    expect(error).toMatch(/2 operations cannot be handled/);
    expect(error).toContain(`operation ${update()} `);
    expect(error).toContain(`operation ${list()} `);
  });

  it.each([
    ['an unknown role', (doc) => (rawOperation(doc, update())['x-feishu-role'] = 'replace'), /x-feishu-role must be one of create, read, list/],
    ['an update without x-feishu-overwrite', (doc) => delete rawOperation(doc, update())['x-feishu-overwrite'], /x-feishu-overwrite \(full or partial\) is required/],
    ['a filter naming a field the operation lacks', (doc) => (rawOperation(doc, list())['x-feishu-filters'].ids = 'body.nope_list'), /x-feishu-filters.ids names body.nope_list, which the operation does not have/],
    ['two operations with one role', (doc) => (rawOperation(doc, update())['x-feishu-role'] = 'delete', rawOperation(doc, update())['x-feishu-overwrite'] = undefined), /two operations have role delete/],
    ['a by-id role without the id parameter', (doc) => (resourceTag(doc)['x-feishu-resource'].id = 'other_id'), /role update needs the path parameter other_id/],
    ['a parent field the create body lacks', (doc) => (resourceTag(doc)['x-feishu-resource'].parent.field = 'nope_id'), /the create body has no nope_id/],
    ['a cascade without its basis', (doc) => (resourceTag(doc)['x-feishu-resource'].parent.cascade = true), /parent.cascade must be source or assumption/],
    ['an unknown parent field', (doc) => (resourceTag(doc)['x-feishu-resource'].parent.on_delete = 'cascade'), /parent.on_delete is not a known field/],
    ['an idempotency window that is not positive', (doc) => (resourceTag(doc)['x-feishu-resource'].idempotency.window_hours = 0), /window_hours must be a positive number/],
    ['a role on an operation of no resource', (doc) => (rawOperation(doc, 'getTenantAccessToken')['x-feishu-role'] = 'create'), /x-feishu-role needs the operation's tag to be a resource/],
  ])('refuses %s, naming it', (_what, edit, message) => {
    expect(() => modelOf(edit)).toThrow(message);
  });
});

describe('the linter (packages/spec/lint/feishu-plugin.js)', () => {
  it('reports a malformed extension in specs/ at its place, by the name of our rule', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'feishu-lint-'));
    try {
      cpSync(join(root, 'specs'), join(dir, 'specs'), { recursive: true });
      const yaml = join(dir, 'specs/openapi.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/(x-feishu-resource:\n\s+id:) \w+/, '$1 Bad-Id'));
      const config = readFileSync(join(root, 'redocly.yaml'), 'utf8').replace('./packages/spec/lint/feishu-plugin.js', join(root, 'packages/spec/lint/feishu-plugin.js'));
      writeFileSync(join(dir, 'redocly.yaml'), config);
      const lint = () => execFileSync(process.execPath, [join(root, 'packages/spec/node_modules/@redocly/cli/bin/cli.js'), 'lint', '--config', join(dir, 'redocly.yaml')], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      let output = '';
      try {
        lint();
      } catch (error) {
        output = `${error.stdout}${error.stderr}`;
      }
      expect(output).toMatch(/x-feishu-resource\.id must be the snake_case name of the id path parameter/);
      expect(output).toContain('feishu/resource-extension');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
