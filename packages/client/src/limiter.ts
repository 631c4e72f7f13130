import { sleep } from './util.js';

/** Returns `acquire(signal)`, which waits until at most `perWindow` calls have started in any `windowMs` (sliding window). */
export function createLimiter(perWindow: number, windowMs = 1000): (signal: AbortSignal) => Promise<void> {
  // starts[k % perWindow] holds the start time reserved perWindow calls ago.
  const starts: number[] = new Array(perWindow).fill(-Infinity);
  let k = 0;
  return (signal) => {
    const at = Math.max(Date.now(), starts[k % perWindow]! + windowMs);
    starts[k++ % perWindow] = at;
    const wait = at - Date.now();
    return wait > 0 ? sleep(wait, signal) : signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  };
}
