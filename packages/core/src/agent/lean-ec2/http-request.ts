import {
  type ClientRequest,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The part of a fetch Response the agent reads. */
export interface HttpResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A fetch-shaped HTTP call; global `fetch` fits it, tests pass their own. */
export type HttpFetch = (url: string | URL, init?: HttpInit) => Promise<HttpResponse>;

/**
 * A small fetch on node:http(s). The global fetch loads undici, about 18 MB of resident memory in
 * an agent that makes a few calls a minute.
 */
export const httpFetch: HttpFetch = (url, init = {}) => {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return sendRequest(init, (options, onResponse) => send(target, options, onResponse));
};

type Send = (options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest;

/** Sends `init` through `send` (a node:http(s) request of the caller's making) and reads the answer. */
export function sendRequest(init: HttpInit, send: Send): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = send({ method: init.method ?? 'GET', headers, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: status >= 200 && status < 300, status, text: async () => body });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
