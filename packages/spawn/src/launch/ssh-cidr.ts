import { fetchText } from '@truffle-spawn/core/aws';
import { detectSshCidr } from '@truffle-spawn/core/launch';

/**
 * `--ssh-cidr`, else the caller's public IPv4 /32 (asks for --ssh-cidr when it cannot be found),
 * looked up through HTTPS_PROXY & co. like every AWS call.
 */
export async function resolveSshCidr(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): Promise<string> {
  if (flag) return flag;
  return detectSshCidr((url, signal) => fetchText(url, signal, env));
}
