// The journal: an append-only JSON Lines file, each entry written and fsynced before the import goes on, that
// survives `kill -9` at any point. An `intent` is written before a write is sent and a `done` (with the Feishu id,
// the x-tt-logid and the body sent) after its answer, so a record whose intent has no done was possibly written: the
// next run reconciles it by reading back by key under its parent. A partial last line (a kill inside a write) is
// dropped; anything else that is not an entry stops the run. A lock file keeps two applies off one journal. Entries
// that come while one is being written go to disk together, with one fsync (group commit).
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { keyOf } from './validate.js';
import { lineReader, readLines } from './lines.js';

export const JOURNAL_VERSION = 1;

/** Raised when a journal cannot be used (another target, corrupt, locked): the run cannot start. */
export class JournalError extends Error {}

/**
 * Applies one entry to the index (Map of keyOf(resource, key) → state). Entries: `{ e, r, k, op, id?, p?, body?, ... }`
 * with `p` the Feishu id of the record's parent (for the records a deleted parent takes with it).
 */
function applyEntry(index, entry, position) {
  const id = keyOf(entry.r, entry.k);
  const state = index.get(id) ?? { exists: false };
  index.set(id, state);
  if (entry.e === 'intent') state.pending = entry.op;
  else if (entry.e === 'failed') {
    // A refused create leaves nothing on Feishu (what the journal knew of the key is gone, or the plan would not have
    // created it); one whose outcome stayed unknown is still pending, and reconciled by the next run.
    Object.assign(state, { pending: entry.unknown ? entry.op : undefined, error: { code: entry.code, msg: entry.msg, logId: entry.logId } });
    if (entry.op === 'create' && !entry.unknown) Object.assign(state, { exists: false, id: undefined, body: undefined });
  }
  else if (entry.e === 'unverified') Object.assign(state, { exists: true, unverified: true, pending: undefined, logId: entry.logId, parentId: entry.p ?? state.parentId });
  else if (entry.e === 'done' && entry.op === 'delete') Object.assign(state, { exists: false, id: undefined, body: undefined, pending: undefined, logId: entry.logId });
  else if (entry.e === 'done') {
    Object.assign(state, { exists: true, unverified: false, id: entry.id ?? state.id, pending: undefined, error: undefined, logId: entry.logId ?? state.logId, parentId: entry.p ?? state.parentId });
  }
  if (entry.body !== undefined && state.exists) state.body = position;
}

/** Reads `path` into an index; `{ header, index, size }`, size excluding a dropped partial last line. */
async function load(path) {
  const index = new Map();
  let header;
  let size = 0;
  for await (const line of readLines(path)) {
    if (line.unterminated) break; // a kill inside the last write: an entry counts once its newline is written
    if (line.text === '') continue;
    let entry;
    try {
      entry = JSON.parse(line.text);
    } catch {
      throw new JournalError(`journal ${path}: line ${line.number} is not an entry (not JSON); it was not written by this tool or is damaged`);
    }
    if (line.number === 1) header = entry;
    else applyEntry(index, entry, { offset: line.offset, length: line.length });
    size = line.offset + line.length + 1;
  }
  if (size > 0 && header?.e !== 'journal') throw new JournalError(`journal ${path}: its first line is not a journal header`);
  return { header, index, size };
}

/** Takes the lock `<path>.lock`, or throws naming the live process holding it (a dead holder's lock is taken over). */
function lock(path) {
  const file = `${path}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw new JournalError(`journal ${path}: cannot create its lock ${file} (${error.message})`);
      const holder = Number(readFileSync(file, 'utf8'));
      if (isAlive(holder)) throw new JournalError(`journal ${path} is in use by process ${holder} (${file}); wait for it or stop it`);
      rmSync(file, { force: true });
    }
  }
  throw new JournalError(`journal ${path}: cannot take its lock ${file}`);
}

/** Whether process `pid` runs. */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Why a journal of `header` cannot be used for `target`, or undefined. */
function targetProblem(path, header, target) {
  if (header.v !== JOURNAL_VERSION) return `journal ${path} has version ${header.v}; this tool writes version ${JOURNAL_VERSION}`;
  const differs = ['baseUrl', 'app'].filter((k) => header.target?.[k] !== target[k]);
  if (!differs.length) return undefined;
  return `journal ${path} belongs to ${header.target?.baseUrl} (app ${header.target?.app}), not ${target.baseUrl} (app ${target.app}): its Feishu ids mean nothing there; give another --journal`;
}

/** The read side of a journal: state by record, and the body last written for a record. */
function reader(path, index) {
  const state = (resource, key) => index.get(keyOf(resource, key));
  let file;
  return {
    path,
    state,
    /** The Feishu id of a record the journal knows to exist. */
    idOf: (resource, key) => state(resource, key)?.id,
    /** Whether the journal knows the record to exist (id known or not). */
    knows: (resource, key) => Boolean(state(resource, key)?.exists),
    /** The body last written for the record (create, update or patch), read back from the file, or undefined. */
    bodyOf(resource, key) {
      const at = state(resource, key)?.body;
      if (!at) return undefined;
      file ??= lineReader(path);
      return JSON.parse(file.read(at.offset, at.length)).body;
    },
    /** Closes the file bodyOf reads. */
    closeReader() {
      file?.close();
      file = undefined;
    },
    /** Every record the journal knows of resource `name`: `[key, state]`. */
    *records(name) {
      const prefix = keyOf(name, '');
      for (const [id, s] of index) if (id.startsWith(prefix)) yield [id.slice(prefix.length), s];
    },
  };
}

/** Opens a journal read-only (plan, validate, report): an empty one when `path` does not exist. */
export async function readJournal(path, target) {
  if (!path || !existsSync(path)) return reader(path, new Map());
  const { header, index } = await load(path);
  const problem = header && target ? targetProblem(path, header, target) : undefined;
  if (problem) throw new JournalError(problem);
  return reader(path, index);
}

/**
 * The appender of an open journal file `handle` at `size`: `append(entry)` resolves once the entry is on disk. Why
 * batches: entries appended while a write is under way go out together with one fsync (group commit), so a run with
 * many writes in flight pays one fsync per batch, and none blocks the event loop.
 */
function appender(handle, size) {
  let end = size;
  let batch = [];
  let flushing;
  const flush = async () => {
    while (batch.length) {
      const entries = batch;
      batch = [];
      const data = Buffer.from(entries.map((e) => e.text).join(''));
      try {
        await handle.write(data, 0, data.length, entries[0].at);
        await handle.sync();
        for (const e of entries) e.resolve();
      } catch (error) {
        for (const e of entries) e.reject(error);
      }
    }
    flushing = undefined;
  };
  return (text) => {
    const at = end;
    end += Buffer.byteLength(text);
    const written = new Promise((resolve, reject) => batch.push({ text, at, resolve, reject }));
    flushing ??= Promise.resolve().then(flush);
    return { at, written };
  };
}

/**
 * Opens `path` for an apply to `target` (`{ baseUrl, app }`), creating it, and locks it. `append(entry)` adds one
 * entry `{ e, r, k, op, ... }` and resolves once it is on disk (fsynced); `close()` releases the lock.
 */
export async function openJournal(path, target) {
  const unlock = lock(path);
  try {
    const exists = existsSync(path) && statSync(path).size > 0;
    const { header, index, size } = exists ? await load(path) : { index: new Map(), size: 0 };
    const problem = header ? targetProblem(path, header, target) : undefined;
    if (problem) throw new JournalError(problem);
    const handle = await open(path, exists ? 'r+' : 'w+');
    await handle.truncate(size); // drops a partial last line
    const write = appender(handle, size);
    if (!header) await write(`${JSON.stringify({ e: 'journal', v: JOURNAL_VERSION, target, created: new Date().toISOString() })}\n`).written;
    const read = reader(path, index);
    return {
      ...read,
      append(entry) {
        const text = `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`;
        const { at, written } = write(text);
        applyEntry(index, entry, { offset: at, length: Buffer.byteLength(text) - 1 });
        return written;
      },
      async close() {
        read.closeReader();
        await handle.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
