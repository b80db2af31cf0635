import { describe, expect, it } from 'vitest';
import {
  buildLaunchSpec,
  type LaunchFlags,
  type LaunchTarget,
  validateSshCidr,
} from './build-launch-spec.ts';

// Issue 12: hostile or careless inputs fail as usage errors before anything is looked up or created.
const target: LaunchTarget = { instanceType: 't3.micro', region: 'us-east-1', market: 'on-demand' };
const base = { name: 'box', sshCidr: '203.0.113.7/32' };
const build = (flags: LaunchFlags, t: Partial<LaunchTarget> = {}, cidr = base.sshCidr) =>
  buildLaunchSpec({ ...target, ...t }, flags, { ...base, sshCidr: cidr });

describe('launch limits', () => {
  it.each([
    ['--ttl 99999999999d', { ttl: '99999999999d' }, /TTL.*at most 365d/],
    ['--ttl 366d', { ttl: '366d' }, /at most 365d/],
    ['--idle-timeout 31d', { idleTimeout: '31d' }, /idle timeout.*at most 30d/],
  ])('%s is refused (exit 2)', (_, flags, message) => {
    expect(() => build(flags)).toThrow(expect.objectContaining({ code: 'INVALID_DURATION', exitCode: 2 }));
    expect(() => build(flags)).toThrow(message);
  });

  it('accepts the documented maxima', () => {
    expect(build({ ttl: '365d', idleTimeout: '30d' })).toMatchObject({ ttlMs: 365 * 86_400_000 });
  });

  it.each([1e308, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1001])(
    'a piped price of %s is refused',
    (price) => {
      expect(() => build({}, { pricePerHour: price })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(() => build({}, { onDemandPricePerHour: price })).toThrow(/on-demand price/);
      expect(() => build({ maxPrice: price })).toThrow(/--max-price/);
    },
  );

  it('keeps a sane piped price', () => {
    expect(build({}, { pricePerHour: 0.0104 })).toMatchObject({ pricePerHour: 0.0104 });
  });

  it.each([
    ['010.0.0.1/32', /Invalid --ssh-cidr/],
    ['10.0.0.1/032', /Invalid --ssh-cidr/],
    ['10.0.0.1/24', /Did you mean 10\.0\.0\.0\/24/],
    ['203.0.113.7/0', /Did you mean 0\.0\.0\.0\/0/],
    ['256.0.0.1/32', /Invalid/],
    ['10.0.0.1/33', /Invalid/],
    ['10.0.0.1', /Invalid/],
    ['10.0.0.1/32; rm -rf /', /Invalid/],
  ])('--ssh-cidr %s is refused', (cidr, message) => {
    const error = (() => {
      try {
        validateSshCidr(cidr);
      } catch (e) {
        return e as { message: string; hint?: string };
      }
    })();
    expect(`${error?.message} ${error?.hint}`).toMatch(message);
    expect(() => build({}, {}, cidr)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each(['203.0.113.7/32', '203.0.113.0/24', '0.0.0.0/0', '10.0.0.0/8'])(
    '--ssh-cidr %s is canonical',
    (cidr) => {
      expect(validateSshCidr(cidr)).toBe(cidr);
    },
  );
});
