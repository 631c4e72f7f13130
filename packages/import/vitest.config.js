import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail. On a busy 2-core machine (turbo runs the
    // packages' tests in parallel) starting the CLI as a child process alone can take seconds.
    testTimeout: 60_000,
    // The files mostly wait (on the CLI's child processes, the mock, the journal's fsyncs), not compute: three at a
    // time take half the time of vitest's default on 2 cores (one at a time), and stay well within their timeouts.
    maxWorkers: 3,
    hookTimeout: 60_000,
  },
});
