import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

export interface MotoServer {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts a moto server on a free loopback port and waits until it answers a reset.
 * `python(port)` gives python3's arguments; default: the plain `moto.server` module.
 */
export async function startMotoServer(
  python: (port: number) => string[] = (port) => ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn('python3', python(port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const server = { endpoint, child, stop: () => stopChild(child) };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited early:\n${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto server did not start on ${endpoint} within 30 s:\n${stderr}`);
}

/** The pipe is released first so it cannot hold vitest (or a benchmark) open. */
async function stopChild(child: ChildProcess): Promise<void> {
  child.stderr?.destroy();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
