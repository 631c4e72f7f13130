#!/usr/bin/env node
// Writes the operation tables of the repository's READMEs from the spec's operations model, so that no README lists
// operations by hand: every block between `<!-- generated: <table> ... -->` and `<!-- /generated -->` is rewritten
// with that table. `--check` writes nothing and exits 1 naming every stale block (test/readme-tables.test.js runs it).
//   node packages/docs/scripts/readme-tables.js [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientMethodsOf, idArgument, openapi, operations, resources } from '@feishu-hire/spec/model';
import { operationGroups } from '../src/docs-view.js';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The READMEs with generated tables, relative to the root. */
export const READMES = ['README.md', 'packages/docs/README.md', 'packages/client/README.md'];
const BLOCK = /(<!-- generated: ([\w-]+)[^>]*-->\n)[\s\S]*?(<!-- \/generated -->)/g;

/** One markdown table cell: on one line, pipes escaped. */
const cell = (value) => String(value).replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');
const row = (cells) => `| ${cells.map(cell).join(' | ')} |`;
const request = (op) => `\`${op.method} ${op.path}\``;
const rate = ({ requests, per, basis }) => (basis === 'unknown' ? 'none known' : `${requests}/${per}${basis === 'assumption' ? ' (assumed)' : ''}`);

/** The client methods calling `op`: `client.<namespace>.<method>` of its resource, or `client.request(<constant>, …)`. */
function clientCalls(op) {
  const resource = resources.find((r) => r.name === op.resource?.name);
  if (!resource) return `\`client.request(${op.operationId}, …)\``;
  const methods = clientMethodsOf(resource, operations).filter((m) => m.operationId === op.operationId);
  return methods.map((m) => (m.standalone ? `\`${m.functionName}(client, …)\`` : `\`client.${resource.namespace}.${m.method}\``)).join(', ');
}

/** Every operation of the spec, grouped as the docs' sidebar groups them, with its request, rate limit and client call. */
function operationsTable() {
  const rows = operationGroups(openapi, operations).flatMap((group) =>
    group.operations.map((op, i) => row([i === 0 ? group.name : '', `${op.summary ?? op.operationId} \`${op.operationId}\``, request(op), rate(op.rateLimit), clientCalls(op)])),
  );
  return [row(['group', 'operation', 'request', 'rate limit', 'client']), '|---|---|---|---|---|', ...rows].join('\n');
}

/** The arguments of a namespace method, as the README shows them. */
function argumentsOf(method, resource) {
  const id = idArgument(resource);
  return { create: 'body', get: id, list: 'input', listPage: 'input', update: `${id}, body`, patch: method.fullOverwrite ? `${id}, changes` : `${id}, body`, delete: id, toUpdateBody: 'record', sync: `${method.parentArgument}, ${method.recordsArgument}` }[method.method];
}

/** What a namespace method calls: its operation (its request), or for a full-overwrite helper what it does. */
function callsOf(method, resource) {
  if (method.method === 'toUpdateBody') return 'nothing: the update body that writes a record read back unchanged';
  if (method.fullOverwrite) return `\`get\`, then \`update\` with the whole record (${request(operations.find((o) => o.operationId === method.operationId))} overwrites)`;
  const op = operations.find((o) => o.operationId === method.operationId);
  if (method.sync) return `${request(op)} (every page of the parent), then ${method.writes.map((m) => `\`${m}\``).join(', ')} by \`${resource.idempotency.key}\``;
  const how = method.byIds ? ' by one id' : method.page ? ': one page' : method.method === 'list' && resource.paged ? ': every page, as an async iterator' : '';
  return `${request(op)}${how}`;
}

/** Every resource's namespace methods, with the standalone function of each and what it calls. */
function clientMethodsTable() {
  const rows = resources.flatMap((resource) =>
    clientMethodsOf(resource, operations).map((m) => {
      const args = argumentsOf(m, resource);
      return row([m.standalone ? '(standalone only)' : `\`client.${resource.namespace}.${m.method}(${args})\``, m.functionName ? `\`${m.functionName}(client, ${args})\`` : 'full-overwrite helper', callsOf(m, resource)]);
    }),
  );
  return [row(['namespace method', 'standalone function', 'calls']), '|---|---|---|', ...rows].join('\n');
}

/** The tables a README block can name. */
export const TABLES = Object.freeze({ operations: operationsTable, 'client-methods': clientMethodsTable });

/** `text` (the README `file`) with every generated block rewritten; throws naming the file and an unknown table. */
export function rewrite(text, file) {
  const starts = text.match(/<!-- generated: /g)?.length ?? 0;
  let blocks = 0;
  const out = text.replace(BLOCK, (_m, start, name, end) => {
    blocks++;
    if (!Object.hasOwn(TABLES, name)) throw new Error(`${file}: no generated table ${name} (there are ${Object.keys(TABLES).join(', ')})`);
    return `${start}${TABLES[name]()}\n${end}`;
  });
  if (blocks !== starts) throw new Error(`${file}: a <!-- generated: ... --> block has no <!-- /generated --> end`);
  return out;
}

/** The READMEs whose generated blocks are stale (written anew unless `check`). */
export function updateReadmes({ check = false } = {}) {
  const stale = [];
  for (const file of READMES) {
    const text = readFileSync(`${ROOT}${file}`, 'utf8');
    const fresh = rewrite(text, file);
    if (fresh === text) continue;
    stale.push(file);
    if (!check) writeFileSync(`${ROOT}${file}`, fresh);
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = updateReadmes({ check });
  if (check && stale.length) {
    console.error(`stale operation tables in ${stale.join(', ')}: run \`node packages/docs/scripts/readme-tables.js\``);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'the READMEs are up to date');
}
