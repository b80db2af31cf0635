import type { IncomingMessage } from 'node:http';
import { createProxyAgent } from './proxy-agent.ts';

/**
 * GETs a URL's body as text through the configured proxy (HTTPS_PROXY, NO_PROXY...), with plain
 * `fetch` when none is set. Node's fetch ignores proxy variables, so a proxied request goes
 * through node:https with the same agent the AWS clients use.
 */
export async function fetchText(
  url: string,
  signal: AbortSignal,
  env: Record<string, string | undefined>,
): Promise<string> {
  const agent = await createProxyAgent(env);
  if (!agent) {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.text();
  }
  const { get } = url.startsWith('https:') ? await import('node:https') : await import('node:http');
  try {
    return await new Promise<string>((resolve, reject) => {
      get(url, { agent, signal }, (res: IncomingMessage) => {
        if ((res.statusCode ?? 0) >= 400) {
          res.resume();
          reject(new Error(`HTTP ${res.statusCode}`));
          return;
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      }).on('error', reject);
    });
  } finally {
    agent.destroy();
  }
}
