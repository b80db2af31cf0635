import { type HttpFetch, httpFetch } from './lean-ec2/http-request.ts';

/** The IMDS address on EC2; AWS_EC2_METADATA_SERVICE_ENDPOINT overrides it (the SDK's variable). */
export const DEFAULT_IMDS_ENDPOINT = 'http://169.254.169.254';

/** A spot interruption notice from `spot/instance-action`. */
export interface SpotAction {
  action: string;
  time: string;
}

export interface ImdsClient {
  instanceId(): Promise<string>;
  region(): Promise<string>;
  /** Instance tags when "instance metadata tags" is enabled; `undefined` when it is not. */
  tags(): Promise<Record<string, string> | undefined>;
  /** The pending interruption, or `undefined` when none is scheduled. */
  spotAction(): Promise<SpotAction | undefined>;
  /** The instance role's temporary credentials; `undefined` when no role is attached. */
  roleCredentials(): Promise<RoleCredentials | undefined>;
}

/** `iam/security-credentials/<role>` as IMDS serves it. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
}

export interface ImdsOptions {
  endpoint?: string;
  /** node:http by default (the global fetch costs ~18 MB resident). */
  fetch?: HttpFetch;
  timeoutMs?: number;
}

/** A minimal IMDSv2 client: one session token (refreshed on 401), GETs with the token header. */
export function createImdsClient(options: ImdsOptions = {}): ImdsClient {
  const base = (options.endpoint || DEFAULT_IMDS_ENDPOINT).replace(/\/+$/, '');
  const doFetch = options.fetch ?? httpFetch;
  const timeoutMs = options.timeoutMs ?? 2000;
  let token: { value: string; expires: number } | undefined;

  async function getToken(): Promise<string> {
    if (token && token.expires > Date.now()) return token.value;
    const res = await doFetch(`${base}/latest/api/token`, {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`IMDS token request failed: HTTP ${res.status}`);
    token = { value: await res.text(), expires: Date.now() + 6 * 3_600_000 - 60_000 };
    return token.value;
  }

  async function get(path: string, retried = false): Promise<string | undefined> {
    const res = await doFetch(`${base}/latest/meta-data/${path}`, {
      headers: { 'X-aws-ec2-metadata-token': await getToken() },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 401 && !retried) {
      token = undefined;
      return get(path, true);
    }
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`IMDS ${path} failed: HTTP ${res.status}`);
    return res.text();
  }

  async function required(path: string): Promise<string> {
    const value = await get(path);
    if (!value) throw new Error(`IMDS ${path} is empty`);
    return value.trim();
  }

  return {
    instanceId: () => required('instance-id'),
    region: () => required('placement/region'),
    async tags() {
      const list = await get('tags/instance');
      if (list === undefined) return undefined;
      const tags: Record<string, string> = {};
      for (const key of list
        .split('\n')
        .map((k) => k.trim())
        .filter(Boolean)) {
        const value = await get(`tags/instance/${encodeURIComponent(key)}`);
        if (value !== undefined) tags[key] = value;
      }
      return tags;
    },
    async spotAction() {
      const text = await get('spot/instance-action');
      if (!text) return undefined;
      const parsed = JSON.parse(text) as Partial<SpotAction>;
      return { action: String(parsed.action ?? 'unknown'), time: String(parsed.time ?? '') };
    },
    async roleCredentials() {
      const role = (await get('iam/security-credentials/'))?.split('\n')[0]?.trim();
      if (!role) return undefined;
      const text = await get(`iam/security-credentials/${encodeURIComponent(role)}`);
      if (!text) return undefined;
      const c = JSON.parse(text) as Record<string, string | undefined>;
      if (!c.AccessKeyId || !c.SecretAccessKey) throw new Error(`IMDS role ${role} returned no credentials`);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.Token ?? '',
        expiration: Date.parse(c.Expiration ?? '') || Date.now() + 3_600_000,
      };
    },
  };
}
