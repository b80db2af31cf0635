import { recordRequests, type SentRequest } from './_query-bodies.ts';

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
  // The SDK retries a 500 with the same ClientToken: one call, one answer.
  const rooms = new Map<string, number>();
  return recordRequests(target, fn, (params, res) => {
    if (params.get('Action') !== 'RunInstances') return undefined;
    const max = Number(params.get('MaxCount') ?? '1');
    const token = params.get('ClientToken') ?? String(rooms.size);
    const room = rooms.get(token) ?? Math.min(max, capacity(rooms.size + 1, params));
    rooms.set(token, room);
    if (room <= 0) {
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InsufficientInstanceCapacity</Code><Message>We currently do not have sufficient capacity in the Availability Zone you requested.</Message></Error></Errors><RequestID>capacity-proxy</RequestID></Response>',
      );
      return 'answered';
    }
    params.set('MinCount', String(room));
    return Buffer.from(params.toString());
  });
}

/** EC2 with room everywhere: every RunInstances starts its MaxCount. */
export const roomForAll: Capacity = () => Number.POSITIVE_INFINITY;
