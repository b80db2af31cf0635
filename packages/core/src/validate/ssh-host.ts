import { isIP } from 'node:net';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * True for an IPv4/IPv6 address or a DNS name (letters, digits, inner dashes, dot-separated,
 * at most 253 characters): nothing ssh could read as an option, a user or a second argument.
 */
export function isSshHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => LABEL.test(label));
}
