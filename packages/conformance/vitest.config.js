import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail. A CLI run paces its ~50 requests at 8/s
    // (6 s on an idle machine) and takes several times longer on a busy 2-core one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
