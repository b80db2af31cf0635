import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

/** One request a {@link ForwardProxy} saw: `GET http://host/path` (forwarded) or `CONNECT host:443`. */
export interface ProxiedRequest {
  method: string;
  /** The absolute URL of a forwarded request, or `host:port` of a CONNECT. */
  target: string;
  /** The Proxy-Authorization header it carried, if any. */
  proxyAuthorization?: string;
}

export interface ForwardProxy extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`: use as HTTP_PROXY / HTTPS_PROXY. */
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A minimal HTTP proxy like a corporate one: absolute-URI requests are forwarded (plain http, as
 * an SDK talking to moto sends them), CONNECT is tunnelled to the target unless `refuseConnect`
 * (then answered 502, so nothing leaves the machine). Every request is recorded.
 */
export async function startForwardProxy(o: { refuseConnect?: boolean } = {}): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', target: req.url ?? '', ...auth(req.headers) });
    const url = new URL(req.url ?? '');
    const { 'proxy-authorization': _credentials, ...headers } = req.headers;
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket, head) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', ...auth(req.headers) });
    if (o.refuseConnect) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}

function auth(headers: IncomingHttpHeaders): { proxyAuthorization?: string } {
  const value = headers['proxy-authorization'];
  return value ? { proxyAuthorization: value } : {};
}
