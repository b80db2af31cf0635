import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './free-port.ts';

/** What the proxy knows about one request, used for matching and kept in {@link FaultProxy.requests}. */
export interface SeenRequest {
  /** AWS operation: query/form `Action`, the part after the dot of `X-Amz-Target`, or `/operation/X`. */
  action: string | undefined;
  /** Signing service and region from the SigV4 `Authorization` credential scope (e.g. `ec2`, `eu-west-1`). */
  service: string | undefined;
  region: string | undefined;
  method: string;
  path: string;
  /** `X-Amz-Target` header as sent, if any. */
  target: string | undefined;
  /** The fault applied, or `undefined` when the request was forwarded untouched. */
  fault: Fault['kind'] | undefined;
}

/** How a matched request is answered. */
export type Fault =
  /** An AWS error in the wire format of the request's protocol (EC2 XML, query XML, JSON, S3 XML). */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Read the request, never answer (until the proxy's `maxHangMs` or close). */
  | { kind: 'hang' }
  /** Destroy the socket without answering (the SDK sees ECONNRESET / socket hang up). */
  | { kind: 'close' }
  /** Forward to the target, but only after `ms` (the call never reached AWS in that time). */
  | { kind: 'delay'; ms: number }
  /** Forward at once (AWS acts on it), hold the answer `ms`, then send it if the client is still there. */
  | { kind: 'late'; ms: number }
  /** Forward at once (AWS acts on it), then destroy the socket instead of answering: the answer is lost. */
  | { kind: 'lost' };

export interface FaultRule {
  /** All given fields must match; a function gets the request and decides. */
  match:
    | {
        action?: string | RegExp;
        target?: string | RegExp;
        path?: string | RegExp;
        service?: string;
        region?: string | RegExp;
      }
    | ((req: SeenRequest) => boolean);
  /** 1-based numbers of the matching calls to fault (`[1]`: only the first); default every call. */
  calls?: number[];
  /** Fault only the first `times` matching calls (then forward). Ignored when `calls` is set. */
  times?: number;
  fault: Fault;
}

export interface FaultProxyOptions {
  /** Where untouched requests go, e.g. the moto endpoint. */
  target: string;
  rules?: FaultRule[];
  /** A `hang` ends (socket destroyed) after this long so no test can hang for ever. Default 60 s. */
  maxHangMs?: number;
}

export interface FaultProxy extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`: use as AWS_ENDPOINT_URL. */
  endpoint: string;
  /** Every request seen, in arrival order. */
  requests: SeenRequest[];
  /** Adds a rule (checked after earlier ones; the first rule that fires wins). */
  add(rule: FaultRule): void;
  /** Removes every rule and forgets call counts (requests are kept). */
  clear(): void;
  close(): Promise<void>;
}

/** Shorthands for common AWS faults. */
export const faults = {
  serverError: (code = 'InternalError'): Fault => ({ kind: 'error', status: 500, code }),
  unauthorized: (): Fault => ({
    kind: 'error',
    status: 403,
    code: 'UnauthorizedOperation',
    message: 'You are not authorized to perform this operation.',
  }),
  accessDenied: (): Fault => ({ kind: 'error', status: 403, code: 'AccessDenied', message: 'Access denied' }),
  authFailure: (): Fault => ({
    kind: 'error',
    status: 401,
    code: 'AuthFailure',
    message: 'AWS was not able to validate the provided access credentials',
  }),
  expiredToken: (): Fault => ({
    kind: 'error',
    status: 400,
    code: 'ExpiredToken',
    message: 'The security token included in the request is expired',
  }),
  throttling: (): Fault => ({ kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' }),
  hang: (): Fault => ({ kind: 'hang' }),
  close: (): Fault => ({ kind: 'close' }),
  delay: (ms: number): Fault => ({ kind: 'delay', ms }),
  late: (ms: number): Fault => ({ kind: 'late', ms }),
  lost: (): Fault => ({ kind: 'lost' }),
} as const;

/**
 * A loopback HTTP proxy in front of an AWS emulator that injects faults per request, matched by
 * AWS action, `X-Amz-Target`, path, signing service or region, and call count. Listens on a free
 * port; every timer and socket it holds ends on `close()` / `await using`.
 */
export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(o.target);
  const maxHangMs = o.maxHangMs ?? 60_000;
  const rules: { rule: FaultRule; seen: number }[] = (o.rules ?? []).map((rule) => ({ rule, seen: 0 }));
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = describe(req.method ?? 'GET', req.url ?? '/', req.headers, body);
      requests.push(seen);
      const fault = pickFault(rules, seen);
      seen.fault = fault?.kind;
      const forward = (holdMs = 0, lose = false) => {
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (up) => {
            if (lose) {
              up.resume();
              up.on('end', () => req.socket.destroy());
              return;
            }
            const answer = () => {
              if (res.destroyed || req.socket.destroyed) return void up.resume();
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
            };
            if (holdMs > 0) {
              // Buffer the body so the upstream socket is not held open by back-pressure.
              const body: Buffer[] = [];
              up.on('data', (c: Buffer) => body.push(c));
              up.on('end', () =>
                later(holdMs, () => {
                  if (res.destroyed || req.socket.destroyed) return;
                  res.writeHead(up.statusCode ?? 502, up.headers);
                  res.end(Buffer.concat(body));
                }),
              );
              return;
            }
            answer();
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      };
      if (!fault) return forward();
      switch (fault.kind) {
        case 'error': {
          const { contentType, payload } = errorBody(seen, req.headers, fault);
          res.writeHead(fault.status, {
            'content-type': contentType,
            'x-amzn-requestid': 'fault-proxy',
            ...(contentType.includes('json') ? { 'x-amzn-errortype': fault.code } : {}),
          });
          res.end(payload);
          return;
        }
        case 'hang':
          later(maxHangMs, () => req.socket.destroy());
          return;
        case 'close':
          req.socket.destroy();
          return;
        case 'delay':
          later(fault.ms, () => forward());
          return;
        case 'late':
          forward(fault.ms);
          return;
        case 'lost':
          forward(0, true);
          return;
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
    return closed;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    add: (rule) => void rules.push({ rule, seen: 0 }),
    clear: () => void rules.splice(0),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * An endpoint on loopback where nothing listens (connection refused): "unreachable endpoint".
 * The port was free a moment ago; nothing in the tests binds ports in between except by port 0.
 */
export async function closedPortEndpoint(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

function pickFault(rules: { rule: FaultRule; seen: number }[], req: SeenRequest): Fault | undefined {
  for (const entry of rules) {
    if (!matches(entry.rule.match, req)) continue;
    entry.seen++;
    const { calls, times } = entry.rule;
    const fires = calls ? calls.includes(entry.seen) : times === undefined || entry.seen <= times;
    if (fires) return entry.rule.fault;
  }
  return undefined;
}

function matches(m: FaultRule['match'], req: SeenRequest): boolean {
  if (typeof m === 'function') return m(req);
  const test = (want: string | RegExp | undefined, got: string | undefined) =>
    want === undefined || (got !== undefined && (typeof want === 'string' ? want === got : want.test(got)));
  return (
    test(m.action, req.action) &&
    test(m.target, req.target) &&
    test(m.service, req.service) &&
    test(m.region, req.region) &&
    (m.path === undefined || (typeof m.path === 'string' ? req.path.includes(m.path) : m.path.test(req.path)))
  );
}

function describe(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): SeenRequest {
  const target = header(headers, 'x-amz-target');
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(header(headers, 'authorization') ?? '');
  const query = new URL(url, 'http://proxy.invalid').searchParams;
  const form = (header(headers, 'content-type') ?? '').includes('x-www-form-urlencoded')
    ? new URLSearchParams(body.toString('utf8'))
    : undefined;
  const action =
    form?.get('Action') ??
    query.get('Action') ??
    (target ? target.slice(target.lastIndexOf('.') + 1) : undefined) ??
    /\/operation\/([^/?]+)/.exec(url)?.[1];
  return {
    action: action ?? undefined,
    service: scope?.[2],
    region: scope?.[1],
    method,
    path: url,
    target,
    fault: undefined,
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Signing names of the restJson services the tests use (their errors are JSON whatever the method). */
const REST_JSON_SERVICES = new Set(['scheduler']);

/** The error body the SDK's deserializer for this request's protocol expects. */
function errorBody(
  req: SeenRequest,
  headers: IncomingHttpHeaders,
  fault: Extract<Fault, { kind: 'error' }>,
): { contentType: string; payload: string } {
  const message = xmlEscape(fault.message ?? `${fault.code} (injected by the fault proxy)`);
  const code = xmlEscape(fault.code);
  // restJson services send GET/DELETE without a body (no JSON content type) but still read JSON errors.
  const restJson = req.service !== undefined && REST_JSON_SERVICES.has(req.service);
  if (req.target || restJson || (header(headers, 'content-type') ?? '').includes('json')) {
    return {
      contentType: 'application/x-amz-json-1.1',
      payload: JSON.stringify({ __type: fault.code, message: fault.message ?? `${fault.code} (injected)` }),
    };
  }
  if (req.service === 'ec2') {
    return {
      contentType: 'text/xml',
      payload: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`,
    };
  }
  if (req.action) {
    return {
      contentType: 'text/xml',
      payload: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
    };
  }
  return {
    contentType: 'application/xml',
    payload: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`,
  };
}
