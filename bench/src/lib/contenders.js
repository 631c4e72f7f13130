// Shared setup: paths, the canned request/response taken from the spec's examples, and loaders of each contender.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expandPath, operationById } from '@feishu-hire/spec/model';

/** The bench package directory. */
export const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root. */
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
/** Gitignored cache for on-demand installs (prism, footprint installs). */
export const CACHE_DIR = path.join(BENCH_DIR, '.cache');
/** The benchmarked operation's path template, from the spec's operations model. */
export const OPERATION_PATH = operationById('updateExternalInterview').path;
/** Interview id seeded by default in the mock server. */
export const INTERVIEW_ID = '6960663240925956660';
/** The concrete path of the benchmarked update. */
export const INTERVIEW_PATH = expandPath(OPERATION_PATH, { external_interview_id: INTERVIEW_ID });
/** The token endpoint's path, from the spec's operations model. */
export const TOKEN_PATH = operationById('getTenantAccessToken').path;
/** A static tenant access token used with canned transports. */
export const TOKEN = 't-bench0000000000000000000000000000';

const requireFromBench = createRequire(path.join(BENCH_DIR, 'package.json'));

/** Returns {openapi, request, response} from the bundled spec (@feishu-hire/spec/openapi.json). */
export function specExamples() {
  const file = path.join(REPO_ROOT, 'packages/spec/dist/openapi.json');
  let openapi;
  try {
    openapi = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the bundled spec ${file} (run \`npx -y pnpm@10 build\` first): ${err.message}`);
  }
  const request = openapi.components?.examples?.update_request?.value;
  const response = openapi.components?.examples?.update_response?.value;
  if (!request || !response) throw new Error(`${file}: components.examples.update_request/update_response missing`);
  return { openapi, specFile: file, request, response };
}

/** Request body sent by every contender: the spec's request example, pointed at the mock's seeded application. */
export function updateBody() {
  return structuredClone(specExamples().request);
}

/** Loads a module resolvable from the bench package, or returns {error} with a one-line reason. */
export async function tryImport(specifier) {
  try {
    return { mod: await import(specifier) };
  } catch (err) {
    return { error: `${specifier} not available (${String(err.message).split('\n')[0]})` };
  }
}

/** Loads the official SDK (CommonJS) from the bench's devDependencies. */
export function loadOfficialSdk() {
  return requireFromBench('@larksuiteoapi/node-sdk');
}

/** Version of an installed package as seen from the bench package, or null. */
export function installedVersion(name) {
  try {
    const pkgPath = requireFromBench.resolve(`${name}/package.json`);
    return JSON.parse(readFileSync(pkgPath, 'utf8')).version;
  } catch {
    return null;
  }
}

/** A logger for the official SDK that prints nothing (its default logger writes every error to the console). */
export const silentLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** The official SDK's update call with a fixed tenant token; resolves to the interview or throws on a non-zero code. */
export function officialUpdate(sdk, tokenOption, body) {
  return async () => {
    const res = await sdk.hire.externalInterview.update({ path: { external_interview_id: INTERVIEW_ID }, data: body }, tokenOption);
    if (res.code !== 0) throw new Error(`official SDK: code ${res.code}`);
    return res.data.external_interview;
  };
}
