// The client's default transport on Node: node:http / node:https on their keep-alive global agents instead of fetch.
// Why: over loopback HTTP, Node's fetch (undici, WHATWG streams, Request/Response/Headers objects) costs about three
// times node:http in CPU per call, more than the whole official SDK (axios on node:http); see bench/BENCHMARKS.md.
// Only the `node` build of the package has it (package.json exports); other runtimes, and a `fetch` option, use fetch.
// It honours HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY, read per request as the official SDK (axios) reads them:
// the proxy support (src/proxy.ts and its packages) is loaded only while one of them is set, by a specifier bundlers do
// not follow, so an app that sets none neither loads nor bundles it.
import type { ResponseLike, SendFn } from './transport.js';

type NodeHeaders = Record<string, string | string[] | undefined>;
interface IncomingMessage {
  statusCode?: number;
  statusMessage?: string;
  headers: NodeHeaders;
  complete: boolean;
  setEncoding(encoding: string): void;
  on(event: string, listener: (...args: any[]) => void): IncomingMessage;
}
interface NodeHttp {
  request(url: URL, options: object, onResponse: (res: IncomingMessage) => void): { on(event: 'error', listener: (error: Error) => void): { end(body?: string): void } };
}

/** The response of `res` with its whole `text`; its Headers are built only when read (errors and hooks read them). */
function responseOf(res: IncomingMessage, text: string): ResponseLike {
  const status = res.statusCode ?? 0;
  let headers: Headers | undefined;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    get headers() {
      return (headers ??= new Headers(Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [value].flat().map((v) => [name, v] as [string, string])))));
    },
    text: async () => text,
  };
}

/** The entry point of the proxy support (a variable: a bundler leaves the import to run time). */
const PROXY_ENTRY = '@feishu-hire/client/proxy';

/** The agent of the proxy for `url` (src/proxy.ts), or undefined when no proxy variable is set. */
async function proxyAgent(url: string): Promise<unknown> {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process!.env;
  if (!(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY || env.all_proxy || env.ALL_PROXY)) return undefined;
  return ((await import(PROXY_ENTRY)) as typeof import('./proxy.js')).proxyAgent(url);
}

/** A SendFn over node:http and node:https, or undefined where they cannot be had (not Node >= 20.16). */
export function nodeSend(): SendFn | undefined {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof builtin !== 'function') return undefined;
  const http = builtin('node:http') as NodeHttp;
  const https = builtin('node:https') as NodeHttp;
  return async (url, { method, headers, body, signal }) => {
    const agent = await proxyAgent(url);
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      (target.protocol === 'https:' ? https : http)
        .request(target, { method, headers, signal, agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res
            .on('data', (chunk: string) => (text += chunk))
            .on('end', () => resolve(responseOf(res, text)))
            .on('error', reject)
            // A socket closed before the end of the body: no 'end', and not always an 'error'.
            .on('close', () => res.complete || reject(new Error('the connection closed before the end of the response')));
        })
        .on('error', reject)
        .end(body ?? undefined);
    });
  };
}
