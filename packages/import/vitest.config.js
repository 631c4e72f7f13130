import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail. On a busy 2-core machine (turbo runs the
    // packages' tests in parallel) starting the CLI as a child process alone can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
