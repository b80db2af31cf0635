import { BlockList, isIP } from 'node:net';
import { type ProxyEnv, parseProxyUrl, proxyVariable, redactProxy } from '../../aws/proxy-variables.ts';

/** The proxy one request goes through, and the variable that named it (for messages). */
export interface ProxyChoice {
  url: URL;
  variable: string;
}

// The instance metadata service is on the instance's own link: a proxy cannot reach it.
const IMDS_HOSTS = new Set(['169.254.169.254', '[fd00:ec2::254]', 'fd00:ec2::254']);

/**
 * The proxy for `target` from the environment, as curl and proxy-from-env choose it (see
 * `proxyVariable`); `undefined` (direct) when none is set, NO_PROXY matches, or the target is IMDS.
 */
export function proxyFor(target: URL, env: ProxyEnv): ProxyChoice | undefined {
  if (IMDS_HOSTS.has(target.hostname)) return undefined;
  const variable = proxyVariable(env, target.protocol === 'https:' ? 'https' : 'http');
  if (!variable) return undefined;
  if (isNoProxy(target, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  const url = parseProxyUrl(env[variable] ?? '');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${variable}=${redactProxy(url)}: spawnd supports only http:// and https:// proxies`);
  }
  return { url, variable };
}

/**
 * Whether NO_PROXY exempts `target`, with curl's rules: a comma (or space) list; `*` alone
 * matches everything; `example.com` and `.example.com` match the domain and its subdomains; an
 * entry with `:port` matches that port only; IPs match exactly or by CIDR (`10.0.0.0/8`).
 */
export function isNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const entries = noProxy
    .split(/[,\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return entries.some((entry) => {
    if (entry === '*') return true;
    const { name, entryPort } = splitEntry(entry);
    if (entryPort && entryPort !== port) return false;
    if (isIP(host)) return matchesIp(host, name);
    const domain = name.replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function splitEntry(entry: string): { name: string; entryPort: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
  // A bare IPv6 address has colons but no port.
  if (isIP(entry.split('/')[0] ?? '') === 6) return { name: entry, entryPort: undefined };
  const hostPort = /^(.*):(\d+)$/.exec(entry);
  return hostPort
    ? { name: hostPort[1] ?? '', entryPort: hostPort[2] }
    : { name: entry, entryPort: undefined };
}

function matchesIp(host: string, entry: string): boolean {
  const [address = '', bits] = entry.split('/');
  const family = isIP(address);
  if (!family) return false;
  if (bits === undefined) return address === host;
  const list = new BlockList();
  const type = family === 6 ? 'ipv6' : 'ipv4';
  try {
    list.addSubnet(address, Number(bits), type);
  } catch {
    return false;
  }
  return list.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4');
}
