import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// ESM + CommonJS + declarations in dist/, one file per entry point. Why four entry points: what an app does not import
// (the validators, openapi-fetch, Bottleneck) is neither bundled nor loaded, in ESM and CommonJS alike.
// Only openapi-fetch (raw) and bottleneck (an optional peer) stay external; the generated validator and the ajv helper
// it imports are bundled into validate, so ajv is never needed at runtime.
export default defineConfig({
  entry: ['src/index.ts', 'src/validate.ts', 'src/raw.ts', 'src/bottleneck.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  treeshake: true,
  // The entry points share no code at run time: no chunk to load between them.
  splitting: false,
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
});
