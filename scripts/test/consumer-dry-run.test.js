// The consumer dry run's own guard rails (the full dry run is the turbo task `consumer-dry-run`, run before this test).
import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, PUBLISHED, run } from '../consumer-dry-run.js';

describe('consumer dry run', () => {
  it('refuses a workspace that lacks some of the published packages, naming them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'feishu-dry-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'ws', private: true }));
      writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
      mkdirSync(join(root, 'packages/spec'), { recursive: true });
      writeFileSync(join(root, 'packages/spec/package.json'), JSON.stringify({ name: '@feishu-hire/spec', version: '1.0.0' }));
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(await main(['--root', root])).toBe(1);
      expect(error).toHaveBeenCalledWith(`consumer dry run: missing publishable package(s): ${PUBLISHED.slice(1).join(', ')}`);
      error.mockRestore();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('run() reports the exit code and output of a failing command without throwing', async () => {
    const result = await run(process.execPath, ['-e', 'console.log("out"); console.error("err"); process.exit(3)']);
    expect(result).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });
});
