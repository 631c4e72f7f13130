// The CI files: workflows are valid YAML and call only scripts and turbo tasks that exist; .ci/run and
// scripts/test-under-load.sh run the README's test command.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const REPO = resolve(import.meta.dirname, '../..');
const read = (file) => readFileSync(join(REPO, file), 'utf8');
const rootScripts = JSON.parse(read('package.json')).scripts;
// pnpm's own commands that the workflows may use besides package.json scripts.
const PNPM_COMMANDS = new Set(['install', 'exec', 'publish', 'pack']);

/** Returns the workflow as a plain object, failing on any YAML error. */
function workflow(name) {
  const document = parseDocument(read(`.github/workflows/${name}`));
  expect(document.errors, `${name} YAML errors`).toEqual([]);
  return document.toJS();
}

/** Every shell command of a workflow: `run:` steps and the changesets/action `version`/`publish` inputs. */
function commands(flow) {
  return Object.values(flow.jobs).flatMap((job) => job.steps.flatMap((step) => [
    step.run, step.with?.version, step.with?.publish,
  ].filter(Boolean))).flatMap((text) => text.split(/\n|&&/).map((line) => line.trim()).filter(Boolean));
}

/** The package.json script or pnpm command a command line invokes through pnpm, or undefined. */
function pnpmTarget(line) {
  const match = /^(?:npx -y pnpm@10|pnpm)\s+(?:run\s+)?([\w:-]+)/.exec(line);
  return match?.[1];
}

/** Turbo task names declared in the root turbo.json and the packages' own turbo.json files. */
function turboTasks() {
  const files = ['turbo.json', 'scripts/turbo.json'];
  return new Set(files.filter((file) => existsSync(join(REPO, file))).flatMap((file) => Object.keys(JSON.parse(read(file)).tasks)));
}

describe.each(['ci.yml', 'release.yml'])('.github/workflows/%s', (name) => {
  const flow = workflow(name);

  it('has a name, triggers and jobs whose steps all run or use something', () => {
    expect(flow.name).toEqual(expect.any(String));
    expect(flow.on).toBeTruthy();
    expect(Object.keys(flow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(flow.jobs)) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      for (const step of job.steps) expect(Boolean(step.run) !== Boolean(step.uses), JSON.stringify(step)).toBe(true);
    }
  });

  it('pins every action to a major version', () => {
    const uses = Object.values(flow.jobs).flatMap((job) => job.steps.map((step) => step.uses).filter(Boolean));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
  });

  it('calls only root package.json scripts, pnpm commands and declared turbo tasks', () => {
    const lines = commands(flow);
    const targets = lines.map(pnpmTarget).filter(Boolean);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(PNPM_COMMANDS.has(target) || target in rootScripts, `pnpm ${target}`).toBe(true);
    const tasks = turboTasks();
    for (const line of lines) {
      for (const [, task] of line.matchAll(/turbo run ([\w:-]+)/g)) expect(tasks.has(task), `turbo task ${task}`).toBe(true);
      for (const [, file] of line.matchAll(/node (scripts\/[\w./-]+\.js)/g)) expect(existsSync(join(REPO, file)), file).toBe(true);
    }
  });
});

describe('the workflows cover the release process', () => {
  it('CI runs install, build, lint, test, the consumer dry run and the breaking-change check on pull requests', () => {
    const flow = workflow('ci.yml');
    expect(flow.on).toHaveProperty('pull_request');
    const targets = commands(flow).map(pnpmTarget);
    expect(targets).toEqual(expect.arrayContaining(['install', 'build', 'lint', 'test', 'release:dry-run', 'check:breaking']));
    expect(commands(flow)).toContain('npx -y pnpm@10 install --frozen-lockfile');
    expect(flow.jobs.ci.steps.find((step) => step.uses?.startsWith('actions/setup-node')).with['node-version']).toBe(20);
    expect(commands(flow).some((line) => /apt-get install .*chromium/.test(line))).toBe(true);
  });

  it('Release versions or publishes with changesets and deploys the docs to GitHub Pages', () => {
    const flow = workflow('release.yml');
    // Releases run only after CI passed on main.
    expect(flow.on.workflow_run).toMatchObject({ workflows: [workflow('ci.yml').name], types: ['completed'], branches: ['main'] });
    expect(flow.jobs.release.if).toContain("github.event.workflow_run.conclusion == 'success'");
    const changesets = flow.jobs.release.steps.find((step) => step.uses?.startsWith('changesets/action'));
    expect(changesets.with).toMatchObject({ version: 'pnpm run version-packages', publish: 'pnpm run release' });
    expect(changesets.env.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
    const docs = flow.jobs.docs;
    expect(docs.needs).toBe('release');
    expect(docs.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(docs.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact')).with.path).toBe('packages/docs/dist');
    expect(docs.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
  });
});

describe('root release scripts', () => {
  it('chain changesets with the spec version sync and the released baseline', () => {
    expect(rootScripts['version-packages']).toMatch(/^changeset version && node scripts\/sync-spec-version\.js && .*node scripts\/write-released-spec\.js$/);
    expect(rootScripts.release).toMatch(/build.* && changeset publish$/);
    expect(rootScripts['check:breaking']).toContain('node scripts/check-breaking.js');
    expect(rootScripts['release:dry-run']).toContain('consumer-dry-run');
  });

  it('.changeset/config.json is valid JSON that leaves private packages unversioned', () => {
    const config = JSON.parse(read('.changeset/config.json'));
    expect(config).toMatchObject({ baseBranch: 'main', access: 'public', privatePackages: { version: false, tag: false } });
  });
});

describe.each(['.ci/run', 'scripts/test-under-load.sh'])('%s', (file) => {
  it('runs the test command of the README', () => {
    const readme = read('README.md');
    const block = /# run every test[^\n]*\n([^\n]+)\n/.exec(readme);
    expect(block, 'README has a "# run every test" command').toBeTruthy();
    const lines = read(file).split('\n').map((line) => line.trim());
    expect(lines).toContain(block[1].trim());
  });

  it('is an executable bash script in strict mode that bash can parse', () => {
    const script = read(file);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(statSync(join(REPO, file)).mode & 0o111).not.toBe(0);
    expect(spawnSync('bash', ['-n', join(REPO, file)]).status).toBe(0);
  });
});

describe('scripts/test-under-load.sh arguments', () => {
  const script = join(REPO, 'scripts/test-under-load.sh');
  it('--help prints the usage and exits 0', () => {
    const result = spawnSync(script, ['--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: scripts\/test-under-load\.sh \[--runs K\] \[--burners N\] \[--force\]/);
  });

  it.each([
    [['--bogus'], "unknown argument '--bogus'"],
    [['--runs'], '--runs needs a value'],
    [['--runs', 'three'], "take a whole number, got 'three'"],
    [['--burners', '-1'], "take a whole number, got '-1'"],
  ])('%j exits 2 naming the problem, before starting anything', (args, message) => {
    const result = spawnSync(script, args, { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
