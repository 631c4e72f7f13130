#!/usr/bin/env node
// Runs the benchmark sections, prints a markdown table of side-by-side figures and writes BENCHMARKS.md.
import os from 'node:os';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SECTIONS, USAGE, parseCliArgs, renderMarkdown } from './report.js';
import { renderTable } from './lib/table.js';
import { BENCH_DIR, REPO_ROOT, installedVersion } from './lib/contenders.js';
import { readFileSync } from 'node:fs';

const loaders = {
  overhead: async () => (await import('./sections/overhead.js')).overheadSection,
  import: async () => (await import('./sections/importtime.js')).importSection,
  size: async () => (await import('./sections/size.js')).sizeSection,
  footprint: async () => (await import('./sections/footprint.js')).footprintSection,
  ratelimit: async () => (await import('./sections/ratelimit.js')).rateLimitSection,
  syncfaults: async () => (await import('./sections/syncfaults.js')).syncFaultsSection,
  mock: async () => (await import('./sections/mockload.js')).mockLoadSection,
  mockstore: async () => (await import('./sections/mockstore.js')).mockStoreSection,
  pipeline: async () => (await import('./sections/pipeline.js')).pipelineSection,
  scale: async () => (await import('./sections/scale.js')).scaleSection,
};

const loadAtStart = os.loadavg();

function machine() {
  const cpus = os.cpus();
  const ours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/client/package.json'), 'utf8')).version;
  return {
    date: new Date().toISOString(),
    cpu: `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    'load average (1 min) at start / end': `${loadAtStart[0].toFixed(2)} / ${os.loadavg()[0].toFixed(2)} (other work on the machine adds noise)`,
    contenders: `@feishu-hire/client ${ours} (workspace), @larksuiteoapi/node-sdk ${installedVersion('@larksuiteoapi/node-sdk')}, openapi-fetch ${installedVersion('openapi-fetch')}, esbuild ${installedVersion('esbuild')}, autocannon ${installedVersion('autocannon')}`,
  };
}

async function main() {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      (await import('./sections/pipeline.js')).cleanupCopies();
      process.exit(130);
    });
  }
  const rows = [];
  const notes = [];
  const log = (msg) => console.error(`[bench] ${msg}`);
  for (const name of SECTIONS.filter((s) => args.only.includes(s))) {
    const started = Date.now();
    log(`${name}: running${args.quick ? ' (quick)' : ''}...`);
    try {
      const section = await (await loaders[name]())({ quick: args.quick, log });
      rows.push(...section.rows);
      notes.push(...section.notes);
    } catch (err) {
      rows.push({ section: `${name}: failed` });
      notes.push(`${name} failed: ${String(err.message).split('\n').slice(0, 6).join(' ')}`);
      log(`${name} failed: ${err.stack ?? err.message}`);
    }
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (args.only.includes('pipeline') || args.only.includes('scale')) (await import('./sections/pipeline.js')).cleanupCopies();
  const m = machine();
  console.log(`\n${renderTable(rows)}\n`);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\n${Object.entries(m).map(([k, v]) => `${k}: ${v}`).join('\n')}`);
  if (args.write) {
    const out = path.resolve(args.out ?? path.join(BENCH_DIR, 'BENCHMARKS.md'));
    const command = args.quick || args.only.length !== SECTIONS.length ? `npx -y pnpm@10 bench ${process.argv.slice(2).join(' ')}`.trim() : 'npx -y pnpm@10 bench';
    await writeFile(out, renderMarkdown({ machine: m, rows, notes, command }));
    log(`wrote ${out}`);
  }
}

await main();
