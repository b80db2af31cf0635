import type { Socket } from 'node:net';
import { startMotoServer } from '../../packages/test-utils/src/moto-server.ts';

/** A moto server the benchmarks own, with the env that points our binaries and the SDK at it. */
export interface BenchMoto {
  endpoint: string;
  env: Record<string, string>;
  reset(): Promise<void>;
  stop(): void;
}

/**
 * Reuses the server named by BENCH_MOTO_ENDPOINT (set by `scripts/bench.ts` for its children),
 * else starts one on a free port (test-utils' startMotoServer, as the test run does).
 */
export async function useBenchMoto(): Promise<BenchMoto> {
  const given = process.env.BENCH_MOTO_ENDPOINT;
  if (given) return motoAt(given, () => {});
  const server = await startMotoServer();
  const { child } = server;
  const moto = motoAt(server.endpoint, () => child.kill('SIGTERM'));
  // The server must never keep a finished benchmark alive, nor outlive it.
  child.unref();
  (child.stderr as Socket | null)?.unref();
  process.once('exit', () => child.kill('SIGTERM'));
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
