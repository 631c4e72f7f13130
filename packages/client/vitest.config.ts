import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Generous: a timeout only bounds how long a hung test takes to fail; on a busy 2-core machine (turbo runs the
    // packages' tests in parallel) the real-time tests here take several times longer than on an idle one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
