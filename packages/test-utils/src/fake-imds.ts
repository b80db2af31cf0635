import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeImdsOptions {
  instanceId?: string;
  region?: string;
  availabilityZone?: string;
  tags?: Record<string, string>;
  /** `meta-data/ami-launch-index`: the instance's place in its RunInstances call (default 0). */
  amiLaunchIndex?: number;
}

export interface FakeImds {
  /** e.g. `http://127.0.0.1:41234`: the value for AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  endpoint: string;
  setInstanceId(id: string): void;
  /** `undefined` turns instance metadata tags off (404, as when the option is disabled). */
  setTags(tags: Record<string, string> | undefined): void;
  setSpotAction(action: { action: string; time: string } | undefined): void;
  /** Requests seen, for assertions ("the installer asked for a token"). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A tiny IMDSv2 on loopback: PUT /latest/api/token (TTL header required) returns a token; every
 * GET needs it in X-aws-ec2-metadata-token or gets 401, like the real service.
 */
export async function startFakeImds(options: FakeImdsOptions = {}): Promise<FakeImds> {
  let instanceId = options.instanceId ?? 'i-0123456789abcdef0';
  const region = options.region ?? 'us-east-1';
  const az = options.availabilityZone ?? `${region}a`;
  let tags: Record<string, string> | undefined = options.tags;
  let spot: { action: string; time: string } | undefined;
  const tokens = new Set<string>();
  const requests: string[] = [];

  const send = (res: ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push(`${req.method} ${path}`);
    if (path === '/latest/api/token') {
      if (req.method !== 'PUT') return send(res, 405);
      if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) return send(res, 400);
      const token = `token-${tokens.size + 1}-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return send(res, 200, token);
    }
    if (req.method !== 'GET') return send(res, 405);
    if (!tokens.has(String(req.headers['x-aws-ec2-metadata-token'] ?? ''))) return send(res, 401);
    const meta = path.replace(/^\/latest\/meta-data\//, '');
    if (meta === 'instance-id') return send(res, 200, instanceId);
    if (meta === 'placement/region') return send(res, 200, region);
    if (meta === 'ami-launch-index') return send(res, 200, String(options.amiLaunchIndex ?? 0));
    if (meta === 'placement/availability-zone') return send(res, 200, az);
    if (meta === 'spot/instance-action') return spot ? send(res, 200, JSON.stringify(spot)) : send(res, 404);
    if (meta === 'tags/instance' || meta === 'tags/instance/') {
      return tags ? send(res, 200, Object.keys(tags).join('\n')) : send(res, 404);
    }
    if (meta.startsWith('tags/instance/')) {
      const value = tags?.[decodeURIComponent(meta.slice('tags/instance/'.length))];
      return value === undefined ? send(res, 404) : send(res, 200, value);
    }
    return send(res, 404);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setInstanceId: (id) => {
      instanceId = id;
    },
    setTags: (t) => {
      tags = t;
    },
    setSpotAction: (a) => {
      spot = a;
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
