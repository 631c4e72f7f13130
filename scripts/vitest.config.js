// Vitest configuration of the release scripts' tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail; `changeset version` or the breaking-change
    // check, run as child processes, take several times longer on a busy 2-core machine.
    testTimeout: 120_000,
  },
});
