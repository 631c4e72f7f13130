import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail. On a busy 2-core machine (turbo runs the
    // packages' tests in parallel) type-checking the code sample or driving Chromium takes several times longer.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
