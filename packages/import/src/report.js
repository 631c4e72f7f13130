// report: per record what happened (its status, Feishu id, x-tt-logid, and for a failure the platform's code and
// message), a summary per resource, as JSON and as JUnit XML for CI. Outcomes are streamed to a file as records
// settle, and the reports are written from it at the end, so nothing grows with the number of records but the counts.
import { createWriteStream, mkdtempSync, rmSync, writeSync, openSync, closeSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from './lines.js';

/** The statuses a record can end in, and which of them count as done. */
export const STATUSES = Object.freeze(['created', 'updated', 'unchanged', 'found', 'deleted', 'unverified', 'failed', 'skipped']);
const NOT_DONE = new Set(['failed', 'skipped']);

/** Whether an outcome leaves its record done (as the export says, on Feishu). */
export const isDone = (outcome) => !NOT_DONE.has(outcome.status);

/** A collector of outcomes: `add(outcome)`, `summary()`, `each()` (async, in settle order), `dispose()`. */
export function createOutcomes(resources) {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-hire-import-'));
  const file = join(dir, 'outcomes.jsonl');
  const fd = openSync(file, 'w');
  const counts = Object.fromEntries(resources.map((name) => [name, Object.fromEntries(STATUSES.map((s) => [s, 0]))]));
  return {
    add(outcome) {
      counts[outcome.resource][outcome.status]++;
      writeSync(fd, `${JSON.stringify(outcome)}\n`);
    },
    summary() {
      const total = Object.fromEntries(STATUSES.map((s) => [s, Object.values(counts).reduce((n, c) => n + c[s], 0)]));
      return { resources: counts, total, records: Object.values(total).reduce((a, b) => a + b, 0) };
    },
    async *each() {
      for await (const line of readLines(file)) if (line.text) yield JSON.parse(line.text);
    },
    dispose() {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `chunks` (an async iterable of strings) to `path`. */
async function writeChunks(path, chunks) {
  const out = createWriteStream(path);
  for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** The JSON report: `{ summary, records: [outcome, ...] }`, streamed. */
async function* jsonReport(summary, outcomes) {
  yield `{"summary":${JSON.stringify(summary)},"records":[`;
  let first = true;
  for await (const outcome of outcomes.each()) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(outcome)}`;
    first = false;
  }
  yield '\n]}\n';
}

// XML 1.0 forbids most control characters even when escaped; they are replaced.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML attribute or element. */
export function escapeXml(value) {
  return String(value).replace(INVALID_XML, '\uFFFD').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

/** The `<testcase>` of one outcome: a failure for failed, skipped for skipped. */
function testcase(o) {
  const name = `${o.action} ${o.key}${o.line ? ` (line ${o.line})` : ''}`;
  const open = `    <testcase classname="${escapeXml(`import.${o.resource}`)}" name="${escapeXml(name)}"`;
  const detail = [o.id && `id: ${o.id}`, o.logId && `x-tt-logid: ${o.logId}`, o.code !== undefined && `code: ${o.code}`].filter(Boolean).join('\n');
  if (o.status === 'failed') return `${open}>\n      <failure message="${escapeXml(o.msg ?? 'failed')}" type="${escapeXml(String(o.code ?? 'ImportFailure'))}">${escapeXml(detail)}</failure>\n    </testcase>\n`;
  if (o.status === 'skipped') return `${open}>\n      <skipped message="${escapeXml(o.msg ?? 'skipped')}"/>\n    </testcase>\n`;
  return `${open}>\n      <system-out>${escapeXml(`${o.status}\n${detail}`)}</system-out>\n    </testcase>\n`;
}

/** The JUnit XML report: one testsuite per resource, one testcase per record. */
async function* junitReport(summary, outcomes) {
  const failures = (c) => c.failed;
  const count = (c) => Object.values(c).reduce((a, b) => a + b, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="feishu-hire-import" tests="${summary.records}" failures="${summary.total.failed}" skipped="${summary.total.skipped}" errors="0">\n`;
  for (const [name, c] of Object.entries(summary.resources)) {
    if (!count(c)) continue;
    yield `  <testsuite name="${escapeXml(name)}" tests="${count(c)}" failures="${failures(c)}" skipped="${c.skipped}" errors="0">\n`;
    for await (const o of outcomes.each()) if (o.resource === name) yield testcase(o);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/**
 * Writes the JSON report to `json` and the JUnit XML to `junit` (each when given).
 * @param {{ json?: string, junit?: string }} paths
 */
export async function writeReports({ json, junit }, summary, outcomes) {
  if (json) await writeChunks(json, jsonReport(summary, outcomes));
  if (junit) await writeChunks(junit, junitReport(summary, outcomes));
}
