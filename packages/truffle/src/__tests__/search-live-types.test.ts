import { offerSchema } from '@truffle-spawn/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PriceListServer, servePriceList } from '../../../core/src/pricing/fixtures/serve-price-list.ts';
import { startMotoWithTypes } from './_moto-extra-types.ts';
import { runTruffle, tempHome } from './_run-truffle.ts';

// A type AWS lists but neither moto 5.2.1's snapshot nor the embedded catalog describes: p3.2xlarge
// (the example). Its DescribeInstanceTypes entry follows the EC2 documentation; a private
// moto server gets it added to its snapshot. moto has no Pricing API: a local GetProducts server
// answers from the recorded multi-region price list (core/src/pricing/fixtures), whose us-east-1
// figures are the real AWS prices.
const p3 = {
  info: {
    InstanceType: 'p3.2xlarge',
    CurrentGeneration: true,
    FreeTierEligible: false,
    SupportedUsageClasses: ['on-demand', 'spot'],
    SupportedRootDeviceTypes: ['ebs'],
    BareMetal: false,
    Hypervisor: 'xen',
    ProcessorInfo: {
      SupportedArchitectures: ['x86_64'],
      SustainedClockSpeedInGhz: 2.3,
      Manufacturer: 'Intel',
    },
    VCpuInfo: { DefaultVCpus: 8, DefaultCores: 4, DefaultThreadsPerCore: 2 },
    MemoryInfo: { SizeInMiB: 62464 },
    InstanceStorageSupported: false,
    NetworkInfo: {
      NetworkPerformance: 'Up to 10 Gigabit',
      MaximumNetworkInterfaces: 4,
      NetworkCards: [
        { NetworkCardIndex: 0, NetworkPerformance: 'Up to 10 Gigabit', PeakBandwidthInGbps: 10 },
      ],
      EfaSupported: false,
      EnaSupport: 'supported',
    },
    GpuInfo: {
      Gpus: [{ Name: 'V100', Manufacturer: 'NVIDIA', Count: 1, MemoryInfo: { SizeInMiB: 16384 } }],
      TotalGpuMemoryInMiB: 16384,
    },
    HibernationSupported: false,
    BurstablePerformanceSupported: false,
  },
  azs: { 'us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f'] },
};

let moto: { endpoint: string; stop: () => void };
let prices: PriceListServer;
const saved = { ...process.env };
beforeAll(async () => {
  [moto, prices] = await Promise.all([startMotoWithTypes([p3]), servePriceList()]);
  // The SDK reads endpoints and credentials from process.env (truffle's io.env decides live/offline).
  Object.assign(process.env, env());
}, 60_000);
afterAll(async () => {
  process.env = saved;
  moto?.stop();
  await prices?.close();
});

const env = () => ({
  AWS_ENDPOINT_URL: moto.endpoint,
  AWS_ENDPOINT_URL_PRICING: prices.endpoint,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
});
const live = (argv: string[], home = tempHome()) => runTruffle(argv, { env: env(), home });
const awsCalls = (stderr: string) => stderr.split('\n').filter((l) => /^\[aws\] [a-z0-9-]+\.[A-Z]/.test(l));

describe('live type discovery', () => {
  it('finds and prices a type AWS lists but the catalog lacks, and emits exactly it on a pipe', async () => {
    const { loadCatalog, findType } = await import('@truffle-spawn/core/catalog');
    expect(findType(await loadCatalog(), 'p3.2xlarge')).toBeUndefined();
    const r = await live(['search', 'p3.2xlarge', '--region', 'us-east-1', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.records).toHaveLength(1);
    const offer = offerSchema.parse(r.records[0]);
    expect(offer).toMatchObject({
      instanceType: 'p3.2xlarge',
      region: 'us-east-1',
      availabilityZones: p3.azs['us-east-1'],
      vcpus: 8,
      memoryMiB: 62464,
      gpus: { count: 1, model: 'V100', memoryMiB: 16384 },
      pricePerHour: 3.06,
      priceSource: 'pricing-api',
    });
    expect(offer.match).toBe('exact');
    // Narrowed to the name: one DescribeInstanceTypes with the instance-type filter, not a listing.
    expect(awsCalls(r.stderr).filter((l) => l.includes('DescribeInstanceTypes '))).toHaveLength(1);
  }, 60_000);

  it('offline, the same pipe never emits another type in its place', async () => {
    const r = await runTruffle(['search', 'p3.2xlarge', '--region', 'us-east-1', '--offline']);
    expect(r.records.filter((x) => x.type === 'offer')).toEqual([]);
  });

  it('a name AWS does not list yields no offer', async () => {
    const r = await live(['search', 'p3.2xlarg', '--region', 'us-east-1']);
    expect(r.records.filter((x) => x.type === 'offer')).toEqual([]);
    // Not found (the README's exit-code table), with an error record for the pipe.
    expect(r.code).toBe(8);
    expect(r.records.at(-1)).toMatchObject({ type: 'error' });
  }, 60_000);
});

describe('pricing without a storm', () => {
  it('prices a glob per type for all regions in three batched queries; a narrower query is warm', async () => {
    const home = tempHome();
    const before = prices.calls().length;
    const cold = await live(['search', 'c7g.*', '--region', 'us-east-1,eu-west-1', '--debug'], home);
    expect(cold.code).toBe(0);
    const types = new Set(cold.records.map((x) => x.instanceType));
    expect(types.size).toBe(9);
    for (const rec of cold.records)
      expect(rec.priceSource, `${rec.instanceType} ${rec.region}`).toBe('pricing-api');
    const asked = prices.calls().slice(before);
    // 9 types: three ANY_OF batches of 3 (one page each); never a regionCode filter.
    expect(asked).toHaveLength(3);
    expect(asked.flatMap((c) => c.Filters ?? []).some((f) => f.Field === 'regionCode')).toBe(false);
    const coldCalls = awsCalls(cold.stderr);
    expect(coldCalls.filter((l) => l.includes('DescribeInstanceTypeOfferings'))).toHaveLength(2);

    for (const argv of [
      ['search', 'c7g.*', '--region', 'us-east-1,eu-west-1'],
      ['search', 'c7g.large', '--region', 'eu-west-1'],
      ['search', 'c7g.xlarge', '--region', 'us-east-1'],
    ]) {
      const warm = await live([...argv, '--debug'], home);
      expect(awsCalls(warm.stderr), argv.join(' ')).toEqual([]);
      expect(warm.records.length).toBeGreaterThan(0);
      expect(warm.records.every((x) => x.priceSource === 'pricing-api')).toBe(true);
    }
  }, 120_000);

  it('never caches a failed price lookup: after a Pricing 500 the next run asks again', async () => {
    const home = tempHome();
    prices.failNext(1, 500, 'InternalErrorException');
    const first = await live(['search', 'm7i.large', '--region', 'us-east-1'], home);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Live prices unavailable/);
    expect(first.records[0]).toMatchObject({ priceSource: 'catalog', pricePerHour: 0.1008 });
    const second = await live(['search', 'm7i.large', '--region', 'us-east-1'], home);
    expect(second.stderr).not.toMatch(/Live prices unavailable/);
    expect(second.records[0]).toMatchObject({ priceSource: 'pricing-api', pricePerHour: 0.1008 });
  }, 60_000);

  it('retries a throttled GetProducts with backoff', async () => {
    prices.failNext(2, 400, 'ThrottlingException');
    const before = prices.calls().length;
    const r = await live(['search', 'm7i.large', '--region', 'us-west-2']);
    expect(r.records[0]).toMatchObject({ priceSource: 'pricing-api' });
    expect(prices.calls().length - before).toBe(3);
  }, 60_000);
});

describe('truffle refresh --catalog, then --catalog / TRUFFLE_CATALOG', () => {
  it('writes a catalog with live specs, AZs and prices that offline search then reads', async () => {
    const home = tempHome();
    const r = await live(
      ['refresh', '--region', 'us-east-1,eu-west-1', '--catalog', 'mine.json.gz', '--timeout', '120'],
      home,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Wrote a catalog of \d+ types in 2 region\(s\), priced in 2/);

    // Offline from the written file: p3.2xlarge (unknown to the embedded catalog) with its AZs and
    // the Price List price, and eu-west-1 priced too (the embedded catalog prices us-east-1 only).
    const offline = await runTruffle(
      ['search', 'p3.2xlarge', '--offline', '--catalog', 'mine.json.gz', '--region', 'us-east-1'],
      { home },
    );
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toContain(`read from ${home}/mine.json.gz`);
    expect(offline.records).toHaveLength(1);
    expect(offline.records[0]).toMatchObject({
      instanceType: 'p3.2xlarge',
      availabilityZones: p3.azs['us-east-1'],
      pricePerHour: 3.06,
      priceSource: 'catalog',
    });
    const viaEnv = await runTruffle(['search', 'm7i.large', '--offline', '--region', 'eu-west-1'], {
      home,
      env: { TRUFFLE_CATALOG: `${home}/mine.json.gz` },
    });
    expect(viaEnv.records[0]).toMatchObject({
      instanceType: 'm7i.large',
      region: 'eu-west-1',
      pricePerHour: 0.1124,
    });
    // Without the flag or the variable: the embedded catalog again (no eu-west-1 price, no p3.2xlarge specs).
    const embedded = await runTruffle(['search', 'm7i.large', '--offline', '--region', 'eu-west-1'], {
      home,
    });
    expect(embedded.records[0]).not.toHaveProperty('pricePerHour');
  }, 180_000);

  it('a catalog file that is not there is a usage error naming it', async () => {
    const r = await runTruffle(['search', 'm7i.large', '--offline', '--catalog', 'nope.json.gz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot read the catalog .*nope\.json\.gz: no such file/);
  });
});
