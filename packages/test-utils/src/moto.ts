import { beforeAll, beforeEach, inject } from 'vitest';

/** Environment that points the AWS SDK (and our binaries) at a moto server. */
export interface MotoContext {
  endpoint: string;
  /** Env for child processes: endpoint, fake credentials, no retries, no real IMDS. */
  env: Record<string, string>;
  /** Reset all moto state (also done before each test). */
  reset(): Promise<void>;
}

export const motoCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/**
 * Binds this test file to the moto server of its worker, sets process.env so in-process SDK
 * clients go there, and resets the emulator before every test.
 */
export function useMoto(): MotoContext {
  const ctx: MotoContext = {
    endpoint: '',
    env: {},
    reset: async () => {
      const res = await fetch(`${ctx.endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
  };
  beforeAll(() => {
    const endpoints = inject('motoEndpoints');
    const poolId = Number(process.env.VITEST_POOL_ID ?? '1');
    const endpoint = endpoints[(Math.max(1, poolId) - 1) % endpoints.length];
    if (!endpoint) throw new Error('no moto server was started by the global setup');
    ctx.endpoint = endpoint;
    ctx.env = {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey,
      AWS_REGION: 'us-east-1',
      // moto answers unimplemented calls with HTTP 500; retrying only hides that.
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    Object.assign(process.env, ctx.env);
  });
  beforeEach(() => ctx.reset());
  return ctx;
}
