import { defineConfig } from 'tsup';

// ESM + CommonJS + declarations in dist/. Only openapi-fetch (a dependency) stays external; the generated
// validator (and any ajv runtime helper it imports) is bundled in, so ajv is never needed at runtime.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  treeshake: true,
});
