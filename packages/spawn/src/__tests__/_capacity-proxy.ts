import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SentRequest } from './_query-bodies.ts';

/**
 * How many instances the AZ of RunInstances call `n` (1-based, by ClientToken) has room for; 0 = a capacity
 * refusal (InsufficientInstanceCapacity, as EC2 answers it: HTTP 500).
 */
export type Capacity = (n: number, params: URLSearchParams) => number;

/**
 * Runs `fn` with AWS_ENDPOINT_URL pointing at a proxy standing in for EC2's capacity in front of
 * moto. EC2 given MinCount 1 and MaxCount N starts as many as there is room for (up to N); moto
 * always starts exactly MinCount. So the proxy rewrites each RunInstances' MinCount to what
 * `capacity` says the AZ has room for (default: all of MaxCount), and answers 0 with the refusal.
 * Every request is recorded as the SDK sent it (before the rewrite).
 */
export async function withCapacity<T>(
  target: string,
  capacity: Capacity,
  fn: (sent: SentRequest[]) => Promise<T>,
): Promise<T> {
  const sent: SentRequest[] = [];
  const to = new URL(target);
  // The SDK retries a 500 with the same ClientToken: one call, one answer.
  const rooms = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? undefined;
      sent.push({ action, params: new URLSearchParams(params) });
      if (action === 'RunInstances') {
        const max = Number(params.get('MaxCount') ?? '1');
        const token = params.get('ClientToken') ?? String(rooms.size);
        const room = rooms.get(token) ?? Math.min(max, capacity(rooms.size + 1, params));
        rooms.set(token, room);
        if (room <= 0) {
          res.writeHead(500, { 'content-type': 'text/xml' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InsufficientInstanceCapacity</Code><Message>We currently do not have sufficient capacity in the Availability Zone you requested.</Message></Error></Errors><RequestID>capacity-proxy</RequestID></Response>',
          );
          return;
        }
        params.set('MinCount', String(room));
        body = Buffer.from(params.toString());
      }
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

/** EC2 with room everywhere: every RunInstances starts its MaxCount. */
export const roomForAll: Capacity = () => Number.POSITIVE_INFINITY;
