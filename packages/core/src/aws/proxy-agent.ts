import type { Agent } from 'node:http';

type Env = Record<string, string | undefined>;

// The variables proxy-from-env reads (lower case first, as curl does); NO_PROXY alone sets no proxy.
const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];

/** The first proxy variable set (`HTTPS_PROXY=http://proxy:3128`), for `--debug`; undefined when none. */
export function configuredProxy(env: Env): string | undefined {
  const name = PROXY_VARS.find((key) => env[key]?.trim());
  return name ? `${name}=${redact(env[name] ?? '')}` : undefined;
}

/**
 * One agent for every AWS client and the public-IP lookup when a proxy variable is set, else
 * undefined (and proxy-agent is never loaded: offline and proxy-less runs pay nothing).
 * proxy-agent picks per request: HTTP(S)_PROXY, ALL_PROXY, their lower-case forms and NO_PROXY
 * (proxy-from-env reads them from process.env, like the SDK reads its own variables).
 */
export async function createProxyAgent(env: Env): Promise<Agent | undefined> {
  if (!configuredProxy(env)) return undefined;
  const { ProxyAgent } = await import('proxy-agent');
  return new ProxyAgent({ keepAlive: true });
}

/** A proxy URL without its password, safe to print. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}
