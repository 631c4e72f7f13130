// `changeset version` + the spec version sync on a temporary copy of the workspace manifests and specs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { syncSpecVersion } from '../sync-spec-version.js';

const REPO = resolve(import.meta.dirname, '../..');
const CHANGESET_BIN = join(REPO, 'node_modules/@changesets/cli/bin.js');
let root;
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'feishu-version-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) cpSync(join(REPO, file), join(root, file));
  cpSync(join(REPO, 'specs'), join(root, 'specs'), { recursive: true });
  for (const dir of ['packages', 'scripts']) {
    for (const entry of dir === 'scripts' ? [''] : readdirSync(join(REPO, dir))) {
      const manifest = join(REPO, dir, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(root, dir, entry), { recursive: true });
      cpSync(manifest, join(root, dir, entry, 'package.json'));
    }
  }
  // The changelog generator named in .changeset/config.json resolves from the repository's node_modules.
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, '.changeset/break-spec.md'),
    '---\n"@feishu-hire/spec": major\n"@feishu-hire/client": minor\n---\n\nRemove a field from ExternalInterview.\n');
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
