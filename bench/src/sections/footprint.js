// Installed footprint: bytes of node_modules after a fresh `npm install` of the package alone into an empty dir.
import { mkdtemp, readdir, lstat, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../lib/proc.js';
import { REPO_ROOT, installedVersion } from '../lib/contenders.js';

/** Sums the sizes of regular files under `dir` (symlinks not followed) and counts package.json-bearing packages. */
export async function dirFootprint(dir) {
  let bytes = 0;
  let files = 0;
  let packages = 0;
  const isPackageDir = (d) => {
    const parent = path.basename(path.dirname(d));
    return parent === 'node_modules' || (parent.startsWith('@') && path.basename(path.dirname(path.dirname(d))) === 'node_modules');
  };
  const walk = async (d) => {
    let entries;
    try { entries = await readdir(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        bytes += (await lstat(p)).size;
        files++;
        if (e.name === 'package.json' && isPackageDir(d)) packages++;
      }
    }
  };
  await walk(dir);
  return { bytes, files, packages };
}

/** npm-installs `spec` alone into a fresh temp dir and returns its node_modules footprint. */
export async function installFootprint(spec) {
  const dir = await mkdtemp(path.join(tmpdir(), 'feishu-bench-fp-'));
  try {
    await writeFile(path.join(dir, 'package.json'), '{"name":"footprint-probe","private":true}\n');
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error', spec], { cwd: dir, timeoutMs: 300_000 });
    return await dirFootprint(path.join(dir, 'node_modules'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Packs @feishu-hire/client with `pnpm pack` into a temp dir and returns the tarball path (caller removes the dir). */
export async function packClient() {
  const dest = await mkdtemp(path.join(tmpdir(), 'feishu-bench-pack-'));
  await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dest], { cwd: path.join(REPO_ROOT, 'packages/client'), timeoutMs: 120_000 });
  const tgz = (await readdir(dest)).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`pnpm pack wrote no tarball into ${dest}`);
  return { tarball: path.join(dest, tgz), dir: dest };
}

async function settle(promise) {
  try { return await promise; } catch (err) { return { error: String(err.message).split('\n').slice(0, 4).join(' ') }; }
}

/** Report rows of this section. */
export async function footprintSection() {
  const floorSpec = `openapi-fetch@${installedVersion('openapi-fetch') ?? 'latest'}`;
  const official = await settle(installFootprint('@larksuiteoapi/node-sdk@latest'));
  const floor = await settle(installFootprint(floorSpec));
  let ours;
  let packDir;
  try {
    const packed = await packClient();
    packDir = packed.dir;
    ours = await settle(installFootprint(packed.tarball));
  } catch (err) {
    ours = { error: `pnpm pack of @feishu-hire/client failed: ${String(err.message).split('\n').slice(0, 3).join(' ')}` };
  } finally {
    if (packDir) await rm(packDir, { recursive: true, force: true });
  }
  const errs = [['ours', ours], ['official', official], ['floor', floor]].filter(([, r]) => r.error).map(([n, r]) => `${n}: ${r.error}`);
  return {
    rows: [
      { section: 'Installed footprint (fresh `npm install` of the package alone)' },
      { metric: 'node_modules bytes', unit: 'bytes', ours: ours.bytes ?? null, official: official.bytes ?? null, floor: floor.bytes ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'packages installed', unit: 'count', ours: ours.packages ?? null, official: official.packages ?? null, floor: floor.packages ?? null, floorLabel: 'openapi-fetch' },
    ],
    notes: [`Footprint: \`npm install --ignore-scripts\` into an empty temp dir; ours is the \`pnpm pack\` tarball of packages/client, the official SDK is @latest, the floor ${floorSpec}; bytes are the sum of file sizes (not disk blocks).`, ...errs],
    data: { ours, official, floor },
  };
}
