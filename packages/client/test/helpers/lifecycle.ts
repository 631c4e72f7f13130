// Test scaffolding shared by the client's test files: servers closed after each test, and the rejection of a promise.
import { afterEach, expect } from 'vitest';

/** Returns `start(...args)`, which awaits `starter(...args)` and closes what it started after each test. */
export function closedAfterEach<A extends unknown[], T extends { close(): Promise<unknown> }>(starter: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  const started: T[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (...args: A) => {
    const server = await starter(...args);
    started.push(server);
    return server;
  };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}
