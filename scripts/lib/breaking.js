// The spec release gate: every change between the released spec and the bundle, classified for consumers of the
// generated TypeScript (api-smart-diff plus the project policy below), and the changeset rule built on it.
import { isDeepStrictEqual } from 'node:util';
import { apiCompare } from 'api-smart-diff';
import { dereference } from '@apidevtools/json-schema-ref-parser';
import readChangesets from '@changesets/read';
import { getPackages } from '@manypkg/get-packages';

/** The package whose spec is diffed; it and every package that embeds or reads it need a bump when it changes. */
export const SPEC_PACKAGE = '@feishu-hire/spec';

/** Root keys added by write-released-spec.js that are bookkeeping, not API. */
const BOOKKEEPING_KEYS = ['x-generated'];

/** Bump levels in order, and the least bump each kind of change needs. */
export const LEVELS = ['none', 'patch', 'minor', 'major'];
const NEEDS = { breaking: 'major', 'non-breaking': 'minor', deprecated: 'minor', unclassified: 'patch', annotation: 'patch' };
const SEVERITY = ['annotation', 'unclassified', 'deprecated', 'non-breaking', 'breaking'];

const last = (diff, n = 1) => diff.path.at(-n);
const inPaths = (diff) => diff.path[0] === 'paths';
const isEnumValue = (diff) => last(diff, 2) === 'enum' && typeof last(diff) === 'number';
/** True when the diff is the `name` of a parameter that is `in: path` (read in the dereferenced before document). */
const isPathParameterName = (diff, before) => last(diff) === 'name' && last(diff, 3) === 'parameters' &&
  valueAt(before, diff.path.slice(0, -1))?.in === 'path';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** The security an operation requires: its own, else the document's (as the operations model reads it). */
const effectiveSecurity = (document, path, method) => document.paths?.[path]?.[method]?.security ?? document.security ?? [];
/** `[path, method]` of every operation of a document. */
const operationsIn = (document) => Object.entries(document.paths ?? {})
  .flatMap(([path, item]) => Object.keys(item ?? {}).filter((m) => HTTP_METHODS.has(m)).map((m) => [path, m]));
/** True for a diff in an operation's or the document's `security` (the requirements, not the schemes). */
const isSecurityRequirement = (d) => d.path[0] === 'security' || (inPaths(d) && d.path[3] === 'security');
/**
 * True when a security requirement diff changes what some operation requires: an operation's own `security` dropped
 * while the document's says the same changes nothing.
 */
const changesRequiredSecurity = (d, before, after) => (d.path[0] === 'security' ? operationsIn(before) : [[d.path[1], d.path[2]]])
  .some(([path, method]) => !isDeepStrictEqual(effectiveSecurity(before, path, method), effectiveSecurity(after, path, method)));
/** True for a diff inside `components.securitySchemes` other than its prose. */
const isSchemeChange = (d) => d.path[0] === 'components' && d.path[1] === 'securitySchemes' && last(d) !== 'description';

// Project policy on top of api-smart-diff, for consumers of the generated TypeScript (types, enum constants, `paths`):
// each rule is [test(diff, before, after), type, why]; the first rule that matches decides.
const POLICY = [
  // The client sends, the mock server requires and the docs show what each operation's security names.
  [(d, before, after) => isSecurityRequirement(d) && changesRequiredSecurity(d, before, after), 'breaking',
    'the credentials a client must send for the operation change'],
  [(d) => isSecurityRequirement(d), 'annotation', ''],
  [(d) => isSchemeChange(d), 'breaking', 'the credentials a client must send change (the security scheme differs)'],
  [(d) => inPaths(d) && d.path.length === 1 && d.action === 'rename', 'breaking', 'the generated `paths` type is keyed by the path'],
  [(d, before) => isPathParameterName(d, before), 'breaking', 'path parameter names are keys of the generated `paths` type'],
  [(d) => d.action === 'remove' && last(d, 2) === 'properties', 'breaking', 'code that reads or sends the property stops compiling'],
  [(d) => isEnumValue(d) && d.action === 'remove', 'breaking', 'the value and its generated constant disappear'],
  [(d) => isEnumValue(d) && d.action === 'add' && inPaths(d) && d.path.includes('responses'), 'breaking',
    'an exhaustive `switch` or a `Record<Enum, …>` over the response enum stops compiling'],
  [(d) => last(d) === 'type' && d.action === 'replace', 'breaking', 'the generated type of the field changes'],
  [(d) => d.path.includes('x-enum-varnames') && d.action !== 'add', 'breaking', 'a generated enum constant is renamed or removed'],
  [(d) => d.path.includes('x-enum-varnames'), 'non-breaking', ''],
  [(d) => d.path.includes('x-enum-descriptions'), 'annotation', ''],
  [(d) => d.path[0] === 'components' && d.path.length === 3 && d.action !== 'add', 'breaking', 'the generated `components` type loses the name'],
  // A reworded description is prose, never API, unless it is a property named `description` being removed.
  [(d) => d.action !== 'remove' && last(d) === 'description' && last(d, 2) !== 'properties', 'annotation', ''],
];

/** Strips the bookkeeping keys of a released baseline so that only API content is compared. */
export function apiContent(document) {
  const copy = { ...document };
  for (const key of BOOKKEEPING_KEYS) delete copy[key];
  return copy;
}

/** Renders a path (array of keys) as a JSON pointer. */
export function pointer(path) {
  return '/' + path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/** The value at `path` in `document`, or undefined. */
function valueAt(document, path) {
  return path.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), document);
}

/** The keys of a local `$ref` ('#/a/b'), or null for any other reference. */
function refPath(node) {
  if (!node || typeof node !== 'object' || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return null;
  return node.$ref.slice(2).split('/').map((k) => decodeURIComponent(k).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Where the keys `rest` below `node` (found at `at` in the source `document`) are written: a key beside a `$ref` (a
 * sibling keyword, OpenAPI 3.1) is where it was written, and only what the sibling does not hold is looked up in the
 * referenced schema (backtracking when a sibling holds the first key but not the rest). Returns the path or null.
 */
function writtenAt(document, node, at, rest, seen = new Set()) {
  if (rest.length === 0) return at;
  const [key, ...more] = rest;
  if (node && typeof node === 'object' && key in node) {
    const found = writtenAt(document, node[key], [...at, key], more, seen);
    if (found) return found;
  }
  const target = refPath(node);
  if (!target || seen.has(node.$ref)) return null; // no reference to follow, or a $ref cycle that never reaches the key
  return writtenAt(document, valueAt(document, target), target, rest, new Set([...seen, node.$ref]));
}

/**
 * Where `path` (keys into the dereferenced document) is written in the source `document`, following local `$ref`s.
 * Returns `{ path, whole }`; `whole` is false when a key was not found (then `path` is the given one).
 */
function sourcePath(document, path) {
  const found = writtenAt(document, document, [], path);
  return found ? { path: found, whole: true } : { path, whole: false };
}

/** Source location of a diff: in the after document for what was added or changed, in the before one for removals. */
function locate(diff, before, after) {
  if (diff.action === 'rename') return pointer([...diff.path, diff.after]);
  const [first, second] = diff.action === 'remove' ? [before, after] : [after, before];
  const found = sourcePath(first, diff.path);
  return pointer(found.whole ? found.path : sourcePath(second, diff.path).path);
}

/** A copy of `document` with every local `$ref` replaced by what it points to (circular ones stay `$ref`). */
async function dereferenced(document) {
  return dereference(structuredClone(document), { resolve: { external: false }, dereference: { circular: 'ignore' } });
}

/** Applies POLICY to one api-smart-diff diff: `{ type, why }`. */
function classify(diff, before, after) {
  const rule = POLICY.find(([test]) => test(diff, before, after));
  return rule ? { type: rule[1], why: rule[2] } : { type: diff.type, why: '' };
}

/** A description for a diff that api-smart-diff left without one. */
function describe(diff) {
  const past = { add: 'Added', remove: 'Removed', replace: 'Replaced', rename: 'Renamed' }[diff.action] ?? diff.action;
  if (diff.action === 'rename') return `[${past}] path \`${diff.before}\` to \`${diff.after}\``;
  return `[${past}] ${pointer(diff.path)}`;
}

/** One change per source location: the most severe of the diffs found there, with a description. */
function summarize(at, group) {
  const worst = group.reduce((a, b) => (SEVERITY.indexOf(b.type) > SEVERITY.indexOf(a.type) ? b : a));
  const text = worst.diff.description || group.find((c) => c.diff.description)?.diff.description || describe(worst.diff);
  const description = worst.why ? `${text} (breaking for TypeScript consumers: ${worst.why})` : text;
  return { type: worst.type, action: worst.diff.action, pointer: at, description };
}

/**
 * Compares two OpenAPI 3.x documents and returns each change once, at the place it was made in the source
 * (`pointer`, a JSON pointer into the after document, or the before one for a removal), as
 * `{ type: 'breaking'|'non-breaking'|'deprecated'|'unclassified'|'annotation', action, pointer, description }`.
 * Both documents are dereferenced first, so a `$ref` replaced by an identical inline schema is no change; a change
 * seen at several places of the dereferenced document (a shared schema used by request and response) is one change,
 * of its most severe type.
 */
export async function classifyChanges(beforeDocument, afterDocument) {
  const [rawBefore, rawAfter] = [apiContent(beforeDocument), apiContent(afterDocument)];
  const [before, after] = await Promise.all([dereferenced(rawBefore), dereferenced(rawAfter)]);
  if (isDeepStrictEqual(before, after)) return [];
  // api-smart-diff rewrites the documents it is given: it gets copies.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
  const groups = new Map();
  for (const diff of diffs) {
    const at = locate(diff, rawBefore, rawAfter);
    groups.set(at, [...(groups.get(at) ?? []), { ...classify(diff, before, after), diff }]);
  }
  const changes = [...groups].map(([at, group]) => summarize(at, group));
  // The documents differ in a way api-smart-diff does not report (an order, a keyword it ignores): still a change.
  if (!changes.length) changes.push({ type: 'unclassified', action: 'replace', pointer: '/', description: 'the documents differ in a way api-smart-diff does not report' });
  return changes;
}

/** The least bump the changes need: 'none' when there is none. */
export function requiredBump(changes) {
  return changes.reduce((level, change) => (LEVELS.indexOf(NEEDS[change.type]) > LEVELS.indexOf(level) ? NEEDS[change.type] : level), 'none');
}

/**
 * Names of the published workspace packages that embed or read the spec: the spec package and every package that
 * depends on it, directly or transitively, through any dependency field (the client and the docs embed it at build
 * time through a devDependency; the mock server and the conformance suite read it at run time).
 */
export async function packagesAffectedBySpec(root) {
  const { packages } = await getPackages(root);
  const dependsOn = (json) => [json.dependencies, json.devDependencies, json.peerDependencies, json.optionalDependencies]
    .flatMap((deps) => Object.keys(deps ?? {}));
  const affected = new Set([SPEC_PACKAGE]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const { packageJson: json } of packages) {
      if (affected.has(json.name) || json.private || !dependsOn(json).some((dep) => affected.has(dep))) continue;
      affected.add(json.name);
      grew = true;
    }
  }
  return [...affected].sort();
}

/**
 * Reads the pending changesets of `root/.changeset` (those whose id `only` accepts, all by default) and returns a Map
 * of package name to the highest bump type.
 */
export async function pendingBumps(root, only = () => true) {
  const bumps = new Map();
  for (const changeset of (await readChangesets(root)).filter((c) => only(c.id))) {
    for (const release of changeset.releases) {
      if (LEVELS.indexOf(release.type) > LEVELS.indexOf(bumps.get(release.name) ?? 'none')) bumps.set(release.name, release.type);
    }
  }
  return bumps;
}

/** Each change on its own line, under a heading. */
const listed = (heading, changes) => [heading, ...changes.map((change) => `  - [${change.type}] ${change.pointer}: ${change.description}`)];

/** The lines that list the changes against the released spec (or say there is none). */
function releasedLines(changes, required) {
  if (!changes.length) return ['The bundled spec equals the released spec: no changeset needed for it.'];
  return listed(`${changes.length} change(s) in the spec since the last release (they need a "${required}" bump):`, changes);
}

/** The lines that list the changes against the merge base of main, before the first release (or say why none count). */
function mergeBaseLines(changes, required, { where, onMain }) {
  const head = `No released spec yet (packages/spec/released/openapi.json is written by the first \`pnpm version-packages\`): comparing with the spec at ${where}.`;
  if (onMain) return [head, 'HEAD is that merge base (this is main itself): no branch change to compare; each change was checked on its own pull request, so none needs a changeset here.'];
  if (!changes.length) return [head, `The bundled spec equals the spec at ${where}: this branch changes nothing in it, so the spec needs no changeset from it.`];
  return [head, ...listed(`${changes.length} change(s) in the spec on this branch (they need a "${required}" changeset added by this branch):`, changes)];
}

/** Whether `bumps` gives `name` at least the `required` bump. */
const bumped = (bumps, name, required) => LEVELS.indexOf(bumps.get(name) ?? 'none') >= LEVELS.indexOf(required);

/** The failure lines: packages whose bump is too small, and (first release) packages with no pending changeset. */
function missingLines({ required, missing, unreleased, described, firstRelease }) {
  const lines = [];
  if (missing.length) {
    const whose = firstRelease ? "this branch's bump" : 'pending bump';
    lines.push('', `These packages embed or read the spec and need a "${required}" changeset or larger${firstRelease ? ' added by this branch' : ''} (run \`npx -y pnpm@10 changeset\`):`);
    for (const name of missing) lines.push(`  - ${name} (${whose}: ${described.get(name) ?? 'none'})`);
  }
  if (unreleased.length) {
    lines.push('', 'First release: these packages embed or read the spec and have no pending changeset at all, so the first release would leave them out:');
    for (const name of unreleased) lines.push(`  - ${name} (pending bump: none)`);
  }
  return lines;
}

/**
 * Applies the release rule: a spec that differs from the released one needs, for the spec package and every package
 * that embeds or reads it, a pending changeset of at least the bump its most severe change needs (major for a
 * breaking change, minor for an addition, patch for prose). Before the first release (`firstRelease`:
 * `{ where, onMain, branchBumps }`), the changes are those against the merge base of main and the changesets that
 * count are the ones the branch adds (`branchBumps`); every such package also needs some pending changeset, so that
 * the first release includes it. Returns `{ ok, required, missing, unreleased, message }`.
 */
export function evaluate({ changes, bumps, affected, firstRelease = null }) {
  const required = requiredBump(changes);
  const described = firstRelease ? firstRelease.branchBumps : bumps;
  const missing = required === 'none' ? [] : affected.filter((name) => !bumped(described, name, required));
  const unreleased = firstRelease ? affected.filter((name) => !bumped(bumps, name, 'patch')) : [];
  const lines = firstRelease ? mergeBaseLines(changes, required, firstRelease) : releasedLines(changes, required);
  lines.push(...missingLines({ required, missing, unreleased, described, firstRelease }));
  if (!missing.length && !unreleased.length && (required !== 'none' || firstRelease)) {
    const what = required === 'none' ? 'a pending changeset (the first release includes it)' : `a pending "${required}" changeset or larger`;
    lines.push(`OK: every package that embeds or reads the spec has ${what} (${affected.join(', ')}).`);
  }
  return { ok: missing.length === 0 && unreleased.length === 0, required, missing, unreleased, message: lines.join('\n') };
}
