const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** What translateAwsError needs from whatever was thrown. */
export interface AwsErrorFacts {
  name: string;
  message: string;
  /** Set for socket-level failures (ECONNREFUSED...) and SDK timeouts. */
  networkCode: string | undefined;
  /** host:port the socket was talking to, when the error says. */
  endpoint: string | undefined;
}

type Bag = Record<string, unknown>;

function asBag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null ? (value as Bag) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads name, message and socket details from an SDK, Node or unknown error. */
export function readAwsErrorFacts(error: unknown): AwsErrorFacts {
  const bag = asBag(error);
  if (!bag) return { name: 'Error', message: String(error), networkCode: undefined, endpoint: undefined };
  // Node 20 happy-eyeballs wraps per-address failures in an AggregateError; the first one has the address.
  const inner = asBag(Array.isArray(bag.errors) ? bag.errors[0] : undefined) ?? asBag(bag.cause);
  const name = str(bag.name) ?? 'Error';
  const code = str(bag.code) ?? str(inner?.code);
  const networkCode =
    name === 'TimeoutError' ? 'TimeoutError' : code && NETWORK_CODES.has(code) ? code : undefined;
  const message = str(bag.message) ?? str(inner?.message) ?? name;
  return { name, message, networkCode, endpoint: socketEndpoint(bag) ?? socketEndpoint(inner) };
}

function socketEndpoint(bag: Bag | undefined): string | undefined {
  if (!bag) return undefined;
  const host = str(bag.address) ?? str(bag.hostname) ?? str(bag.host);
  if (!host) return undefined;
  return typeof bag.port === 'number' || typeof bag.port === 'string' ? `${host}:${bag.port}` : host;
}
