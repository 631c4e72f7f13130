import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built single-file docs page. */
export const docsHtmlPath = fileURLToPath(new URL('../dist/index.html', import.meta.url));

/**
 * Serves the single-file docs page over HTTP on 127.0.0.1 (OS-picked port by default).
 * `/` and `/index.html` answer with the page (Redoc routes live in the URL hash); other paths get 404, other methods 405.
 */
export async function startDocsServer({ htmlPath = docsHtmlPath, host = '127.0.0.1', port = 0 } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`startDocsServer: "port" must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  if (typeof host !== 'string' || host === '') {
    throw new TypeError(`startDocsServer: "host" must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  let html;
  try {
    html = await readFile(htmlPath);
  } catch (error) {
    throw new Error(`startDocsServer: cannot read the docs page ${htmlPath} (run the build first: pnpm --filter @feishu-hire/docs build): ${error.message}`);
  }
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed: only GET and HEAD are served\n');
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/' && pathname !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Not found: ${pathname} (the docs are the single page at /)\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': html.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address();
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
