import { detectSshCidr } from '@truffle-spawn/core/launch';

/** `--ssh-cidr`, else the caller's public IPv4 /32 (asks for --ssh-cidr when it cannot be found). */
export async function resolveSshCidr(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  return detectSshCidr(async (url, signal) => {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.text();
  });
}
