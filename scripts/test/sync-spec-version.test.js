// The version sync on a temporary copy of the spec and the spec package manifest (the repository is never mutated).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { syncSpecVersion } from '../sync-spec-version.js';

const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'scripts/sync-spec-version.js');
let root;

/** Sets the version in the temporary copy of packages/spec/package.json. */
function setPackageVersion(version) {
  const file = join(root, 'packages/spec/package.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }, null, 2));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'feishu-sync-'));
  cpSync(join(REPO, 'specs'), join(root, 'specs'), { recursive: true });
  mkdirSync(join(root, 'packages/spec'), { recursive: true });
  copyFileSync(join(REPO, 'packages/spec/package.json'), join(root, 'packages/spec/package.json'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('syncSpecVersion', () => {
  it('is already in sync in the repository', () => {
    expect(syncSpecVersion(REPO, { check: true }).changed).toBe(false);
  });

  it('rewrites only info.version, keeping every other byte of specs/openapi.yaml', () => {
    const before = readFileSync(join(root, 'specs/openapi.yaml'), 'utf8');
    const from = parse(before).info.version;
    setPackageVersion('2.0.0');
    expect(syncSpecVersion(root)).toEqual({ from, to: '2.0.0', changed: true });
    const after = readFileSync(join(root, 'specs/openapi.yaml'), 'utf8');
    expect(parse(after).info.version).toBe('2.0.0');
    expect(after.replace(/^(  version: )2\.0\.0$/m, `$1${from}`)).toBe(before);
    expect(syncSpecVersion(root).changed).toBe(false);
  });

  it('with check: true reports the mismatch and writes nothing', () => {
    const before = readFileSync(join(root, 'specs/openapi.yaml'), 'utf8');
    setPackageVersion('1.2.3-next.0');
    expect(syncSpecVersion(root, { check: true })).toMatchObject({ to: '1.2.3-next.0', changed: true });
    expect(readFileSync(join(root, 'specs/openapi.yaml'), 'utf8')).toBe(before);
  });

  it('rejects a package version that is not semver, naming the field', () => {
    setPackageVersion('latest');
    expect(() => syncSpecVersion(root)).toThrow(/packages\/spec\/package.json: "version" must be a semver string, got "latest"/);
  });

  it('CLI: --check exits 1 on a mismatch, the sync exits 0 and fixes it', () => {
    setPackageVersion('3.1.0');
    const check = spawnSync(process.execPath, [CLI, '--root', root, '--check'], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('but @feishu-hire/spec is 3.1.0');
    const sync = spawnSync(process.execPath, [CLI, '--root', root], { encoding: 'utf8' });
    expect(sync.status).toBe(0);
    expect(sync.stdout).toMatch(/info\.version: .* -> 3\.1\.0/);
    expect(spawnSync(process.execPath, [CLI, '--root', root, '--check']).status).toBe(0);
  });
});
