import { connect } from 'node:net';

const ATTEMPT_TIMEOUT_MS = 3000;
const RETRY_DELAY_MS = 3000;

/**
 * Resolves once host:port accepts a TCP connection, retrying until `timeoutMs` has passed.
 * `signal` (Ctrl-C) ends it at once: the open socket is destroyed and the promise rejects.
 */
export async function probePort(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const left = deadline - Date.now();
    const ok = await new Promise<boolean>((resolve, reject) => {
      const socket = connect({ host, port, timeout: Math.max(100, Math.min(ATTEMPT_TIMEOUT_MS, left)) });
      const onAbort = () => {
        socket.destroy();
        reject(signal?.reason);
      };
      const done = (value: boolean) => {
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve(value);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => done(true));
      socket.once('timeout', () => done(false));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`no answer on ${host}:${port}`);
    await sleep(Math.min(RETRY_DELAY_MS, remaining), signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
