// Every published package.json names the same repository, homepage, bugs and license as the root package.json
// (where the repository URL is defined once), and ships the root LICENSE file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { getPackages } from '@manypkg/get-packages';

const REPO = resolve(import.meta.dirname, '../..');
const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const { packages } = await getPackages(REPO);
const published = packages.filter((pkg) => !pkg.packageJson.private);

/** https://github.com/OWNER/NAME from the root `repository.url` (git+https://github.com/OWNER/NAME.git). */
function webUrl(repository) {
  const match = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/.exec(repository?.url ?? '');
  if (!match) throw new Error(`root package.json: repository.url must be git+https://github.com/OWNER/NAME.git, got ${repository?.url}`);
  return match[1];
}

describe('the root package.json', () => {
  it('defines the repository once, with homepage and bugs derived from it', () => {
    const web = webUrl(root.repository);
    expect(root.repository.type).toBe('git');
    expect(root.homepage).toBe(`${web}#readme`);
    expect(root.bugs).toEqual({ url: `${web}/issues` });
    expect(root.license).toBe('MIT');
  });
});

describe.each(published.map((pkg) => [pkg.packageJson.name, pkg]))('%s', (_name, pkg) => {
  const json = pkg.packageJson;
  const directory = relative(REPO, pkg.dir);

  it('carries the root repository (with its directory), homepage, bugs and license', () => {
    const web = webUrl(root.repository);
    expect(json.repository).toEqual({ ...root.repository, directory });
    expect(json.homepage).toBe(`${web}/tree/main/${directory}#readme`);
    expect(json.bugs).toEqual(root.bugs);
    expect(json.license).toBe(root.license);
  });

  it('has a LICENSE file equal to the root one (npm packs it whatever "files" says)', () => {
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO, 'LICENSE'), 'utf8'));
  });
});

describe('the READMEs', () => {
  const readmes = ['README.md', 'scripts/README.md', 'bench/README.md', ...published.map((pkg) => join(relative(REPO, pkg.dir), 'README.md'))];

  it('run the CLIs with npx by their scoped package names (the unscoped bin names are not ours on the registry)', () => {
    for (const file of readmes) expect(readFileSync(join(REPO, file), 'utf8'), file).not.toMatch(/npx (-y )?feishu-hire-/);
    for (const [name, dir] of [['@feishu-hire/mock-server', 'mock-server'], ['@feishu-hire/conformance', 'conformance']]) {
      const text = readFileSync(join(REPO, 'packages', dir, 'README.md'), 'utf8');
      expect(text).toContain(`npx ${name}`);
      // The environment form of the credentials, so that a secret need not be typed on the command line.
      expect(text).toMatch(/FEISHU_APP_ID=\S+ FEISHU_APP_SECRET=\S+/);
    }
  });
});
