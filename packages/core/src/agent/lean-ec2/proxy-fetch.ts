import { type ClientRequest, request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { redactProxy } from '../../aws/proxy-variables.ts';
import { type HttpFetch, sendRequest } from './http-request.ts';
import { type ProxyChoice, proxyFor } from './proxy-env.ts';

export interface ProxiedFetchOptions {
  /** Extra trusted CA certificates (PEM) for https targets. */
  ca?: string;
}

/**
 * {@link HttpFetch} that honours the proxy variables in `env` per request (see {@link proxyFor}):
 * https targets through an HTTP CONNECT tunnel, http targets forwarded as absolute-URI requests,
 * proxy credentials from the URL as Proxy-Authorization. Without a proxy it connects directly.
 * A proxy that cannot be reached or refuses fails with an error naming it (password hidden).
 */
export function createProxiedFetch(
  env: Readonly<Record<string, string | undefined>>,
  o: ProxiedFetchOptions = {},
): HttpFetch {
  const tls = o.ca ? { ca: o.ca } : {};
  return async (url, init = {}) => {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    const proxy = proxyFor(target, env);
    if (!proxy) {
      const send = isHttps ? httpsRequest : httpRequest;
      return sendRequest(init, (options, onResponse) => send(target, { ...options, ...tls }, onResponse));
    }
    if (isHttps) {
      const socket = await openTunnel(proxy, target, init.signal, tls);
      // No agent: the request runs on the tunnelled TLS socket, which it then owns.
      return sendRequest(init, (options, onResponse) =>
        httpsRequest(target, { ...options, createConnection: () => socket }, onResponse),
      );
    }
    const res = await sendRequest(init, (options, onResponse) =>
      proxyRequest(
        proxy.url,
        { ...options, path: target.href, headers: { ...options.headers, host: target.host } },
        onResponse,
      ),
    ).catch((error: unknown) => {
      throw asProxyError(proxy, target, error);
    });
    if (res.status === 407) throw proxyError(proxy, target, 'asks for credentials (HTTP 407)');
    return res;
  };
}

function openTunnel(
  proxy: ProxyChoice,
  target: URL,
  signal: AbortSignal | undefined,
  tls: { ca?: string },
): Promise<TLSSocket> {
  const authority = `${target.hostname}:${target.port || '443'}`;
  return new Promise((resolve, reject) => {
    const req = proxyRequest(proxy.url, {
      method: 'CONNECT',
      path: authority,
      headers: { host: authority },
      signal,
    });
    req.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        const why = `refused CONNECT ${authority} (HTTP ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''})`;
        reject(proxyError(proxy, target, why));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const servername = target.hostname.replace(/^\[|\]$/g, '');
      const secure = tlsConnect({ socket, ...(isIP(servername) ? {} : { servername }), ...tls });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    req.once('error', (error) => reject(asProxyError(proxy, target, error)));
    req.end();
  });
}

/** A request to the proxy itself, its credentials as Proxy-Authorization (never Authorization). */
function proxyRequest(
  proxy: URL,
  options: RequestOptions,
  onResponse?: Parameters<typeof httpRequest>[2],
): ClientRequest {
  const isHttps = proxy.protocol === 'https:';
  const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
  if (proxy.username || proxy.password) {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  const send = isHttps ? httpsRequest : httpRequest;
  return send(
    {
      ...options,
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (isHttps ? 443 : 80),
      headers,
      agent: false,
    },
    onResponse,
  );
}

function asProxyError(proxy: ProxyChoice, target: URL, error: unknown): unknown {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return proxyError(
    proxy,
    target,
    `could not be reached: ${message}`,
    typeof code === 'string' ? code : undefined,
  );
}

/**
 * Names the proxy and the variable that set it. Carries a network `code` and the AWS target as
 * `hostname`/`port`, so error translation reads it as "could not reach AWS at <target>".
 */
function proxyError(proxy: ProxyChoice, target: URL, what: string, code = 'ECONNREFUSED'): Error {
  const error = new Error(`proxy ${redactProxy(proxy.url)} (from ${proxy.variable}) ${what}`);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return Object.assign(error, { code, hostname: target.hostname, port });
}
