import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the SDK sent it: its action and its body's parameters (EC2 query protocol). */
export interface SentRequest {
  action: string | undefined;
  params: URLSearchParams;
}

/**
 * Changes a request before it is forwarded (it is recorded as the SDK sent it): a new body to
 * forward, `'answered'` when it wrote the response itself, undefined to forward it as it is.
 */
export type Intercept = (params: URLSearchParams, res: ServerResponse) => Buffer | 'answered' | undefined;

/**
 * Runs `fn` with AWS_ENDPOINT_URL pointing at a recorder that forwards everything to `target`
 * and keeps each body (the fault proxy records actions only; these tests check parameters).
 */
export async function recordRequests<T>(
  target: string,
  fn: (sent: SentRequest[]) => Promise<T>,
  intercept?: Intercept,
): Promise<T> {
  const sent: SentRequest[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Buffer = Buffer.concat(chunks);
      const params = new URLSearchParams(body.toString('utf8'));
      sent.push({ action: params.get('Action') ?? undefined, params: new URLSearchParams(params) });
      const changed = intercept?.(params, res);
      if (changed === 'answered') return;
      if (changed) body = changed;
      const headers = { ...req.headers, 'content-length': String(body.length) };
      const up = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const before = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await fn(sent);
  } finally {
    process.env.AWS_ENDPOINT_URL = before;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** `Prefix.1.Key=a, Prefix.1.Value=b, ...` as an object (a query-protocol tag list). */
export function queryTags(params: URLSearchParams, prefix: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 1; params.has(`${prefix}.${i}.Key`); i++)
    tags[params.get(`${prefix}.${i}.Key`) ?? ''] = params.get(`${prefix}.${i}.Value`) ?? '';
  return tags;
}

/** Every `TagSpecification.N` of a request: resource type → its tags. */
export function tagSpecifications(params: URLSearchParams): Record<string, Record<string, string>> {
  const specs: Record<string, Record<string, string>> = {};
  for (let n = 1; params.has(`TagSpecification.${n}.ResourceType`); n++)
    specs[params.get(`TagSpecification.${n}.ResourceType`) ?? ''] = queryTags(
      params,
      `TagSpecification.${n}.Tag`,
    );
  return specs;
}
