import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import { PricingClient } from '@aws-sdk/client-pricing';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { StepContext } from '../context.ts';
import { CreatedResources } from '../created-resources.ts';
import type { LaunchSpec } from '../types.ts';
import { resolvePrice } from './price.ts';

// No client mock here: the abort must reach a real request (price.test.ts mocks every PricingClient).
const spec: LaunchSpec = {
  region: 'us-east-1',
  instanceType: 'm5.large',
  market: 'on-demand',
  ttlMs: 3_600_000,
  idleTimeoutMs: 3_600_000,
  onIdle: 'stop',
  onExpire: 'terminate',
  hibernate: false,
  name: 'p',
  user: 'ec2-user',
  sshCidr: '203.0.113.7/32',
};

function context(o: { pricing?: PricingClient; spec?: Partial<LaunchSpec> } = {}): StepContext {
  return {
    spec: { ...spec, ...o.spec },
    state: { notes: [], warnings: [] },
    clients: {
      ec2: {} as EC2Client,
      ssm: {} as SSMClient,
      sts: {} as STSClient,
      iam: {} as IAMClient,
      pricing: o.pricing,
    },
    environment: {
      homedir: '/none',
      platform: 'linux',
      env: {},
      now: () => new Date(),
      version: '0.1.0',
      dryRun: false,
    },
    created: new CreatedResources(),
  };
}

describe('resolvePrice with a silent Price List API', () => {
  it('a Price List API that does not answer is aborted at the timeout, and the catalog used', async () => {
    // A real client against a local server that accepts and never replies: the request must be
    // ended (not left running with its retries, holding the process open), not just abandoned.
    let closed = 0;
    const server = createServer((req) => {
      req.on('close', () => closed++);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const ctx = context({
        pricing: new PricingClient({
          region: 'us-east-1',
          endpoint: `http://127.0.0.1:${port}`,
          credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        }),
      });
      ctx.environment.livePriceTimeoutMs = 300;
      await resolvePrice(ctx);
      expect(ctx.state.priceSource).toMatch(
        /^the offline catalog .*live price unavailable: no answer within 0\.3 s/,
      );
      await expect.poll(() => closed, { timeout: 2_000 }).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
