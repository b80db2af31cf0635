import { detectSshCidr, type FetchText } from '@truffle-spawn/core/launch';

/** GETs a URL's body (the public-IP check); an HTTP error status is an error. */
export const fetchText: FetchText = async (url, signal) => {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
};

/**
 * The public-IP check as connect and allow-ip make it: SPAWN_CHECKIP_URL, when set, replaces
 * checkip.amazonaws.com (a proxy that answers the same way, or a local stand-in in tests).
 */
export function checkIpFetcher(env: Record<string, string | undefined>): FetchText {
  const override = env.SPAWN_CHECKIP_URL;
  return (url, signal) => fetchText(override || url, signal);
}

/** `--ssh-cidr`, else the caller's public IPv4 /32 (asks for --ssh-cidr when it cannot be found). */
export async function resolveSshCidr(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  return detectSshCidr(fetchText);
}
