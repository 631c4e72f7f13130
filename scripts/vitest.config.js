// Vitest configuration of the release scripts' tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail; `changeset version` or the breaking-change
    // check, run as child processes, take several times longer on a busy 2-core machine.
    testTimeout: 120_000,
    // One file at a time: the clone tests (publish, start, clone builds) each install and build the repository, and
    // run side by side they starved the other packages' tests that turbo runs in parallel on a 2-core machine.
    fileParallelism: false,
  },
});
