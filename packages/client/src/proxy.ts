// The proxy of the Node transport, as the official SDK's axios has it: the proxy the environment names for a URL
// (HTTPS_PROXY for https, HTTP_PROXY for http, ALL_PROXY for both, any of them in lower case; none for a host of
// NO_PROXY), read by proxy-from-env (axios's own reader), and an agent of it: https-proxy-agent (a CONNECT tunnel) for an
// https URL, http-proxy-agent for an http one. Its own entry point (`@feishu-hire/client/proxy`), loaded by the Node
// transport only when a proxy variable is set.
import { getProxyForUrl } from 'proxy-from-env';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

// One agent per proxy and protocol, kept alive as the transport's own agents are.
const agents = new Map<string, object>();

/** The agent (a node:http Agent) that sends a request for `url` through the proxy the environment names for it, or undefined: direct. */
export function proxyAgent(url: string): object | undefined {
  const proxy = getProxyForUrl(url);
  if (!proxy) return undefined;
  const secure = url.startsWith('https:');
  const key = `${secure ? 'https' : 'http'} ${proxy}`;
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = secure ? new HttpsProxyAgent(proxy, { keepAlive: true }) : new HttpProxyAgent(proxy, { keepAlive: true })));
  return agent;
}
