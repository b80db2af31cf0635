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
    const result = await fanOut(
      ['us-east-1'],
      () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      },
      { allowEveryRegionFailed: true },
    );
    expect(result.failed[0]?.error.code).toBe('THROTTLED');
  });
});

const sdkError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $metadata: {} });

// Issue 11: "every region failed" must never read as "nothing found, exit 0".
describe('fanOut when every region failed', () => {
  it("throws the one region's error as is", async () => {
    await expect(
      fanOut(['eu-west-1'], async () => {
        throw sdkError('AuthFailure', 'AWS was not able to validate the provided access credentials');
      }),
    ).rejects.toMatchObject({ code: 'CREDENTIALS_EXPIRED', exitCode: 3, details: { region: 'eu-west-1' } });
  });

  it('throws one error with the most telling cause and every region named', async () => {
    const causes: Record<string, Error> = {
      'us-east-1': Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      'eu-west-1': sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      'ap-south-1': Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    };
    const error = await fanOut(Object.keys(causes), async (region) => {
      throw causes[region];
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED_OPERATION',
      exitCode: 4,
      details: {
        failedRegions: [
          { region: 'us-east-1', code: 'NETWORK_ERROR' },
          { region: 'eu-west-1', code: 'UNAUTHORIZED_OPERATION' },
          { region: 'ap-south-1', code: 'NETWORK_ERROR' },
        ],
      },
    });
    expect((error as Error).message).toMatch(
      /^All 3 regions failed; eu-west-1: Your AWS identity is not allowed .* Also: us-east-1: NETWORK_ERROR, ap-south-1: NETWORK_ERROR\.$/,
    );
  });

  it('says "the same way" when all regions share the cause', async () => {
    const error = await fanOut(['us-east-1', 'us-west-2'], async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'CREDENTIALS_MISSING', exitCode: 3 });
    expect((error as Error).message).toMatch(
      /^All 2 regions failed the same way; us-east-1: No AWS credentials were found\.$/,
    );
  });

  it('returns partial results when at least one region answered', async () => {
    const result = await fanOut(['us-east-1', 'us-west-2'], async (region) => {
      if (region === 'us-west-2') throw sdkError('AuthFailure', 'nope');
      return 1;
    });
    expect(result.ok).toHaveLength(1);
    expect(result.failed).toHaveLength(1);
  });
});

describe('fanOut with an abort signal', () => {
  it('passes the signal to fn, rejects with CANCELLED at once and starts no further region', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const seen: (AbortSignal | undefined)[] = [];
    const regions = ['a-1', 'b-1', 'c-1', 'd-1'];
    const run = fanOut(
      regions,
      (region, signal) => {
        started.push(region);
        seen.push(signal);
        return new Promise<never>(() => {}); // a hung call that ignores the signal
      },
      { concurrency: 2, signal: controller.signal },
    );
    await wait(10);
    const at = Date.now();
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', exitCode: 130 });
    expect(Date.now() - at).toBeLessThan(100);
    expect(started).toEqual(['a-1', 'b-1']);
    expect(seen.every((s) => s === controller.signal)).toBe(true);
  });

  it('rejects before starting when the signal already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(fanOut(['a-1'], async () => calls++, { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(calls).toBe(0);
  });
});

describe('fanOut progress', () => {
  it('reports 0 done first, then each region as it settles, failures included', async () => {
    const seen: string[] = [];
    await fanOut(
      ['a', 'b', 'c'],
      async (region) => {
        if (region === 'b') throw new Error('boom');
        return region;
      },
      { onProgress: ({ done, total }) => seen.push(`${done}/${total}`) },
    );
    expect(seen).toEqual(['0/3', '1/3', '2/3', '3/3']);
  });
});
