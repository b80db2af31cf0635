import { detectSshCidr, type FetchText } from '@truffle-spawn/core/launch';

/** GETs a URL's body (the public-IP check); an HTTP error status is an error. */
export const fetchText: FetchText = async (url, signal) => {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
};

/** `--ssh-cidr`, else the caller's public IPv4 /32 (asks for --ssh-cidr when it cannot be found). */
export async function resolveSshCidr(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  return detectSshCidr(fetchText);
}
