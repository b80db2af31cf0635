import type { Agent } from 'node:http';
import { type ProxyEnv, parseProxyUrl, proxyVariable, redactProxy } from './proxy-variables.ts';

/**
 * The proxy variable the AWS calls (https) go through, else the one http requests do, as
 * `HTTPS_PROXY=http://proxy:3128` without its password, for `--debug`; undefined when none is set.
 */
export function configuredProxy(env: ProxyEnv): string | undefined {
  const name = proxyVariable(env, 'https') ?? proxyVariable(env, 'http');
  return name ? `${name}=${shown(env[name] ?? '')}` : undefined;
}

function shown(value: string): string {
  try {
    return redactProxy(parseProxyUrl(value));
  } catch {
    // Not a URL even as a bare host:port: nothing of it is printed (it may hold a password).
    return '(not a URL)';
  }
}

/**
 * One agent for every AWS client and the public-IP lookup when a proxy variable is set, else
 * undefined (and proxy-agent is never loaded: offline and proxy-less runs pay nothing).
 * proxy-agent picks per request: HTTP(S)_PROXY, ALL_PROXY, their lower-case forms and NO_PROXY
 * (proxy-from-env reads them from process.env, like the SDK reads its own variables).
 */
export async function createProxyAgent(env: ProxyEnv): Promise<Agent | undefined> {
  if (!configuredProxy(env)) return undefined;
  const { ProxyAgent } = await import('proxy-agent');
  return new ProxyAgent({ keepAlive: true });
}
