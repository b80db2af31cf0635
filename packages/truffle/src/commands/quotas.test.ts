import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

// Service Quotas in moto only knows `vpc` quotas, so EC2 quota values are covered by fixture tests
// in core/quotas. Here: credentials, flag validation and the confirmation rule.
describe('truffle quotas', () => {
  const moto = useMoto();

  it('without credentials exits 3 and says how to configure them', async () => {
    const run = await runTruffle(['quotas', '--family', 'g']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('truffle quotas needs AWS credentials');
    expect(run.stderr).toContain('aws configure');
  });

  it.each([
    [['--family', 'q'], "argument 'q' is invalid"],
    [['--count', '2'], '--count needs --instance-type'],
    [['--request', '8'], '--request raises one quota in one region'],
    [['--family', 'p', '--instance-type', 'g5.xlarge'], 'counts against the "g" quota'],
    [['--instance-type', 'zz9.huge'], 'truffle has no vCPU quota for "zz9.huge"'],
  ])('%j is a usage error (exit 2)', async (flags, message) => {
    const run = await runTruffle(['quotas', '--region', 'us-east-1', ...flags], moto.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.records.every((r) => r.type === 'error')).toBe(true);
  });
});
