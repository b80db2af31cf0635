import { connect } from 'node:net';

/** Resolves once host:port accepts a TCP connection, retrying until `timeoutMs`. */
export async function probePort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port, timeout: 3000 });
      const done = (value: boolean) => {
        socket.destroy();
        resolve(value);
      };
      socket.once('connect', () => done(true));
      socket.once('timeout', () => done(false));
      socket.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`no answer on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}
