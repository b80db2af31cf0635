import { readFileSync } from 'node:fs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import type { StepContext } from '../context.ts';
import { CreatedResources } from '../created-resources.ts';
import type { LaunchSpec } from '../types.ts';
import { resolvePrice } from './price.ts';

// The Pricing API is not in moto: a recorded GetProducts page (m5.large in us-east-1) stands in.
const fixture = JSON.parse(
  readFileSync(new URL('../../pricing/fixtures/get-products-us-east-1.json', import.meta.url), 'utf8'),
) as { pages: { PriceList: unknown[] }[] };
const m5Large = fixture.pages
  .flatMap((p) => p.PriceList)
  .filter(
    (item) =>
      (item as { product?: { attributes?: { instanceType?: string } } }).product?.attributes?.instanceType ===
      'm5.large',
  )
  .map((item) => JSON.stringify(item));

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

describe('resolvePrice', () => {
  const pricing = mockClient(PricingClient);
  beforeEach(() => pricing.reset());

  it('uses the live Price List API when it answers (one filtered query for the type)', async () => {
    expect(m5Large.length).toBeGreaterThan(0);
    pricing.on(GetProductsCommand).resolves({ FormatVersion: 'aws_v1', PriceList: m5Large });
    const ctx = context({ pricing: new PricingClient({ region: 'us-east-1' }) });
    await resolvePrice(ctx);
    expect(ctx.spec.onDemandPricePerHour).toBe(0.096);
    expect(ctx.spec.pricePerHour).toBe(0.096);
    expect(ctx.state.priceSource).toMatch(/^the AWS Price List API \(as of 2026-/);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 1);
    expect(pricing).toHaveReceivedCommandWith(GetProductsCommand, {
      Filters: expect.arrayContaining([{ Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' }]),
    });
  });

  it('falls back to the offline catalog when the API fails, and says why', async () => {
    pricing
      .on(GetProductsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const ctx = context({ pricing: new PricingClient({ region: 'us-east-1' }) });
    await resolvePrice(ctx);
    expect(ctx.spec.onDemandPricePerHour).toBeGreaterThan(0);
    expect(ctx.state.priceSource).toMatch(
      /^the offline catalog .*live price unavailable: AccessDeniedException/,
    );
  });

  it('offline (no client): the catalog, and no call at all', async () => {
    const ctx = context();
    await resolvePrice(ctx);
    expect(ctx.state.priceSource).toMatch(/^the offline catalog/);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 0);
  });

  it("keeps a piped offer's price without asking anyone", async () => {
    const ctx = context({
      pricing: new PricingClient({ region: 'us-east-1' }),
      spec: { market: 'spot', pricePerHour: 0.03, onDemandPricePerHour: 0.096 },
    });
    await resolvePrice(ctx);
    expect(ctx.state.priceSource).toBe('the piped offer');
    expect(ctx.spec.pricePerHour).toBe(0.03);
    expect(pricing).toHaveReceivedCommandTimes(GetProductsCommand, 0);
  });
});
