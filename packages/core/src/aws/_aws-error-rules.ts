import type { ErrorCode } from '../errors/error-codes.ts';
import type { AwsErrorFacts } from './_aws-error-facts.ts';

/** Where an AWS error happened, to make messages and hints concrete. */
export interface AwsErrorContext {
  region?: string;
  profile?: string;
  /** API operation, e.g. `RunInstances`. */
  operation?: string;
  /** Endpoint URL, used when the network error itself does not name one. */
  endpoint?: string;
}

export interface Translation {
  code: ErrorCode;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

const names = (...list: string[]) => new Set(list);
const EXPIRED = names(
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'TokenProviderError',
  // SSO portal's answer to a stale access token.
  'UnauthorizedException',
);
const DENIED = names('UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException');
const CAPACITY = names(
  'InsufficientInstanceCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'InsufficientCapacityOnOutpost',
);
const QUOTA = names('VcpuLimitExceeded', 'InstanceLimitExceeded', 'MaxSpotInstanceCountExceeded');
const INVALID = names(
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidParameter',
  'ValidationError',
  'ValidationException',
);
const THROTTLE = names(
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
);
const SSO_EXPIRED = /SSO session .*(expired|invalid)|sso.*token.*(expired|invalid)|aws sso login/i;
const NO_CREDENTIALS = /Could not load credentials/i;
const ACTION = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/i;

const inRegion = (c: AwsErrorContext) => (c.region ? ` in ${c.region}` : '');
const profileArg = (c: AwsErrorContext) => (c.profile ? ` --profile ${c.profile}` : '');

/** Picks our error code, message and hint for one AWS failure. Order matters: SSO text beats names. */
export function classifyAwsError(f: AwsErrorFacts, c: AwsErrorContext): Translation {
  const detail = `(${f.name}): ${f.message}`;
  const sso = SSO_EXPIRED.test(f.message);
  if (sso || EXPIRED.has(f.name)) {
    const who = c.profile ? `for profile "${c.profile}" ` : '';
    return {
      code: 'CREDENTIALS_EXPIRED',
      message: `The AWS credentials ${who}are expired or invalid ${detail}`,
      hint: sso
        ? `Run \`aws sso login${profileArg(c)}\`, then retry.`
        : `Refresh your credentials (\`aws sso login${profileArg(c)}\` for SSO profiles, \`aws configure${profileArg(c)}\` for access keys), then retry.`,
    };
  }
  if (f.name === 'CredentialsProviderError' || NO_CREDENTIALS.test(f.message)) {
    const which = c.profile ? ` for profile "${c.profile}"` : '';
    return {
      code: 'CREDENTIALS_MISSING',
      message: `No AWS credentials were found${which}.`,
      hint: c.profile
        ? `Run \`aws configure --profile ${c.profile}\`, or \`aws sso login --profile ${c.profile}\` if it uses SSO.`
        : 'Run `aws configure` (or `aws sso login --profile <name>` and pass --profile), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    };
  }
  if (DENIED.has(f.name)) {
    const action = ACTION.exec(f.message)?.[1] ?? c.operation;
    const encoded = /Encoded authorization failure message/i.test(f.message);
    return {
      code: 'UNAUTHORIZED_OPERATION',
      message: `Your AWS identity is not allowed to call ${action ?? 'this operation'}${inRegion(c)} ${detail}`,
      hint: `Ask an administrator to allow ${action ?? 'this action'} for your IAM identity, or use another --profile.${encoded ? ' `aws sts decode-authorization-message --encoded-message <message>` explains the denial.' : ''}`,
      details: action ? { action } : undefined,
    };
  }
  return classifyServiceError(f, c, detail);
}

function classifyServiceError(f: AwsErrorFacts, c: AwsErrorContext, detail: string): Translation {
  if (CAPACITY.has(f.name)) {
    return {
      code: 'EC2_CAPACITY_UNAVAILABLE',
      message: `AWS has no spare capacity for this request${inRegion(c)} right now ${detail}`,
      hint: 'Try another availability zone or instance type, or rerun with --try-all to walk through the alternatives.',
    };
  }
  if (f.name === 'Unsupported') {
    return {
      code: 'EC2_UNSUPPORTED_IN_AZ',
      message: `This request is not supported in the chosen availability zone${inRegion(c)} ${detail}`,
      hint: 'Choose another availability zone or instance type.',
    };
  }
  if (QUOTA.has(f.name)) {
    return {
      code: 'EC2_QUOTA_EXCEEDED',
      message: `An EC2 quota was reached${inRegion(c)} ${detail}`,
      hint: 'See your limits with `truffle quotas` and ask for more with `truffle quotas --request`.',
    };
  }
  if (f.name === 'SpotMaxPriceTooLow') {
    return {
      code: 'SPOT_MAX_PRICE_TOO_LOW',
      message: `The spot max price is below the current spot price${inRegion(c)} ${detail}`,
      hint: 'Raise the max price, or leave it unset to pay at most the on-demand price.',
    };
  }
  if (INVALID.has(f.name)) {
    return {
      code: 'INVALID_PARAMETER',
      message: `AWS rejected a parameter${c.operation ? ` of ${c.operation}` : ''} ${detail}`,
      hint: 'Check the values passed to this command (see --help).',
    };
  }
  if (THROTTLE.has(f.name)) {
    return {
      code: 'THROTTLED',
      message: `AWS throttled the requests${inRegion(c)} even after retrying ${detail}`,
      hint: 'Wait a minute and retry, query fewer regions at once, or raise AWS_MAX_ATTEMPTS.',
    };
  }
  return classifyOther(f, c, detail);
}

function classifyOther(f: AwsErrorFacts, c: AwsErrorContext, detail: string): Translation {
  // The SDK's own connect/response timeouts (a socket-level ETIMEDOUT stays a network error).
  if (f.networkCode === 'TimeoutError') {
    const ms = /(\d+) ?ms/.exec(f.message)?.[1];
    const after = ms ? ` within ${Number(ms) / 1000} s` : ' in time';
    const connect = /connection/i.test(f.message);
    const endpoint = f.endpoint ?? c.endpoint;
    return {
      code: 'TIMEOUT',
      message: `AWS${endpoint ? ` at ${endpoint}` : ''} did not ${connect ? 'accept a connection' : 'answer'}${after}${c.operation ? ` (${c.operation})` : ''}${inRegion(c)}.`,
      hint: 'Retry; if it keeps happening, check the network and AWS_ENDPOINT_URL, or allow more time with --timeout SECONDS.',
      details: { timeoutMs: ms ? Number(ms) : undefined },
    };
  }
  if (f.networkCode) {
    const endpoint = f.endpoint ?? c.endpoint;
    return {
      code: 'NETWORK_ERROR',
      message: `Could not reach AWS${endpoint ? ` at ${endpoint}` : ''}${inRegion(c)} (${f.networkCode}): ${f.message}`,
      hint: 'Check the network connection, proxy settings and AWS_ENDPOINT_URL, then retry.',
      details: endpoint ? { endpoint } : undefined,
    };
  }
  if (f.name === 'AbortError') {
    return { code: 'CANCELLED', message: `The AWS request was cancelled${inRegion(c)}.` };
  }
  const call = c.operation ? ` for ${c.operation}` : '';
  if (f.unparsable) {
    const status = f.httpStatus ? `HTTP ${f.httpStatus} ` : '';
    return {
      code: 'AWS_ERROR',
      message: `AWS answered${call}${inRegion(c)} with ${status}and a body that is not an AWS response.`,
      hint: 'Retry later. If AWS_ENDPOINT_URL points at an emulator or a proxy, it may not implement this call.',
      details: f.httpStatus ? { httpStatus: f.httpStatus } : undefined,
    };
  }
  return {
    code: 'AWS_ERROR',
    message: `AWS returned an error${call}${inRegion(c)} ${detail}`,
    hint:
      f.name === 'OptInRequired'
        ? 'Enable the region for your account (AWS console, Account, AWS Regions) or choose another region.'
        : undefined,
  };
}
