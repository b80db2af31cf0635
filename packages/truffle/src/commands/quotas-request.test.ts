import {
  GetServiceQuotaCommand,
  RequestServiceQuotaIncreaseCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTruffle } from './_market-test-io.ts';

// moto's Service Quotas knows only `vpc`, so the quota API is mocked in-process; EC2 usage
// (DescribeInstances) still goes to moto.
describe('truffle quotas --request', () => {
  const moto = useMoto();
  const sq = mockClient(ServiceQuotasClient);

  beforeEach(() => {
    sq.reset();
    sq.on(GetServiceQuotaCommand).resolves({
      Quota: {
        ServiceCode: 'ec2',
        QuotaCode: 'L-DB2E81BA',
        QuotaName: 'Running On-Demand G and VT instances',
        Value: 0,
      },
    });
    sq.on(RequestServiceQuotaIncreaseCommand).resolves({
      RequestedQuota: { Id: 'req-123', Status: 'PENDING', QuotaCode: 'L-DB2E81BA', DesiredValue: 8 },
    });
  });
  afterEach(() => sq.reset());

  const flags = ['quotas', '--family', 'g', '--region', 'us-east-1', '--request', '8'];

  it('--dry-run prints the exact AWS CLI command and files nothing', async () => {
    const run = await runTruffle([...flags, '--dry-run'], moto.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value 8 --region us-east-1',
    );
    expect(sq.commandCalls(RequestServiceQuotaIncreaseCommand)).toHaveLength(0);
  });

  it('--yes files the request for the G bucket', async () => {
    const run = await runTruffle([...flags, '--yes'], moto.env);
    expect(run.code, run.stderr).toBe(0);
    const calls = sq.commandCalls(RequestServiceQuotaIncreaseCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { ServiceCode: 'ec2', QuotaCode: 'L-DB2E81BA', DesiredValue: 8 },
    ]);
    expect(run.stderr).toContain('req-123');
  });

  it('without a terminal and without --yes refuses (exit 2) and files nothing', async () => {
    const run = await runTruffle(flags, moto.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(sq.commandCalls(RequestServiceQuotaIncreaseCommand)).toHaveLength(0);
  });
});
