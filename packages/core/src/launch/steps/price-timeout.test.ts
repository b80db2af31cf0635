import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PricingClient } from '@aws-sdk/client-pricing';
import { describe, expect, it } from 'vitest';
import { testStepContext } from '../_test-step-context.ts';
import { resolvePrice } from './price.ts';

// No client mock here: the abort must reach a real request (price.test.ts mocks every PricingClient).
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
      const pricing = new PricingClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      });
      const ctx = testStepContext({ clients: { pricing }, environment: { lookupTimeoutMs: 300 } });
      const { value: price } = await resolvePrice(ctx);
      expect(price.source).toMatch(/^the offline catalog .*live price unavailable: no answer within 0\.3 s/);
      await expect.poll(() => closed, { timeout: 2_000 }).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
