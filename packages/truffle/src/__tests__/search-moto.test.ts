import { offerSchema } from '@truffle-spawn/core/protocol';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { servePriceList } from '../../../core/src/pricing/fixtures/serve-price-list.ts';
import { motoOfferedAzs } from './_moto-offerings.ts';
import { runTruffle, tempHome } from './_run-truffle.ts';

// moto serves real DescribeInstanceTypes / DescribeInstanceTypeOfferings snapshots; it has no
// Pricing API, so prices fall back to the catalog (and the output says so), except where a test
// points Pricing at the local GetProducts server over the recorded price list (core/src/pricing/fixtures).
// moto answers an unfiltered DescribeInstanceTypes (every type, for word queries) in one ~20 s
// page, hence `--timeout 120` there.
const moto = useMoto();
const live = (argv: string[], home = tempHome()) => runTruffle(argv, { env: { ...moto.env }, home });
const awsLines = (stderr: string) => stderr.split('\n').filter((l) => /^\[aws\] [a-z0-9-]+\./.test(l));

describe('truffle search against moto', () => {
  it('answers three regions with the AZs moto really offers', async () => {
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
    const r = await live(['search', 'p5*', '--region', regions.join(',')]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Offline');
    expect(r.records.length).toBeGreaterThan(3);
    let partial = 0;
    for (const rec of r.records) {
      const offer = offerSchema.parse(rec);
      const expected = motoOfferedAzs(offer.instanceType, offer.region);
      expect(offer.availabilityZones, `${offer.instanceType} ${offer.region}`).toEqual(expected);
      if (expected.length < motoOfferedAzs('m5.large', offer.region).length) partial++;
    }
    // p5e.48xlarge is offered in us-west-2c only: the other us-west-2 AZs must not appear.
    const p5e = r.records.find((x) => x.instanceType === 'p5e.48xlarge' && x.region === 'us-west-2');
    expect(p5e?.availabilityZones).toEqual(motoOfferedAzs('p5e.48xlarge', 'us-west-2'));
    expect(partial).toBeGreaterThan(0);
    // A type moto offers in no AZ of a region gets no row there.
    for (const region of regions) {
      for (const type of ['p5.4xlarge', 'p5.48xlarge', 'p5e.48xlarge', 'p5en.48xlarge']) {
        const shown = r.records.some((x) => x.instanceType === type && x.region === region);
        expect(shown, `${type} in ${region}`).toBe(motoOfferedAzs(type, region).length > 0);
      }
    }
  });

  it('says where prices come from when the Price List API is unavailable', async () => {
    const r = await live(['search', 'm7i.large', '--region', 'us-east-1,us-west-2']);
    expect(r.stderr).toMatch(/Live prices unavailable .*Using the offline catalog's prices/s);
    expect(r.records.find((x) => x.region === 'us-east-1')).toMatchObject({
      pricePerHour: 0.1008,
      priceAsOf: '2026-07-20',
    });
    expect(r.records.find((x) => x.region === 'us-west-2')).not.toHaveProperty('pricePerHour');
  });

  it('warns about a failing region and still answers the others', async () => {
    const r = await live(['search', 'm7i.large', '--region', 'us-east-1,xx-fake-1,us-west-2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/xx-fake-1: .*\(skipped\)/);
    expect(r.records.map((x) => x.region)).toEqual(['us-east-1', 'us-west-2']);
  });

  it('makes one offerings call per region and zero AWS calls when warm', async () => {
    const prices = await servePriceList();
    process.env.AWS_ENDPOINT_URL_PRICING = prices.endpoint;
    try {
      const home = tempHome();
      const argv = [
        'search',
        'g6e',
        '--region',
        'us-east-1,us-west-2,eu-west-1',
        '--debug',
        '--timeout',
        '120',
      ];
      const cold = await live(argv, home);
      const coldCalls = awsLines(cold.stderr);
      expect(coldCalls.filter((l) => l.includes('DescribeInstanceTypeOfferings'))).toHaveLength(3);
      // A word query matches every type AWS lists: one listing (moto answers it in one page).
      expect(coldCalls.filter((l) => l.includes('DescribeInstanceTypes '))).toHaveLength(1);
      const warm = await live(argv, home);
      expect(awsLines(warm.stderr)).toEqual([]);
      expect(warm.stderr).toContain('[aws] 0 API calls');
      expect(warm.records).toEqual(cold.records);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_PRICING;
      await prices.close();
    }
  }, 120_000);

  // Changed by issue 11: live, the types come from AWS, so a word query lists them once (cached a
  // week) before it can know that nothing matches; it never asks for offerings or prices.
  it('asks nothing but the type listing when nothing can match, and nothing at all when warm', async () => {
    const home = tempHome();
    const argv = ['search', 'qqqzzz', '--region', 'us-east-1', '--debug', '--timeout', '120'];
    const cold = await live(argv, home);
    expect(cold.stdout).toBe('');
    expect(awsLines(cold.stderr).every((l) => l.includes('DescribeInstanceTypes '))).toBe(true);
    const warm = await live(argv, home);
    expect(warm.stdout).toBe('');
    expect(warm.stderr).toContain('[aws] 0 API calls');
  }, 120_000);
});

describe('truffle az against moto', () => {
  it('lists (type, region) pairs with at least N real AZs, most first', async () => {
    const r = await live([
      'az',
      'p5.48xlarge',
      '--region',
      'us-east-1,us-west-2,eu-west-2',
      '--min-az-count',
      '2',
    ]);
    expect(r.code).toBe(0);
    const expected = ['us-east-1', 'us-west-2', 'eu-west-2']
      .map((region) => ({ region, azs: motoOfferedAzs('p5.48xlarge', region) }))
      .filter((e) => e.azs.length >= 2)
      .sort((a, b) => b.azs.length - a.azs.length || a.region.localeCompare(b.region));
    expect(r.records.map((x) => ({ region: x.region, azs: x.availabilityZones }))).toEqual(expected);
  });
});

describe('truffle refresh against moto', () => {
  it('writes a live catalog that truffle can read back', async () => {
    const home = tempHome();
    const r = await live(
      ['refresh', '--region', 'us-west-2', '--catalog', 'cat.json.gz', '--timeout', '120'],
      home,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Wrote a catalog');
    const { readCatalogFile, offeredAzs } = await import('@truffle-spawn/core/catalog');
    const catalog = await readCatalogFile(`${home}/cat.json.gz`);
    expect(Object.keys(catalog.offerings)).toEqual(['us-west-2']);
    expect(offeredAzs(catalog, 'p5e.48xlarge', 'us-west-2')).toEqual(
      motoOfferedAzs('p5e.48xlarge', 'us-west-2'),
    );
  }, 90_000);

  it('drops the cached data and reloads it for the region', async () => {
    const home = tempHome();
    await live(['search', 'g6e.xlarge', '-r', 'us-west-2'], home);
    const r = await live(['refresh', '-r', 'us-west-2', '--debug', '--timeout', '120'], home);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Refreshed instance types and offerings for 1 region(s).');
    expect(awsLines(r.stderr).some((l) => l.includes('DescribeInstanceTypeOfferings us-west-2'))).toBe(true);
  }, 90_000);

  it('needs credentials', async () => {
    const r = await runTruffle(['refresh'], { env: {} });
    expect(r.code).toBe(3);
  });
});
