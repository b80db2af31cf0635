import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';

/** A moto server the benchmarks own, with the env that points our binaries and the SDK at it. */
export interface BenchMoto {
  endpoint: string;
  env: Record<string, string>;
  reset(): Promise<void>;
  stop(): void;
}

/**
 * Reuses the server named by BENCH_MOTO_ENDPOINT (set by `scripts/bench.ts` for its children),
 * else starts one on a free port. Same start-up probe as `scripts/test/moto-global-setup.ts`,
 * which keeps its helper private to vitest's global setup.
 */
export async function useBenchMoto(): Promise<BenchMoto> {
  const given = process.env.BENCH_MOTO_ENDPOINT;
  if (given) return motoAt(given, () => {});
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const moto = motoAt(`http://127.0.0.1:${port}`, () => child.kill('SIGTERM'));
  // The server must never keep a finished benchmark alive, nor outlive it.
  child.unref();
  (child.stderr as Socket | null)?.unref();
  process.once('exit', () => child.kill('SIGTERM'));
  await waitUntilUp(moto, child, () => stderr);
  return moto;
}

function motoAt(endpoint: string, stop: () => void): BenchMoto {
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      // moto answers unimplemented calls with HTTP 500; retries would only add noise.
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    reset: async () => {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop,
  };
}

async function waitUntilUp(moto: BenchMoto, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited early:\n${stderr()}`);
    try {
      await moto.reset();
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto server did not start on ${moto.endpoint} within 30 s:\n${stderr()}`);
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
