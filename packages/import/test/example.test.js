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
const SCHEMA = JSON.parse(readFileSync(new URL('../generated/export.schema.json', import.meta.url), 'utf8'));

test('the published JSON Schema is the one the spec gives, and every line of the example export is valid against it', () => {
  const { $comment, ...schema } = SCHEMA;
  expect(schema).toEqual(exportSchema(importModel()));
  const validate = createSpecAjv().compile(SCHEMA);
  for (const line of readFileSync(EXAMPLE, 'utf8').split('\n').filter(Boolean)) expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true);
});

test('the README walk-through: validate, plan and apply the example against the mock, then plan again (all unchanged)', async () => {
  const mock = await startMockServer({ rateLimitPerSecond: 0, seed: {} });
  try {
    const journal = join(mkdtempSync(join(tmpdir(), 'import-example-')), 'example.journal');
    const flags = ['--base-url', mock.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--journal', journal, '--progress', 'none'];
    expect((await runCli(['validate', EXAMPLE])).stdout).toMatch(/valid, 4 record\(s\)/);
    expect((await runCli(['plan', EXAMPLE, ...flags])).stdout).toMatch(/create 4, update 0, unchanged 0/);
    const applied = await runCli(['apply', EXAMPLE, ...flags]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(mock.store.resource(importModel().resources[0].name).list()).toHaveLength(4);
    expect((await runCli(['plan', EXAMPLE, ...flags, '--reread'])).stdout).toMatch(/create 0, update 0, unchanged 4/);
  } finally {
    await mock.close();
  }
});
