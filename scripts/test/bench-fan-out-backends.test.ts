import { describe, expect, it } from 'vitest';
import { assertBuilt } from '../../packages/test-utils/src/built.ts';
import { useMoto } from '../../packages/test-utils/src/moto.ts';
import { parseAwsCalls } from '../bench/_aws-calls.ts';
import { TRUFFLE_BIN, tempHome } from '../bench/_paths.ts';
import { run } from '../bench/_run.ts';
import { useSearchBackends } from '../bench/_search-backends.ts';

// The fan-out bench's warm figure measured 6 AWS calls (one per warm run) and 786 ms while
// bench-api-calls' warm repeat of the same search measured 0: the fan-out bench ran against moto
// alone, whose missing Pricing API fails GetProducts, and a failed call is never cached. These run
// the built bin as the bench does (`--debug` lines counted by the bench's own parser).
const moto = useMoto();
const search = [
  'search',
  'm7i.large',
  '--regions',
  'all',
  '--debug',
  '--output',
  'ndjson',
  '--timeout',
  '120',
];

async function warmCalls(env: Record<string, string>) {
  const home = await tempHome();
  try {
    const fill = parseAwsCalls(await run('node', [TRUFFLE_BIN, ...search], { env: { ...env, ...home.env } }));
    const warm = parseAwsCalls(await run('node', [TRUFFLE_BIN, ...search], { env: { ...env, ...home.env } }));
    return { fill, warm };
  } finally {
    await home.dispose();
  }
}

describe('the fan-out bench backends', { timeout: 120_000 }, () => {
  it('answer a warm all-region search with 0 AWS calls, after a fill run without failed calls', async () => {
    assertBuilt('core', 'truffle');
    const backends = await useSearchBackends(moto.env);
    try {
      const { fill, warm } = await warmCalls(backends.env);
      expect(fill.filter((c) => c.error)).toEqual([]);
      expect(fill.filter((c) => c.op === 'pricing.GetProducts')).toHaveLength(1);
      expect(backends.pricing.calls()).toHaveLength(1);
      expect(warm).toEqual([]);
    } finally {
      await backends.close();
    }
  });

  it('moto alone (the old bench set-up) repeats the failed price call in every warm run', async () => {
    const { warm } = await warmCalls(moto.env);
    expect(warm.map((c) => `${c.op} ${c.error ?? 'ok'}`)).toEqual([
      expect.stringMatching(/^pricing\.GetProducts \S+$/),
    ]);
    expect(warm[0]?.error).toBeDefined();
  });
});
