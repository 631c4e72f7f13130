// The example export shipped with the package (examples/export.jsonl, the README's walk-through) against the bundled
// spec, and the JSON Schema published with it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { startMockServer } from '@feishu-hire/mock-server';
import { expect, test } from 'vitest';
import { importModel } from '../src/model.js';
import { exportSchema } from '../src/schema.js';
import { runCli } from './helpers/setup.js';

const EXAMPLE = fileURLToPath(new URL('../examples/export.jsonl', import.meta.url));
const EXAMPLE_LINES = readFileSync(EXAMPLE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const SCHEMA = JSON.parse(readFileSync(new URL('../generated/export.schema.json', import.meta.url), 'utf8'));

test('the published JSON Schema is the one the spec gives, and every line of the example export is valid against it', () => {
  const { $comment, ...schema } = SCHEMA;
  expect(schema).toEqual(exportSchema(importModel()));
  const validate = createSpecAjv().compile(SCHEMA);
  for (const line of EXAMPLE_LINES) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
});

test('the example shows a record of every resource of the spec', () => {
  expect(new Set(EXAMPLE_LINES.map((l) => l.resource))).toEqual(new Set(importModel().resources.map((r) => r.name)));
});

test('the README walk-through: validate, plan and apply the example against the mock, then plan again (all unchanged)', async () => {
  const model = importModel();
  const mock = await startMockServer({ rateLimitPerSecond: 0 }); // as the README starts it: the spec's examples seeded
  const count = (name) => EXAMPLE_LINES.filter((l) => l.resource === name).length;
  const planned = (action) => new RegExp(model.resources.map((r) => `${r.name}: create ${action === 'create' ? count(r.name) : 0}, update 0, unchanged ${action === 'create' ? 0 : count(r.name)}, delete 0`).join('\n'));
  try {
    const journal = join(mkdtempSync(join(tmpdir(), 'import-example-')), 'example.journal');
    const flags = ['--base-url', mock.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--journal', journal, '--progress', 'none'];
    expect((await runCli(['validate', EXAMPLE])).stdout).toContain(`valid, ${EXAMPLE_LINES.length} record(s)`);
    expect((await runCli(['plan', EXAMPLE, ...flags])).stdout).toMatch(planned('create'));
    const applied = await runCli(['apply', EXAMPLE, ...flags]);
    expect(applied.code, applied.stderr).toBe(0);
    for (const { resource, record } of EXAMPLE_LINES) {
      const { key } = model.byName(resource);
      expect(mock.store.resource(resource).list().filter((r) => r[key] === record[key]), `${resource} ${record[key]}`).toHaveLength(1);
    }
    expect((await runCli(['plan', EXAMPLE, ...flags, '--reread'])).stdout).toMatch(planned('unchanged'));
  } finally {
    await mock.close();
  }
});
