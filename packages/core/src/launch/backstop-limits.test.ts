import { describe, expect, it } from 'vitest';
import { parseMaxStopped, validateDiskGiB } from './backstop-limits.ts';
import { buildLaunchSpec } from './build-launch-spec.ts';
import { buildInstanceTags } from './build-tags.ts';

const target = { instanceType: 't3.micro', region: 'us-east-1', market: 'on-demand' as const };
const o = { name: 'box', sshCidr: '203.0.113.7/32' };

describe('--disk is bounded by gp3 before anything is created', () => {
  it.each([1, 20, 16_384])('%s GiB is accepted', (gib) => expect(validateDiskGiB(gib)).toBe(gib));
  it.each([0, 16_385, 1e9, 2.5, Number.NaN])('%s GiB is an INVALID_INPUT error', (gib) => {
    expect(() => buildLaunchSpec(target, { disk: gib }, o)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('1–16384 GiB') }),
    );
  });
});

describe('--max-stopped and --no-cloud-backstop', () => {
  it('defaults to 7 days, recorded in a tag; the backstop is on', () => {
    const spec = buildLaunchSpec(target, {}, o);
    expect(spec).toMatchObject({ maxStoppedMs: 7 * 86_400_000, cloudBackstop: true });
    const tags = buildInstanceTags({ spec, now: new Date(0), createdBy: 'arn', version: '0' });
    expect(tags).toContainEqual({ Key: 'spawn:max-stopped', Value: '7d' });
    expect(tags.find((t) => t.Key === 'spawn:cloud-backstop')).toBeUndefined();
  });

  it('--no-cloud-backstop is recorded as spawn:cloud-backstop=off', () => {
    const spec = buildLaunchSpec(target, { cloudBackstop: false, maxStopped: '2d' }, o);
    const tags = buildInstanceTags({ spec, now: new Date(0), createdBy: 'arn', version: '0' });
    expect(tags).toContainEqual({ Key: 'spawn:cloud-backstop', Value: 'off' });
    expect(tags).toContainEqual({ Key: 'spawn:max-stopped', Value: '2d' });
  });

  it.each(['30m', '400d'])('--max-stopped %s is out of range', (text) => {
    expect(() => parseMaxStopped(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
