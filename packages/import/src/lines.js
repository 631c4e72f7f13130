// Reading an export or a journal line by line, streamed, with each line's byte offset and length, so that a record
// can be read again later by its position instead of being kept in memory.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

const NEWLINE = 0x0a;

/** Yields `{ text, number, offset, length }` for each line of `file` (1-based numbers; `\r\n` or `\n`). */
export async function* readLines(file) {
  let pending = Buffer.alloc(0);
  let offset = 0;
  let number = 0;
  const line = (bytes) => {
    number++;
    const at = offset;
    offset += bytes.length + 1;
    const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { text: bytes.toString('utf8', 0, end), number, offset: at, length: end };
  };
  for await (const chunk of createReadStream(file)) {
    let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let i = data.indexOf(NEWLINE); i !== -1; i = data.indexOf(NEWLINE, start)) {
      yield line(data.subarray(start, i));
      start = i + 1;
    }
    pending = Buffer.from(data.subarray(start));
    data = undefined;
  }
  if (pending.length) {
    const last = line(pending);
    last.unterminated = true;
    yield last;
  }
}

/** Reads lines of one file again by position: `read(offset, length)` gives the text; `close()` when done. */
export function lineReader(file) {
  const fd = openSync(file, 'r');
  return {
    read(offset, length) {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, offset);
      return buffer.toString('utf8');
    },
    close: () => closeSync(fd),
  };
}
