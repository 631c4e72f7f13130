// `pnpm start` (scripts/serve.js): the docs page and the mock server side by side on 127.0.0.1, both URLs printed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOKEN_PATH } from '@feishu-hire/mock-server';
import { readBuiltHtml } from './helpers.js';

const SERVE = fileURLToPath(new URL('../scripts/serve.js', import.meta.url));

/** Starts serve.js with `args`; resolves when it has printed "Press Ctrl+C" (or exited), with its output so far. */
function start(args = []) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise((resolve) => {
    child.stdout.on('data', () => out.includes('Press Ctrl+C') && resolve());
    child.on('exit', resolve);
  });
  return { child, ready, output: () => ({ out, err }) };
}

describe('scripts/serve.js', () => {
  it('serves the docs page and the mock API on 127.0.0.1, prints both URLs and stops on SIGINT', async () => {
    const html = readBuiltHtml();
    const { child, ready, output } = start();
    try {
      await ready;
      const { out } = output();
      const docsUrl = /^Docs: +(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1];
      const mockUrl = /^Mock server: +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      expect(docsUrl, out).toBeDefined();
      expect(mockUrl, out).toBeDefined();
      expect(out).toContain(`token:     POST ${mockUrl}${TOKEN_PATH} `);
      const page = await fetch(docsUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(html);
      const token = await fetch(`${mockUrl}${TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ app_id: 'cli_mock_app', app_secret: 'mock_app_secret' }),
      });
      expect(await token.json()).toMatchObject({ code: 0, tenant_access_token: expect.any(String) });
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('rejects a bad port flag by name, with exit code 2', async () => {
    const { child, ready, output } = start(['--docs-port', 'abc']);
    await ready;
    if (child.exitCode === null) await once(child, 'exit');
    expect(child.exitCode).toBe(2);
    expect(output().err).toContain('--docs-port must be an integer from 0 to 65535, got "abc"');
  });
});
