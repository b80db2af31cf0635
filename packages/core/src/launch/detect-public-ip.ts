import { UserError } from '../errors/user-error.ts';

/** Fetches a URL's body as text; injected so tests never reach the network. */
export type FetchText = (url: string, signal: AbortSignal) => Promise<string>;

const CHECKIP_URL = 'https://checkip.amazonaws.com';

/**
 * The caller's public IPv4 as a /32 for the SSH rule. When it cannot be found, spawn asks for
 * --ssh-cidr instead of ever opening SSH to the world.
 */
export async function detectSshCidr(fetchText: FetchText, timeoutMs = 5000): Promise<string> {
  let body: string;
  try {
    body = await fetchText(CHECKIP_URL, AbortSignal.timeout(timeoutMs));
  } catch (error) {
    throw cidrUnknown(`could not reach ${CHECKIP_URL}`, error);
  }
  const ip = body.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw cidrUnknown(`${CHECKIP_URL} answered "${ip.slice(0, 40)}"`);
  return `${ip}/32`;
}

function cidrUnknown(why: string, cause?: unknown): UserError {
  return new UserError('SSH_CIDR_UNKNOWN', `Could not detect your public IP address (${why}).`, {
    hint: 'Pass --ssh-cidr with the address SSH will come from, e.g. --ssh-cidr 203.0.113.7/32.',
    cause,
  });
}
