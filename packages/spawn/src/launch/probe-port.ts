import { connect } from 'node:net';

const ATTEMPT_TIMEOUT_MS = 3000;
const RETRY_DELAY_MS = 3000;

/** Resolves once host:port accepts a TCP connection, retrying until `timeoutMs` has passed. */
export async function probePort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port, timeout: Math.max(100, Math.min(ATTEMPT_TIMEOUT_MS, left)) });
      const done = (value: boolean) => {
        socket.destroy();
        resolve(value);
      };
      socket.once('connect', () => done(true));
      socket.once('timeout', () => done(false));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`no answer on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, Math.min(RETRY_DELAY_MS, remaining)));
  }
}
