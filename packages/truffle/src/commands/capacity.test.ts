import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

// moto implements neither DescribeCapacityReservations nor DescribeCapacityBlockOfferings; the
// AWS flows are covered by fixture tests in core/capacity. Here: the command's own decisions.
describe('truffle capacity', () => {
  const moto = useMoto();

  it('without credentials exits 3 and says how to configure them', async () => {
    const run = await runTruffle(['capacity', '--gpu-only']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('truffle capacity needs AWS credentials');
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_MISSING' })]);
  });

  it.each([
    [['--duration', '36'], 'not a whole number of days'],
    [['--start', 'next tuesday'], '--start "next tuesday" is not a date'],
    [['--count', '0'], "option '--count <n>' argument '0' is invalid"],
    [['--instance-types', 'zz9.huge'], 'No instance type matches --instance-types zz9.huge'],
  ])('%j is a usage error (exit 2)', async (flags, message) => {
    const run = await runTruffle(['capacity', '--region', 'us-east-1', ...flags], moto.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
