import { errorRecordSchema, offerSchema } from '@truffle-spawn/core/protocol';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { motoOfferedAzs } from './_moto-offerings.ts';
import { runTruffle, tempHome } from './_run-truffle.ts';

// Live (moto's real DescribeInstanceTypes / offerings snapshots): an exact name is that type, a
// not-found error, or "not offered here" — never a look-alike. moto has no Pricing API, so
// prices fall back to the catalog (irrelevant here).
const moto = useMoto();
const live = (argv: string[]) => runTruffle(argv, { env: { ...moto.env }, home: tempHome() });

describe('truffle search <exact name>, live against moto', () => {
  it('m7i.large is that type, labelled exact', async () => {
    const r = await live(['search', 'm7i.large', '--region', 'us-east-1', '--timeout', '120']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.records.map((x) => offerSchema.parse(x))).toEqual([
      expect.objectContaining({ instanceType: 'm7i.large', match: 'exact' }),
    ]);
  }, 120_000);

  it('a name AWS does not list: exit 8, one error record, no offer', async () => {
    const r = await live(['search', 'm9z.large', '--region', 'us-east-1', '--timeout', '120']);
    expect(r.code).toBe(8);
    expect(r.records).toHaveLength(1);
    expect(errorRecordSchema.parse(r.records[0]).code).toBe('INSTANCE_TYPE_NOT_FOUND');
  }, 120_000);

  it('a type AWS lists but does not offer in the asked region says so, and where it is offered', async () => {
    const region = ['ap-south-2', 'eu-south-2', 'af-south-1', 'me-central-1', 'sa-east-1'].find(
      (r) => motoOfferedAzs('p5.48xlarge', r).length === 0,
    );
    expect(region).toBeDefined();
    const r = await live(['search', 'p5.48xlarge', '--region', region as string, '--timeout', '120']);
    expect(r.code).toBe(8);
    expect(r.records).toEqual([
      expect.objectContaining({ type: 'error', code: 'INSTANCE_TYPE_NOT_OFFERED' }),
    ]);
    expect(r.stderr).toMatch(
      new RegExp(`p5\\.48xlarge is not offered in ${region}; offered in: .*us-east-1`),
    );
    expect(r.stderr).not.toMatch(/Did you mean/);
  }, 120_000);
});
