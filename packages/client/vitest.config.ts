import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The build (tsup.config.ts) sets the same constants. The tests run the Node build's code (node:http without a
  // `fetch` option); test/fetch.test.ts and the tests that pass `fetch` cover the fetch transport.
  define: { __CLIENT_VERSION__: JSON.stringify(version), __NODE_BUILD__: 'true' },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Generous: a timeout only bounds how long a hung test takes to fail; on a busy 2-core machine (turbo runs the
    // packages' tests in parallel) the real-time tests here take several times longer than on an idle one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
