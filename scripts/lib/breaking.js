// Breaking-change classification of two OpenAPI documents (api-smart-diff) and the changeset rule built on it.
import { apiCompare } from 'api-smart-diff';
import readChangesets from '@changesets/read';
import { getPackages } from '@manypkg/get-packages';

/** The package whose spec is diffed; it and every workspace package depending on it need a major bump. */
export const SPEC_PACKAGE = '@feishu-hire/spec';

/** Root keys added by write-released-spec.js that are bookkeeping, not API. */
const BOOKKEEPING_KEYS = ['x-generated'];

// Project policy on top of api-smart-diff: the library treats removing an optional property as non-breaking
// (a reader must already cope with its absence). Here the generated TypeScript types are public API, and request
// schemas use additionalProperties: false, so removing any property breaks consumers: it is classified breaking.
const REMOVED_PROPERTY = (diff) => diff.action === 'remove' && diff.path.at(-2) === 'properties';
// api-smart-diff classifies a changed `description` of a response under `components.responses` as breaking (the same
// change seen through the path is an annotation). Prose is never API: a `description` key, unless it names a
// property (`properties.description`, a field of the dimension schema), is an annotation.
const PROSE = (diff) => diff.action !== 'remove' && diff.path.at(-1) === 'description' && diff.path.at(-2) !== 'properties';

const PAST = { add: 'Added', remove: 'Removed', replace: 'Replaced', rename: 'Renamed' };

/** Strips the bookkeeping keys of a released baseline so that only API content is compared. */
export function apiContent(document) {
  const copy = { ...document };
  for (const key of BOOKKEEPING_KEYS) delete copy[key];
  return copy;
}

/** Renders a diff path (array of keys) as a JSON pointer. */
export function pointer(path) {
  return '/' + path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/**
 * Compares two OpenAPI 3.x documents and returns every change as
 * `{ type: 'breaking'|'non-breaking'|'annotation'|'deprecated'|'unclassified', action, pointer, description }`.
 */
export function classifyChanges(before, after) {
  const { diffs } = apiCompare(apiContent(before), apiContent(after));
  return diffs.map((diff) => ({
    type: REMOVED_PROPERTY(diff) ? 'breaking' : PROSE(diff) ? 'annotation' : diff.type,
    action: diff.action,
    pointer: pointer(diff.path),
    description: diff.description || `[${PAST[diff.action] ?? diff.action}] ${pointer(diff.path)}`,
  }));
}

/**
 * Returns the names of the workspace packages that must get a major bump when the spec breaks:
 * the spec package and every package depending on it, directly or transitively (any dependency field).
 */
export async function packagesAffectedBySpec(root) {
  const { packages } = await getPackages(root);
  const dependsOn = (pkg) => {
    const json = pkg.packageJson;
    return new Set([json.dependencies, json.devDependencies, json.peerDependencies, json.optionalDependencies]
      .flatMap((deps) => Object.keys(deps ?? {})));
  };
  const affected = new Set([SPEC_PACKAGE]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pkg of packages) {
      const name = pkg.packageJson.name;
      if (affected.has(name) || pkg.packageJson.private) continue;
      if ([...dependsOn(pkg)].some((dep) => affected.has(dep))) {
        affected.add(name);
        grew = true;
      }
    }
  }
  return [...affected].sort();
}

/** Reads the pending changesets of `root/.changeset` and returns a Map of package name to the highest bump type. */
export async function pendingBumps(root) {
  const order = { none: 0, patch: 1, minor: 2, major: 3 };
  const bumps = new Map();
  for (const changeset of await readChangesets(root)) {
    for (const release of changeset.releases) {
      const current = bumps.get(release.name) ?? 'none';
      if (order[release.type] > order[current]) bumps.set(release.name, release.type);
    }
  }
  return bumps;
}

/**
 * Applies the release rule: breaking changes need a `major` changeset for every affected package.
 * Returns `{ ok, breaking, missingMajor, message }`.
 */
export function evaluate({ changes, bumps, affected }) {
  const breaking = changes.filter((change) => change.type === 'breaking');
  const missingMajor = breaking.length ? affected.filter((name) => bumps.get(name) !== 'major') : [];
  const ok = missingMajor.length === 0;
  const lines = [];
  if (!breaking.length) {
    lines.push(`No breaking change in the spec (${changes.length} change(s) compared).`);
  } else {
    lines.push(`${breaking.length} breaking change(s) in the spec:`);
    for (const change of breaking) {
      lines.push(`  - ${change.description}${change.description.includes(change.pointer) ? '' : `  (at ${change.pointer})`}`);
    }
    if (ok) {
      lines.push(`OK: every affected package has a major changeset (${affected.join(', ')}).`);
    } else {
      lines.push('', 'These packages need a "major" changeset (run `npx pnpm@10 changeset`, choose major):');
      for (const name of missingMajor) lines.push(`  - ${name} (pending bump: ${bumps.get(name) ?? 'none'})`);
    }
  }
  return { ok, breaking, missingMajor, message: lines.join('\n') };
}
