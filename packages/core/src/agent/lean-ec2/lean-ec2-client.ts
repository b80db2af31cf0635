import type { ImdsClient } from '../imds-client.ts';
import { createCredentialSource } from './credentials.ts';
import { parseEc2Error } from './ec2-xml.ts';
import type { HttpFetch } from './http-request.ts';
import { createProxiedFetch } from './proxy-fetch.ts';
import { signRequest } from './sigv4.ts';

/** The EC2 API version spawnd speaks (the one every current SDK uses). */
export const EC2_API_VERSION = '2016-11-15';
const TIMEOUT_MS = 30_000;

/**
 * The EC2 calls spawnd makes, as Query API requests. Rejects with an Error whose `name` is the
 * AWS error code (as the SDK's errors), so error translation and the daemon's retries still apply.
 */
export interface AgentEc2Client {
  /** One call: `Action` plus flattened parameters (`ResourceId.1`, `Tag.1.Key`…); resolves with the XML. */
  send(action: string, params: Readonly<Record<string, string>>): Promise<string>;
}

export interface LeanEc2Options {
  region: string;
  env: Readonly<Record<string, string | undefined>>;
  /** For the instance role's credentials when the environment has none. */
  imds: Pick<ImdsClient, 'roleCredentials'>;
  /**
   * node:http(s) by default (the global fetch costs ~18 MB resident), through the proxy that
   * HTTPS_PROXY / HTTP_PROXY / ALL_PROXY in `env` name unless NO_PROXY exempts the endpoint.
   */
  fetch?: HttpFetch;
  now?: () => number;
  /** Per request; 30 s by default. */
  timeoutMs?: number;
}

/** An endpoint the same way the SDK picks one: service variable, global variable, then AWS. */
export function ec2Endpoint(region: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.AWS_ENDPOINT_URL_EC2 || env.AWS_ENDPOINT_URL || `https://ec2.${region}.amazonaws.com`;
}

/**
 * A small EC2 client for the daemon: SigV4-signed form POSTs, no SDK. The SDK's EC2 client alone
 * costs about 95 MB of resident memory, more than the rest of the agent together.
 */
export function createLeanEc2Client(o: LeanEc2Options): AgentEc2Client {
  const url = new URL(ec2Endpoint(o.region, o.env));
  const credentials = createCredentialSource(o);
  const doFetch = o.fetch ?? createProxiedFetch(o.env);
  const now = o.now ?? Date.now;
  return {
    async send(action, params) {
      const body = new URLSearchParams({ Action: action, Version: EC2_API_VERSION, ...params }).toString();
      const headers = signRequest({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
        credentials: await credentials(),
        region: o.region,
        service: 'ec2',
        now: new Date(now()),
      });
      // fetch sets Host itself and refuses to be told.
      const { host: _host, ...sent } = headers;
      const res = await doFetch(url, {
        method: 'POST',
        headers: sent,
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.ok) return text;
      const parsed = parseEc2Error(text);
      const error = new Error(parsed?.message ?? `EC2 ${action} failed: HTTP ${res.status}`);
      error.name = parsed?.code ?? (res.status >= 500 ? 'InternalError' : `Http${res.status}`);
      Object.assign(error, {
        $fault: res.status >= 500 ? 'server' : 'client',
        $metadata: { httpStatusCode: res.status, requestId: parsed?.requestId },
      });
      throw error;
    },
  };
}
