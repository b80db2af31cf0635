import { fetchText } from '@truffle-spawn/core/aws';
import { detectSshCidr, type FetchText } from '@truffle-spawn/core/launch';

/**
 * The public-IP check as launch, connect and allow-ip make it: through HTTPS_PROXY & co. like
 * every AWS call; SPAWN_CHECKIP_URL, when set, replaces checkip.amazonaws.com (a service that
 * answers the same way, or a local stand-in in tests).
 */
export function checkIpFetcher(env: Record<string, string | undefined>): FetchText {
  const override = env.SPAWN_CHECKIP_URL;
  return (url, signal) => fetchText(override || url, signal, env);
}

/** `--ssh-cidr`, else the caller's public IPv4 /32 (asks for --ssh-cidr when it cannot be found). */
export async function resolveSshCidr(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): Promise<string> {
  if (flag) return flag;
  return detectSshCidr(checkIpFetcher(env));
}
