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

const DESERIALIZATION = /Deserialization error|\{error\}\.\$response/;
const DESERIALIZATION_HINT =
  /\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\./g;

/** What translateAwsError needs from whatever was thrown. */
export interface AwsErrorFacts {
  name: string;
  message: string;
  /** Set for socket-level failures (ECONNREFUSED...) and SDK timeouts. */
  networkCode: string | undefined;
  /** host:port the socket was talking to, when the error says. */
  endpoint: string | undefined;
  /** HTTP status of the answer, when there was one. */
  httpStatus: number | undefined;
  /** The SDK could not parse the answer (an HTML error page, a proxy, an emulator's 500). */
  unparsable: boolean;
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
  if (!bag) {
    return {
      name: 'Error',
      message: String(error),
      networkCode: undefined,
      endpoint: undefined,
      httpStatus: undefined,
      unparsable: false,
    };
  }
  // Node 20 happy-eyeballs wraps per-address failures in an AggregateError; the first one has the address.
  const inner = asBag(Array.isArray(bag.errors) ? bag.errors[0] : undefined) ?? asBag(bag.cause);
  const name = str(bag.name) ?? 'Error';
  const code = str(bag.code) ?? str(inner?.code);
  const networkCode =
    name === 'TimeoutError' ? 'TimeoutError' : code && NETWORK_CODES.has(code) ? code : undefined;
  const raw = str(bag.message) ?? str(inner?.message) ?? name;
  // The SDK appends how to debug in code ("inspect the hidden field {error}.$response"): not for users.
  const unparsable = DESERIALIZATION.test(raw);
  const message = raw.replace(DESERIALIZATION_HINT, '').trim() || name;
  const status = asBag(bag.$metadata)?.httpStatusCode ?? asBag(bag.$response)?.statusCode;
  return {
    name,
    message,
    networkCode,
    endpoint: socketEndpoint(bag) ?? socketEndpoint(inner),
    httpStatus: typeof status === 'number' ? status : undefined,
    unparsable,
  };
}

function socketEndpoint(bag: Bag | undefined): string | undefined {
  if (!bag) return undefined;
  const host = str(bag.address) ?? str(bag.hostname) ?? str(bag.host);
  if (!host) return undefined;
  return typeof bag.port === 'number' || typeof bag.port === 'string' ? `${host}:${bag.port}` : host;
}
