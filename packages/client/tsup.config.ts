import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const common: Options = { format: ['esm', 'cjs'], target: 'es2022', platform: 'neutral', sourcemap: false, treeshake: true, splitting: false };

// ESM + CommonJS + declarations in dist/, one file per entry point. Why four entry points: what an app does not import
// (the validators, openapi-fetch, Bottleneck) is neither bundled nor loaded, in ESM and CommonJS alike; the entry
// points share no code at run time, so there is no chunk between them. Only openapi-fetch (raw) and bottleneck (an
// optional peer) stay external; the generated validator and the ajv helper it imports are bundled into validate.
//
// Why a second build of the main entry point in dist/node/ (the `node` export condition): on Node the client sends
// with node:http (see src/node-transport.ts), which other runtimes do not have and their bundles need not carry.
export default defineConfig([
  {
    ...common,
    entry: ['src/index.ts', 'src/validate.ts', 'src/raw.ts', 'src/bottleneck.ts', 'src/proxy.ts'],
    dts: true,
    clean: ['!node/**'], // dist/node is the other build's
    define: { __CLIENT_VERSION__: JSON.stringify(version), __NODE_BUILD__: 'false' },
  },
  {
    ...common,
    entry: { index: 'src/index.ts' },
    outDir: 'dist/node',
    dts: false, // the same declarations as dist/index.d.ts
    clean: true,
    define: { __CLIENT_VERSION__: JSON.stringify(version), __NODE_BUILD__: 'true' },
  },
]);
