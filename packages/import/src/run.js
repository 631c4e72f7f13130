// The commands of feishu-hire-import (validate, plan, apply, report) over an export file, each returning its exit
// code: 0 every record done, 1 some records failed (or were skipped), 2 invalid input (nothing was sent), 3 the run
// could not start (Feishu unreachable or refusing the credentials, a journal of another target or in use, Redis
// unreachable).
import { applyPlan } from './apply.js';
import { createFeishu } from './feishu.js';
import { JournalError, openJournal, readJournal } from './journal.js';
import { countsOf, eachLimit, planImport } from './plan.js';
import { createProgress } from './progress.js';
import { createOutcomes, isDone, writeReports } from './report.js';
import { keyOf, scanExport } from './validate.js';

export const EXIT = Object.freeze({ done: 0, failed: 1, invalid: 2, cannotStart: 3 });

/** An error that ends a run before it started, with exit code 3. */
export class CannotStart extends Error {}

/** Prints validation errors (text or JSON) and returns EXIT.invalid, or undefined when there are none. */
function reportErrors(io, file, { errors, errorCount }) {
  if (!errorCount) return undefined;
  if (io.json) io.out(JSON.stringify({ valid: false, errorCount, errors }, null, 2));
  else {
    for (const e of errors) io.err(`${file}:${e.line}: ${e.message} (${e.field}: ${e.rule})`);
    io.err(`${file}: ${errorCount} error(s)${errorCount > errors.length ? ` (the first ${errors.length} shown)` : ''}; nothing was sent`);
  }
  return EXIT.invalid;
}

/** Errors of `{ "id": ... }` parent references that name no record on Feishu (where the parent can be read by id). */
async function parentIdErrors(model, index, feishu) {
  const errors = [];
  for (const resource of model.resources.filter((r) => r.parent?.byKey)) {
    const parent = model.byName(resource.parent.resource);
    if (!parent.listing?.ids) continue; // no read by id: the create's answer will tell
    const entries = index.byResource.get(resource.name).filter((e) => e.parentId !== undefined);
    const ids = [...new Set(entries.map((e) => e.parentId))];
    const found = new Set();
    const chunks = [];
    for (let i = 0; i < ids.length; i += parent.listing.pageSize ?? 50) chunks.push(ids.slice(i, i + (parent.listing.pageSize ?? 50)));
    await eachLimit(chunks, 2, async (chunk) => {
      for await (const record of feishu.byIds(parent, chunk)) found.add(record.id);
    });
    for (const e of entries.filter((x) => !found.has(x.parentId))) {
      const field = `record.${resource.parent.field}`;
      errors.push({ line: e.line, resource: resource.name, key: e.key, field, rule: 'parent', message: `${field} {"id": ${JSON.stringify(e.parentId)}} names no ${parent.name} on Feishu` });
    }
  }
  return { errors: errors.sort((a, b) => a.line - b.line), errorCount: errors.length };
}

/** Runs `step`; a failure to reach or use Feishu becomes CannotStart. */
async function starting(what, step) {
  try {
    return await step();
  } catch (error) {
    if (error instanceof JournalError || error instanceof CannotStart) throw new CannotStart(error.message);
    throw new CannotStart(`${what}: ${error?.message ?? error}`);
  }
}

/** validate: the export checked offline (and its {"id"} parents on Feishu when `feishu` is given). */
export async function validateCommand({ io, model, file, journalPath, target, feishuOptions }) {
  const journal = await starting('journal', () => readJournal(journalPath, target));
  const scan = await scanExport(file, model, { known: journal.knows });
  const invalid = reportErrors(io, file, scan);
  if (invalid !== undefined) return invalid;
  if (feishuOptions) {
    const online = await starting('reading parents on Feishu', () => parentIdErrors(model, scan.index, createFeishu(feishuOptions)));
    const bad = reportErrors(io, file, online);
    if (bad !== undefined) return bad;
  }
  const counts = Object.fromEntries([...scan.index.byResource].map(([name, entries]) => [name, entries.length]));
  if (io.json) io.out(JSON.stringify({ valid: true, records: scan.index.records, resources: counts }, null, 2));
  else io.out(`${file}: valid, ${scan.index.records} record(s): ${Object.entries(counts).map(([n, c]) => `${n} ${c}`).join(', ')}`);
  return EXIT.done;
}

/** Scans and plans: `{ scan, plan }`, or `{ exit }` when the export is invalid. */
async function scanAndPlan({ io, model, file, journal, feishu, prune, reread }) {
  const scan = await scanExport(file, model, { known: journal.knows });
  const invalid = reportErrors(io, file, scan);
  if (invalid !== undefined) return { exit: invalid };
  const online = await starting('reading parents on Feishu', () => parentIdErrors(model, scan.index, feishu));
  const bad = reportErrors(io, file, online);
  if (bad !== undefined) return { exit: bad };
  const plan = await starting('reading what Feishu holds', () => planImport({ model, index: scan.index, file, journal, feishu, prune, reread }));
  return { scan, plan };
}

/** The text of a plan: counts per resource, then each update (with its fields), conflict and delete. */
function planText(model, plan) {
  const lines = [];
  for (const [name, c] of Object.entries(plan.counts)) {
    lines.push(`${name}: create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, delete ${c.delete}${c.conflict ? `, conflict ${c.conflict}` : ''}`);
  }
  for (const op of [...plan.ops, ...plan.deletes].filter((o) => ['update', 'conflict', 'delete'].includes(o.action))) {
    const fields = op.fields ? `: ${op.fields.join(', ')}` : '';
    const how = op.cascade ? `, with its ${model.byName(op.resource).parent.resource} ${op.parentId}` : op.unverified ? ' (unverified)' : '';
    lines.push(`  ${op.action} ${op.resource} ${op.key}${op.line ? ` (line ${op.line})` : ''} id ${op.id ?? 'unknown'}${how}${fields}`);
  }
  return lines.join('\n');
}

/** plan: what apply would do, per resource and per record; nothing is written. */
export async function planCommand({ io, model, file, journalPath, target, feishuOptions, prune, reread }) {
  const journal = await starting('journal', () => readJournal(journalPath, target));
  try {
    const { exit, plan } = await scanAndPlan({ io, model, file, journal, feishu: createFeishu(feishuOptions), prune, reread });
    if (exit !== undefined) return exit;
    const operations = [...plan.ops, ...plan.deletes].map(({ offset, length, ...op }) => op);
    if (io.json) io.out(JSON.stringify({ counts: plan.counts, operations }));
    else io.out(planText(model, plan));
    return EXIT.done;
  } finally {
    journal.closeReader();
  }
}

/** The summary line of an apply. */
function summaryText(summary, elapsedMs) {
  const per = Object.entries(summary.resources).map(([name, c]) => `${name}: ${Object.entries(c).filter(([, n]) => n).map(([s, n]) => `${s} ${n}`).join(', ') || 'nothing'}`);
  return [...per, `${summary.records} record(s) in ${(elapsedMs / 1000).toFixed(1)} s: ${summary.total.failed} failed, ${summary.total.skipped} skipped`].join('\n');
}

/** Ops in flight per resource: enough to keep its create (or update) at its rate while answers come back. */
function concurrencyOf(rateLimit) {
  return (resource) => {
    const rate = typeof rateLimit === 'number' ? rateLimit : resource.create.rateLimit.perSecond;
    return rate ? Math.max(2, 2 * Math.ceil(rate)) : 8;
  };
}

/**
 * apply: scan, plan, then run the plan with the journal (`journalPath`), the progress on stderr, and the reports
 * (`reports`: `{ json, junit }` paths). `signal` stops it between records (the reports are still written).
 */
export async function applyCommand({ io, model, file, journalPath, target, feishuOptions, prune, reread, failFast, reports = {}, progress = 'auto', signal }) {
  const started = Date.now();
  const journal = await starting('journal', () => openJournal(journalPath, target));
  const outcomes = createOutcomes(model.resources.map((r) => r.name));
  try {
    const feishu = createFeishu(feishuOptions);
    const { exit, scan, plan } = await scanAndPlan({ io, model, file, journal, feishu, prune, reread });
    if (exit !== undefined) return exit;
    const totals = Object.fromEntries(Object.entries(plan.counts).map(([name, c]) => [name, Object.values(c).reduce((a, b) => a + b, 0)]));
    const bars = createProgress({ totals, stream: io.progressStream, mode: progress });
    let stopped;
    try {
      ({ stopped } = await applyPlan({
        model, plan, file, index: scan.index, journal, feishu, failFast, signal,
        concurrency: concurrencyOf(feishuOptions.rateLimit),
        onOutcome: (outcome) => (outcomes.add(outcome), bars.settle(outcome)),
      }));
    } finally {
      bars.stop();
    }
    const summary = { ...outcomes.summary(), elapsedMs: Date.now() - started, stopped, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    await writeReports(reports, summary, outcomes);
    if (io.json) io.out(JSON.stringify(summary));
    else io.out(summaryText(summary, summary.elapsedMs));
    return stopped || summary.total.failed + summary.total.skipped > 0 ? EXIT.failed : EXIT.done;
  } finally {
    outcomes.dispose();
    await journal.close();
  }
}

/** The outcome of a record from the journal alone (the report command). */
function journalOutcome(entry, state) {
  const base = { resource: entry.resource, key: entry.key, line: entry.line, action: 'journal' };
  if (!state) return { ...base, status: 'skipped', msg: 'not written yet' };
  if (state.pending) return { ...base, status: 'skipped', id: state.id, msg: `${state.pending} sent, its answer not journalled (the next apply reconciles it)` };
  if (state.unverified) return { ...base, status: 'unverified', logId: state.logId };
  if (state.error) return { ...base, status: 'failed', id: state.id, ...state.error };
  if (state.exists) return { ...base, status: 'found', id: state.id, logId: state.logId };
  return { ...base, status: 'skipped', msg: 'not on Feishu' };
}

/** report: per record of the export what the journal says (no request is sent), as text, JSON and JUnit XML. */
export async function reportCommand({ io, model, file, journalPath, target, reports = {} }) {
  const journal = await starting('journal', () => readJournal(journalPath, target));
  const scan = await scanExport(file, model, { known: journal.knows });
  const invalid = reportErrors(io, file, scan);
  if (invalid !== undefined) return invalid;
  const outcomes = createOutcomes(model.resources.map((r) => r.name));
  try {
    for (const resource of model.resources) {
      for (const entry of scan.index.byResource.get(resource.name)) outcomes.add(journalOutcome(entry, journal.state(resource.name, entry.key)));
    }
    const summary = outcomes.summary();
    await writeReports(reports, summary, outcomes);
    if (io.json) io.out(JSON.stringify(summary));
    else io.out(summaryText(summary, 0).split('\n').slice(0, -1).join('\n') + `\n${summary.records} record(s): ${summary.records - summary.total.failed - summary.total.skipped} on Feishu`);
    return summary.total.failed + summary.total.skipped > 0 ? EXIT.failed : EXIT.done;
  } finally {
    outcomes.dispose();
  }
}

export { countsOf, isDone, keyOf };
