// Vitest configuration of the release scripts' tests.
import { setPriority } from 'node:os';
import { defineConfig } from 'vitest/config';

// The clone tests here (publish to Verdaccio, pnpm start, clone builds) install and build the whole repository: at a
// lower CPU priority (every process they start inherits it), so that on a 2-core machine they take the time the
// other packages' tests, run by turbo at the same moment, leave over instead of starving them.
setPriority(process.pid, 10);

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail; `changeset version` or the breaking-change
    // check, run as child processes, take several times longer on a busy 2-core machine.
    testTimeout: 120_000,
  },
});
