import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

/**
 * Starts one moto server per test worker (files in one worker run one at a time, so each file
 * may reset "its" server freely). moto is a real AWS API emulator speaking HTTP on loopback.
 */
const servers: ChildProcess[] = [];

export async function setup(project: TestProject): Promise<void> {
  const probe = spawnSync('python3', ['-c', 'import moto, moto.server; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    throw new Error(
      'moto server is required for the integration tests but `python3 -c "import moto.server"` failed.\n' +
        'Install it with: pip install "moto[server]==5.2.1"\n' +
        (probe.stderr ?? ''),
    );
  }
  const count = Math.max(1, Number(project.globalConfig.maxWorkers) || 2);
  const endpoints: string[] = [];
  for (let i = 0; i < count; i++) endpoints.push(await startMoto());
  project.provide('motoEndpoints', endpoints);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map(stopServer));
}

/** SIGTERM, then SIGKILL after 3 s; the pipe is released so it cannot hold vitest open. */
async function stopServer(child: ChildProcess): Promise<void> {
  child.stderr?.destroy();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

async function startMoto(): Promise<string> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  servers.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited early:\n${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return endpoint;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto server did not start on ${endpoint} within 30 s:\n${stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoints: string[];
  }
}
