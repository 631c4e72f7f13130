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

/** The command of changesets/action's `publish` input, an expression that names it only when there is something new. */
const publishCommand = (input) => (input ? /&& '([^']+)'/.exec(input)?.[1] ?? input : undefined);

/** Every shell command of a workflow: `run:` steps and the changesets/action `version`/`publish` inputs. */
function commands(flow) {
  return Object.values(flow.jobs).flatMap((job) => job.steps.flatMap((step) => [
    step.run, step.with?.version, publishCommand(step.with?.publish),
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

  it('pins every action to a full commit SHA, with its release tag in a comment', () => {
    const uses = Object.values(flow.jobs).flatMap((job) => job.steps.map((step) => step.uses).filter(Boolean));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const lines = read(`.github/workflows/${name}`).split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
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
  const ci = workflow('ci.yml');
  const release = workflow('release.yml');
  const stepsOf = (flow) => Object.values(flow.jobs).flatMap((job) => job.steps);

  it('CI runs on every Node the README promises, while the packages accept Node 20.19', () => {
    const promised = /Supported Node\.js versions: ((?:\d+, )*\d+ and \d+)/.exec(read('README.md'));
    expect(promised, 'README states the supported Node.js versions').toBeTruthy();
    const majors = promised[1].split(/, | and /).map(Number);
    expect(majors).toEqual([20, 22, 24]);
    expect(ci.jobs.ci.strategy.matrix.node).toEqual(majors);
    expect(ci.jobs.ci.container).toBe('node:${{ matrix.node }}-bookworm');
    for (const file of ['package.json', ...['spec', 'client', 'mock-server', 'conformance', 'docs'].map((p) => `packages/${p}/package.json`)]) {
      expect(JSON.parse(read(file)).engines.node, file).toBe('>=20.19');
    }
    // When Node 20 goes: the README says so.
    expect(read('README.md')).toMatch(/Node 20 will be dropped/);
  });

  it('CI runs the spec release gate first (with the history it needs), then build, lint and test; the test publishes to Verdaccio', () => {
    expect(ci.on).toHaveProperty('pull_request');
    const targets = commands(ci).map(pnpmTarget).filter(Boolean);
    expect(targets).toEqual(['install', 'check:breaking', 'build', 'lint', 'test']);
    expect(commands(ci)).toContain('npx -y pnpm@10 install --frozen-lockfile');
    expect(ci.jobs.ci.steps.find((step) => step.uses?.startsWith('actions/checkout@')).with['fetch-depth']).toBe(0);
    expect(existsSync(join(REPO, 'scripts/test/publish.test.js'))).toBe(true);
    expect(JSON.parse(read('scripts/turbo.json')).tasks.test.cache).toBe(false);
    expect(commands(ci).some((line) => /apt-get install .*chromium/.test(line))).toBe(true);
  });

  it('CI keeps the pnpm store and the turbo cache between runs and reads the remote cache from secrets', () => {
    const caches = ci.jobs.ci.steps.filter((step) => step.uses?.startsWith('actions/cache@'));
    expect(caches.map((step) => step.with.path)).toEqual(['${{ steps.pnpm-store.outputs.path }}', '.turbo/cache']);
    expect(caches[0].with.key).toContain("hashFiles('pnpm-lock.yaml')");
    expect(ci.jobs.ci.env).toMatchObject({ TURBO_API: '${{ secrets.TURBO_API }}', TURBO_TOKEN: '${{ secrets.TURBO_TOKEN }}', NODE_MAJOR: '${{ matrix.node }}' });
    expect(JSON.parse(read('turbo.json')).tasks.test.env).toContain('NODE_MAJOR');
  });

  it('Release runs only for a green CI run of a push to main, on the commit CI passed, still the head of main', () => {
    expect(Object.keys(release.on)).toEqual(['workflow_run']);
    expect(release.on.workflow_run).toMatchObject({ workflows: [ci.name], types: ['completed'], branches: ['main'] });
    for (const condition of ["github.event.workflow_run.conclusion == 'success'", "github.event.workflow_run.event == 'push'",
      "github.event.workflow_run.head_branch == 'main'", 'github.event.workflow_run.head_sha == github.sha']) {
      expect(release.jobs.release.if).toContain(condition);
    }
    for (const job of Object.values(release.jobs)) {
      expect(job.steps.find((step) => step.uses?.startsWith('actions/checkout@')).with.ref).toBe('${{ github.event.workflow_run.head_sha }}');
    }
  });

  it('Release publishes with npm trusted publishing and provenance, never a long-lived npm token nor setup-node\'s placeholder', () => {
    expect(read('.github/workflows/release.yml')).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN: /);
    expect(release.permissions).toEqual({});
    expect(release.jobs.release.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const steps = release.jobs.release.steps;
    const changesets = steps.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(changesets.with).toMatchObject({ version: 'pnpm run version-packages', branch: 'main' });
    // Publishes only when the plan step found a version npm does not have (a second publish would be refused).
    expect(steps.find((step) => step.id === 'plan').run).toBe('node scripts/release.js --plan');
    expect(changesets.with.publish).toBe("${{ steps.plan.outputs.unpublished == 'true' && 'pnpm run release' || '' }}");
    expect(rootScripts.release).toBe('node scripts/release.js');
    expect(changesets.env).toEqual({ NPM_CONFIG_PROVENANCE: 'true' });
    expect(commands(release)).toContain('npm install -g npm@^11.5.1 pnpm@10');
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode.with).toEqual({ 'node-version': 24, 'package-manager-cache': false });
  });

  it('Release pushes the version pull request with a GitHub App token, so that CI runs on it', () => {
    const steps = release.jobs.release.steps;
    const app = steps.find((step) => step.uses?.startsWith('actions/create-github-app-token@'));
    expect(app.with).toMatchObject({ 'client-id': '${{ vars.RELEASE_APP_CLIENT_ID }}', 'private-key': '${{ secrets.RELEASE_APP_PRIVATE_KEY }}' });
    const changesets = steps.find((step) => step.uses?.startsWith('changesets/action@'));
    expect(changesets.with['github-token']).toBe(`\${{ steps.${app.id}.outputs.token }}`);
    expect(JSON.stringify(changesets.env)).not.toContain('GITHUB_TOKEN');
    // A GITHUB_TOKEN kept in git's config would push instead of the App.
    for (const job of Object.values(release.jobs)) {
      expect(job.steps.find((step) => step.uses?.startsWith('actions/checkout@')).with['persist-credentials']).toBe(false);
    }
    expect(steps.findIndex((step) => step.if === "vars.RELEASE_APP_CLIENT_ID == ''")).toBeLessThan(steps.indexOf(app));
    expect(read('README.md')).toContain('RELEASE_APP_PRIVATE_KEY');
  });

  it('Release deploys the docs to GitHub Pages after a publish', () => {
    const docs = release.jobs.docs;
    expect(docs.needs).toBe('release');
    expect(docs.if).toBe("needs.release.outputs.published == 'true'");
    expect(docs.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(docs.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact')).with.path).toBe('packages/docs/dist');
    expect(docs.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
  });

  it('pins each action to the same commit in both workflows', () => {
    const pins = new Map();
    for (const step of [...stepsOf(ci), ...stepsOf(release)].filter((s) => s.uses)) {
      const [action, sha] = step.uses.split('@');
      expect(pins.get(action) ?? sha, action).toBe(sha);
      pins.set(action, sha);
    }
  });
});

describe('root release scripts', () => {
  it('chain changesets with the spec version sync and the released baseline', () => {
    expect(rootScripts['version-packages']).toMatch(/^changeset version && node scripts\/sync-spec-version\.js && .*node scripts\/write-released-spec\.js$/);
    expect(read('scripts/release.js')).toMatch(/'run', 'build'[\s\S]*'publish'/);
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
