/** The environment the proxy variables are read from. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/**
 * The variable naming the proxy for `scheme` requests, as curl and proxy-from-env read them:
 * `<scheme>_proxy`, then its upper case, then `all_proxy`, `ALL_PROXY`; undefined when none is set
 * (blank counts as unset). Shared by the CLIs' proxy agent and spawnd's lean EC2 client.
 */
export function proxyVariable(env: ProxyEnv, scheme: 'http' | 'https'): string | undefined {
  return [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY'].find((name) =>
    env[name]?.trim(),
  );
}

/** The proxy a variable's value names: curl reads a bare `host:port` as an http proxy. */
export function parseProxyUrl(raw: string): URL {
  const value = raw.trim();
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
}

/** A proxy URL without its password, safe to print or log. */
export function redactProxy(url: URL): string {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.href.replace(/\/$/, '');
}
