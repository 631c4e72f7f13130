// proxy-from-env 2 ships no declarations: the one function src/proxy.ts calls.
declare module 'proxy-from-env' {
  /** The proxy URL the environment names for `url` (`<protocol>_proxy`, then `all_proxy`; none for a host of `no_proxy`), or `''`. */
  export function getProxyForUrl(url: string | URL): string;
}
