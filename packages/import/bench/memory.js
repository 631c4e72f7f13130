// Benchmark (not a test): the live heap of an apply (sampled after a forced GC every 200 ms) at several sizes of the
// export, against the mock CLI in a process of its own (no rate limits, the bundled spec), to show what grows with
// the number of records: the records are streamed; what is kept per record is its index entry, its op and its journal
// state.   node --expose-gc bench/memory.js [sizes...]   (default 1000 8000 32000)
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.js';
import { importModel } from '../src/model.js';
import { makeExport } from '../test/helpers/setup.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const mockBin = createRequire(import.meta.url).resolve('@feishu-hire/mock-server/package.json').replace(/package\.json$/, 'bin/feishu-hire-mock.js');
const dir = mkdtempSync(join(tmpdir(), 'import-memory-'));
writeFileSync(join(dir, 'seed.json'), '[]');
const mock = spawn(process.execPath, [mockBin, '--rate-limit', '0', '--quiet', '--seed', join(dir, 'seed.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => mock.stdout.on('data', (d) => /http:\/\/\S+/.test(String(d)) && resolve(/http:\/\/\S+/.exec(String(d))[0])));

/** Peak live heap (bytes above the start) of one apply of `n` records. */
async function measure(n) {
  const file = join(dir, `export-${n}.jsonl`);
  const model = importModel();
  const perResource = Math.round(n / model.resources.length);
  const { records } = makeExport({ model, perResource, outsideParents: Math.max(1, Math.round(perResource / 20)) });
  const own = records.map(({ resource, record }) => {
    const { key, parent } = model.byName(resource);
    const named = { ...record, [key]: `${n}-${record[key]}` }; // keys of their own per size, and so their children's references
    if (parent?.byKey) named[parent.field] = `${n}-${record[parent.field]}`;
    return JSON.stringify({ resource, record: named });
  });
  writeFileSync(file, `${own.join('\n')}\n`);
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (globalThis.gc(), (peak = Math.max(peak, process.memoryUsage().heapUsed))), 200);
  const code = await main(['apply', file, '--base-url', url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--rate-limit', '400', '--progress', 'none'], { out: (l) => process.env.DEBUG && console.log(l) });
  clearInterval(timer);
  if (code !== 0) throw new Error(`the apply of ${n} records ended with exit code ${code}`);
  return { code, bytes: peak - base, records: own.length };
}

const sizes = process.argv.slice(2).map(Number);
await measure(100); // warm-up: modules loaded, schemas compiled, before any measure
for (const n of sizes.length ? sizes : [1000, 8000, 32000]) {
  const { records, bytes } = await measure(n);
  console.log(`${records} records: peak live heap of the apply ${(bytes / 2 ** 20).toFixed(1)} MB (${(bytes / records / 1024).toFixed(2)} KB per record)`);
}
mock.kill();
