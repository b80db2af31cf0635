import { describe, expect, it } from 'vitest';
import { fanOut } from './fan-out.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fanOut', () => {
  it('keeps input order and reports a failing region without failing the call', async () => {
    const regions = ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'];
    // Later regions finish first, so order can only come from the input.
    const result = await fanOut(regions, async (region) => {
      await wait(40 - regions.indexOf(region) * 10);
      if (region === 'ap-south-1') {
        throw Object.assign(new Error('You are not authorized to perform this operation.'), {
          name: 'UnauthorizedOperation',
          $metadata: {},
        });
      }
      return region.toUpperCase();
    });
    expect(result.ok).toEqual([
      { region: 'us-east-1', value: 'US-EAST-1' },
      { region: 'eu-west-1', value: 'EU-WEST-1' },
      { region: 'us-west-2', value: 'US-WEST-2' },
    ]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({
      region: 'ap-south-1',
      error: { code: 'UNAUTHORIZED_OPERATION', details: { region: 'ap-south-1' } },
    });
  });

  it.each([
    [undefined, 20, 8],
    [3, 10, 3],
    [1, 4, 1],
    [50, 5, 5],
  ])('concurrency %s over %i regions keeps at most %i in flight', async (concurrency, count, bound) => {
    let inFlight = 0;
    let peak = 0;
    const regions = Array.from({ length: count }, (_, i) => `r-${i}`);
    const result = await fanOut(
      regions,
      async (region) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await wait(5);
        inFlight--;
        return region;
      },
      { concurrency },
    );
    expect(peak).toBe(bound);
    expect(result.ok.map((r) => r.value)).toEqual(regions);
  });

  it('handles no regions and a nonsensical concurrency', async () => {
    await expect(fanOut([], async () => 1)).resolves.toEqual({ ok: [], failed: [] });
    await expect(fanOut(['a-b-1'], async () => 1, { concurrency: 0 })).resolves.toEqual({
      ok: [{ region: 'a-b-1', value: 1 }],
      failed: [],
    });
  });

  it('translates synchronous throws too', async () => {
    const result = await fanOut(['us-east-1'], () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    });
    expect(result.failed[0]?.error.code).toBe('THROTTLED');
  });
});
