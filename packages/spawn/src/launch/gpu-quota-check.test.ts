import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { Quota } from '@truffle-spawn/core/protocol';
import { ZERO_G_QUOTA } from '@truffle-spawn/test-utils/zero-quota';
import { describe, expect, it } from 'vitest';
import { checkGpuQuota } from './gpu-quota-check.ts';

function fakeContext() {
  const said: string[] = [];
  const ctx = {
    signal: new AbortController().signal,
    output: {
      info: (t: string) => said.push(`info ${t}`),
      warn: (t: string) => said.push(`warn ${t}`),
      style: (_: string, t: string) => t,
    },
  } as unknown as CommandContext;
  return { ctx, said };
}

const zeroG: Quota = ZERO_G_QUOTA;
const g5 = { instanceType: 'g5.xlarge', vcpus: 4, region: 'us-east-1', market: 'on-demand' } as const;

describe('checkGpuQuota (the wizard step after pricing)', () => {
  it('reads nothing for a standard type', async () => {
    const { ctx, said } = fakeContext();
    const read = async () => {
      throw new Error('must not be called');
    };
    expect(await checkGpuQuota(ctx, { ...g5, instanceType: 't3.medium', vcpus: 2 }, read)).toBe(
      'not-checked',
    );
    expect(said).toEqual([]);
  });

  it('reads the G bucket for g5 and says a zero quota with the request command', async () => {
    const { ctx, said } = fakeContext();
    const asked: string[] = [];
    const read = async (bucket: string) => {
      asked.push(bucket);
      return zeroG;
    };
    expect(await checkGpuQuota(ctx, g5, read)).toBe('short');
    expect(asked).toEqual(['g']);
    expect(said.join('\n')).toContain(
      'warn Your AWS account may not run any G and VT instances in us-east-1 yet',
    );
    expect(said).toContain('info Ask for 4 vCPUs: truffle quotas --family g --region us-east-1 --request 4');
  });

  it('a lookup that fails or hangs is a warning, never a stop', async () => {
    const { ctx, said } = fakeContext();
    const denied = async (): Promise<Quota> => {
      throw new Error('not allowed to call servicequotas:GetServiceQuota');
    };
    expect(await checkGpuQuota(ctx, g5, denied)).toBe('unknown');
    const hangs = () => new Promise<Quota>(() => {});
    expect(await checkGpuQuota(ctx, { ...g5, timeoutMs: 20 }, hangs)).toBe('unknown');
    const warnings = said.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(
      'Could not check the quota (not allowed to call servicequotas:GetServiceQuota); going on.',
    );
    expect(warnings[1]).toContain('no answer from Service Quotas within 0.02 s');
  });

  it('enough free vCPUs is one quiet line', async () => {
    const { ctx, said } = fakeContext();
    const read = async () => ({ ...zeroG, limitVcpus: 8, headroomVcpus: 8 });
    expect(await checkGpuQuota(ctx, g5, read)).toBe('fits');
    expect(said.at(-1)).toBe(
      'info g5.xlarge needs 4 vCPUs; 8 of your 8 G and VT vCPUs are free in us-east-1.',
    );
  });
});
