import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.js'],
    // Generous: a timeout only bounds how long a hung test takes to fail; the slowest test here (parsing the bundled
    // YAML) takes under a second on a busy 2-core machine, against vitest's default of 5 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
