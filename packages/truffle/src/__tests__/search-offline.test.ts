import { offerSchema } from '@truffle-spawn/core/protocol';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_run-truffle.ts';

// No AWS involved: --offline (or no credentials) answers from the embedded catalog.
describe('truffle search, offline', () => {
  it('prints only NDJSON offer records on stdout and the catalog age on stderr', async () => {
    const r = await runTruffle(['search', 'm7i.large', '--offline', '--region', 'us-east-1,us-west-2']);
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(2);
    for (const rec of r.records)
      expect(offerSchema.parse(rec)).toMatchObject({ instanceType: 'm7i.large', market: 'on-demand' });
    const [east, west] = r.records;
    expect(east).toMatchObject({
      region: 'us-east-1',
      pricePerHour: 0.1008,
      priceSource: 'catalog',
      priceAsOf: '2026-07-20',
    });
    expect(west?.region).toBe('us-west-2');
    expect(west).not.toHaveProperty('pricePerHour');
    expect(r.stderr).toContain('Offline (--offline): offline catalog from 2026-07-20 (129 days old).');
    expect(r.stderr).toMatch(/No on-demand price for us-west-2 .*never estimated/);
  });

  it('goes offline by itself when no credentials are configured, and says why', async () => {
    const r = await runTruffle(['search', 'h100', '--region', 'us-east-1'], { env: {} });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Offline (no AWS credentials are configured)');
    expect(r.records.map((x) => x.instanceType)).toEqual(['p5.4xlarge', 'p5.48xlarge']);
  });

  it('applies filters and --limit counts instance types', async () => {
    const r = await runTruffle([
      'search',
      'graviton',
      '--offline',
      '-r',
      'us-east-1',
      '--min-vcpus',
      '4',
      '--max-memory',
      '16',
      '--limit',
      '3',
    ]);
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(3);
    for (const rec of r.records) {
      expect(rec.architecture).toBe('arm64');
      expect(rec.vcpus as number).toBeGreaterThanOrEqual(4);
      expect(rec.memoryMiB as number).toBeLessThanOrEqual(16 * 1024);
    }
  });

  it('--max-price keeps only offers with a known price at or below it', async () => {
    const r = await runTruffle([
      'search',
      'm7i',
      '--offline',
      '-r',
      'us-east-1,us-west-2',
      '--max-price',
      '0.25',
    ]);
    expect(r.records.length).toBeGreaterThan(0);
    for (const rec of r.records) {
      expect(rec.region).toBe('us-east-1');
      expect(rec.pricePerHour as number).toBeLessThanOrEqual(0.25);
    }
  });

  // Issue 11 changed this: a name-shaped query (m7i.larjx) is now a not-found error (exit 8, below);
  // an empty answer to words or a family stays exit 0 with a message.
  it('an empty result is a stderr message with suggestions, exit 0 and no records', async () => {
    const r = await runTruffle(['search', 'm7i', '--offline', '-r', 'us-east-1', '--gpus', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No instance type matches "m7i" in us-east-1 with these filters (--gpus 4)');
  });

  it('prints a table on request', async () => {
    const r = await runTruffle(['search', 'p5.48xlarge', '--offline', '-r', 'us-east-1', '-o', 'table']);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^TYPE\s+VCPUS\s+MEM GiB\s+GPUS\s+ARCH\s+ON-DEMAND \$\/H\s+REGION\s+AZS$/,
    );
    expect(r.stdout).toContain('8x H100');
  });

  it.each([
    [['--min-vcpus', '-1']],
    [['--min-vcpus', 'two']],
    [['--max-price', '-0.5']],
    [['--arch', 'sparc']],
    [['--limit', '0']],
    [['--region', 'us-east']],
    [['--region', 'US_EAST_1']],
    [['--min-vcpus', '8', '--max-vcpus', '4']],
    [['--min-memory', '64', '--max-memory', '8']],
  ])('bad input %j is a usage error (exit 2)', async (flags) => {
    const r = await runTruffle(['search', 'm7i', '--offline', ...flags]);
    expect(r.code).toBe(2);
    expect(r.records.every((x) => x.type === 'error')).toBe(true);
  });
});

describe('truffle az, offline', () => {
  it('lists (type, region) with at least N AZs, most AZs first', async () => {
    const r = await runTruffle(['az', 'p5.48xlarge', '--offline', '--region', 'all', '--min-az-count', '3']);
    expect(r.code).toBe(0);
    const counts = r.records.map((x) => (x.availabilityZones as string[]).length);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.every((c) => c >= 3)).toBe(true);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(new Set(r.records.map((x) => `${x.instanceType} ${x.region}`)).size).toBe(r.records.length);
  });

  it('says so when no region has enough AZs', async () => {
    const r = await runTruffle(['az', 'p5.4xlarge', '--offline', '-r', 'us-east-1', '--min-az-count', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('in at least 30 availability zones');
  });
});
