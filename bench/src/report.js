// Pure helpers: argument parsing, machine description and the BENCHMARKS.md document.
import { parseArgs } from 'node:util';
import { renderTable } from './lib/table.js';

/** Section names in run order. */
export const SECTIONS = ['overhead', 'import', 'size', 'footprint', 'ratelimit', 'syncfaults', 'mock', 'mockstore', 'pipeline', 'scale'];

/** Usage text of the CLI. */
export const USAGE = `Usage: pnpm bench [--quick] [--only ${SECTIONS.join(',')}] [--out FILE] [--no-write]
  --quick      smoke run: fewer iterations and shorter load tests (figures are not written to BENCHMARKS.md)
  --only LIST  run only these comma-separated sections (figures are not written to BENCHMARKS.md)
  --out FILE   write the markdown report to FILE (default for a full run: bench/BENCHMARKS.md)
  --no-write   print the table only`;

/** Parses CLI arguments into {quick, only: string[], out, write, help}; throws an Error naming a bad argument. */
export function parseCliArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true, allowPositionals: false,
    }));
  } catch (err) {
    throw new Error(`${err.message}\n${USAGE}`);
  }
  let only = SECTIONS;
  if (values.only !== undefined) {
    only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = only.filter((s) => !SECTIONS.includes(s));
    if (only.length === 0 || unknown.length) throw new Error(`--only: unknown section(s) ${JSON.stringify(unknown.length ? unknown : values.only)}; expected a comma-separated list of ${SECTIONS.join(', ')}`);
  }
  const partial = values.quick === true || values.only !== undefined;
  return {
    quick: values.quick === true,
    only,
    out: values.out ?? null,
    write: values['no-write'] !== true && (values.out !== undefined || !partial),
    help: values.help === true,
  };
}

/** Renders the BENCHMARKS.md document from the machine description, the rows and the notes. */
export function renderMarkdown({ machine, rows, notes, command }) {
  return [
    '# Benchmarks',
    '',
    `<!-- Written by \`${command}\` (bench/src/cli.js); re-run it to refresh. -->`,
    '',
    `Latest figures from one run of \`${command}\`. Benchmarks, not tests: nothing here passes or fails a build;`,
    '"met?" compares ours with the targets of the issue, and **NO** marks a miss.',
    '',
    '## Machine',
    '',
    ...Object.entries(machine).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Results',
    '',
    renderTable(rows),
    '',
    '## How each figure is measured',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
