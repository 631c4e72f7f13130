// `changeset version` + the spec version sync on a temporary copy of the workspace manifests and specs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { syncSpecVersion } from '../sync-spec-version.js';
import { pendingBumps } from '../lib/breaking.js';

const REPO = resolve(import.meta.dirname, '../..');
const CHANGESET_BIN = join(REPO, 'node_modules/@changesets/cli/bin.js');
let root;
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/** `version` raised by a semver bump type ('major' | 'minor' | 'patch'). */
function increment(version, type) {
  const [major, minor, patch] = version.split('.').map(Number);
  return { major: `${major + 1}.0.0`, minor: `${major}.${minor + 1}.0`, patch: `${major}.${minor}.${patch + 1}` }[type];
}

/** A temp copy of the workspace manifests, specs and changeset config, with `changesets` ({name: text}) pending. */
function makeWorkspace(changesets) {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-version-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) cpSync(join(REPO, file), join(dir, file));
  cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
  for (const folder of ['packages', 'scripts', 'bench']) {
    for (const entry of folder === 'packages' ? readdirSync(join(REPO, folder)) : ['']) {
      const manifest = join(REPO, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(dir, folder, entry), { recursive: true });
      cpSync(manifest, join(dir, folder, entry, 'package.json'));
    }
  }
  // The changelog generator named in .changeset/config.json resolves from the repository's node_modules.
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(changesets)) writeFileSync(join(dir, '.changeset', name), text);
  return dir;
}

beforeAll(() => {
  root = makeWorkspace({ 'break-spec.md': '---\n"@feishu-hire/spec": major\n"@feishu-hire/client": minor\n---\n\nRemove a field from ExternalInterview.\n' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('changeset version with the repository configuration', () => {
  it('bumps versions, writes CHANGELOG.md files and lets the sync carry the version into the spec', () => {
    const before = readJson('packages/spec/package.json').version;
    const major = `${Number(before.split('.')[0]) + 1}.0.0`;
    execFileSync(process.execPath, [CHANGESET_BIN, 'version'], { cwd: root, stdio: 'pipe' });

    expect(readJson('packages/spec/package.json').version).toBe(major);
    expect(readFileSync(join(root, 'packages/spec/CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`## ${major.replaceAll('.', '\\.')}\\n\\n### Major Changes\\n\\n- Remove a field from ExternalInterview\\.`));
    expect(readJson('packages/client/package.json').version).not.toBe(before);
    expect(existsSync(join(root, 'packages/client/CHANGELOG.md'))).toBe(true);
    expect(readJson('scripts/package.json').version).toBe('0.0.0');
    expect(existsSync(join(root, '.changeset/break-spec.md'))).toBe(false);

    expect(syncSpecVersion(root)).toMatchObject({ to: major, changed: true });
    expect(parse(readFileSync(join(root, 'specs/openapi.yaml'), 'utf8')).info.version).toBe(major);
  });
});

describe("the repository's pending changesets", () => {
  it('are all consumed by changeset version (none names a private package, which would leave the release stuck)', async () => {
    const pending = Object.fromEntries(readdirSync(join(REPO, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => [f, readFileSync(join(REPO, '.changeset', f), 'utf8')]));
    const dir = makeWorkspace(pending);
    try {
      execFileSync(process.execPath, [CHANGESET_BIN, 'version'], { cwd: dir, stdio: 'pipe' });
      expect(readdirSync(join(dir, '.changeset')).filter((f) => f.endsWith('.md'))).toEqual([]);
      // Every published package gets a CHANGELOG.md entry of its own, the spec's version included, at the version
      // its highest pending bump gives (0.0.0 + minor = 0.1.0 for the first release).
      const bumps = await pendingBumps(REPO);
      for (const pkg of ['spec', 'client', 'mock-server', 'conformance', 'docs']) {
        const { name, version } = JSON.parse(readFileSync(join(REPO, 'packages', pkg, 'package.json'), 'utf8'));
        const next = increment(version, bumps.get(name));
        expect(JSON.parse(readFileSync(join(dir, 'packages', pkg, 'package.json'), 'utf8')).version, pkg).toBe(next);
        expect(readFileSync(join(dir, 'packages', pkg, 'CHANGELOG.md'), 'utf8'), pkg).toMatch(new RegExp(`## ${next.replaceAll('.', '\\.')}\n\n### (Minor|Patch|Major) Changes\n\n- `));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
