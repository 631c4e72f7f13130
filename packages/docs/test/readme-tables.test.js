// The operation tables of the READMEs are generated from the spec (scripts/readme-tables.js): none is stale, each
// lists every operation of the model, and a block the script cannot write fails naming the README.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientMethodsOf, operations, resources } from '@feishu-hire/spec/model';
import { READMES, ROOT, TABLES, rewrite, updateReadmes } from '../scripts/readme-tables.js';

describe('the READMEs’ operation tables', () => {
  it('are up to date (run `node packages/docs/scripts/readme-tables.js` after changing the spec)', () => {
    expect(updateReadmes({ check: true })).toEqual([]);
  });

  it('list every operation of the spec, and every method of every resource’s namespace', () => {
    const operationsTable = TABLES.operations();
    for (const op of operations) expect(operationsTable, op.operationId).toContain(`\`${op.method} ${op.path}\``);
    const methodsTable = TABLES['client-methods']();
    for (const r of resources) {
      for (const m of clientMethodsOf(r, operations)) {
        // A standalone-only function (sync) is listed by its name; every other method as the namespace's.
        expect(methodsTable, `${r.namespace}.${m.method}`).toContain(m.standalone ? `\`${m.functionName}(client, ` : `\`client.${r.namespace}.${m.method}(`);
      }
    }
    for (const file of READMES) expect(readFileSync(`${ROOT}${file}`, 'utf8'), file).toMatch(/<!-- generated: [\w-]+ /);
  });

  it('rewrites a stale block and leaves the rest; an unknown table or a block without its end fails naming the README', () => {
    const text = 'before\n<!-- generated: operations (do not edit) -->\n| stale |\n<!-- /generated -->\nafter\n';
    expect(rewrite(text, 'X.md')).toBe(`before\n<!-- generated: operations (do not edit) -->\n${TABLES.operations()}\n<!-- /generated -->\nafter\n`);
    expect(() => rewrite('<!-- generated: nope -->\n<!-- /generated -->\n', 'X.md')).toThrow('X.md: no generated table nope (there are operations, client-methods)');
    expect(() => rewrite('<!-- generated: operations -->\n| row |\n', 'Y.md')).toThrow('Y.md: a <!-- generated: ... --> block has no <!-- /generated --> end');
  });
});
