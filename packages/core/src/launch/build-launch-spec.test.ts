import { describe, expect, it } from 'vitest';
import {
  buildLaunchSpec,
  type LaunchFlags,
  type LaunchTarget,
  validateSshCidr,
} from './build-launch-spec.ts';

const target: LaunchTarget = { instanceType: 't3.micro', region: 'us-east-1', market: 'on-demand' };
const base = { name: 'box', sshCidr: '203.0.113.7/32' };

describe('buildLaunchSpec', () => {
  it.each<[string, LaunchTarget, LaunchFlags, Record<string, unknown>]>([
    [
      'defaults: TTL 8h, idle 1h, stop on idle',
      target,
      {},
      {
        ttlMs: 8 * 3_600_000,
        idleTimeoutMs: 3_600_000,
        onIdle: 'stop',
        onExpire: 'terminate',
        user: 'ec2-user',
      },
    ],
    [
      '--no-ttl keeps the idle timeout',
      target,
      { ttl: false },
      { ttlMs: undefined, idleTimeoutMs: 3_600_000 },
    ],
    ['2h30m TTL', target, { ttl: '2h30m' }, { ttlMs: 9_000_000 }],
    ['--spot terminates on idle', target, { spot: true }, { market: 'spot', onIdle: 'terminate' }],
    [
      // Issue 15: a cap at the current price is interrupted by the first rise; AWS's default is on-demand.
      'spot offer launches in its AZ with no cap (AWS caps at on-demand)',
      { ...target, market: 'spot', availabilityZone: 'us-east-1b', pricePerHour: 0.0031 },
      {},
      { market: 'spot', maxPrice: undefined, maxPriceText: undefined, availabilityZone: 'us-east-1b' },
    ],
    [
      '--max-price sets the cap of a spot offer',
      { ...target, market: 'spot', pricePerHour: 0.0031 },
      { maxPrice: 0.01 },
      { maxPrice: 0.01, maxPriceText: '0.01' },
    ],
    [
      '--max-price keeps its text exactly',
      target,
      { spot: true, maxPrice: { usd: 0.1, text: '0.10' } },
      { maxPrice: 0.1, maxPriceText: '0.10' },
    ],
    [
      'a tiny cap is written out, not rounded',
      target,
      { spot: true, maxPrice: 0.00001 },
      { maxPrice: 0.00001, maxPriceText: '0.00001' },
    ],
    [
      '--fallback-on-demand with spot',
      target,
      { spot: true, fallbackOnDemand: true },
      { fallbackOnDemand: true },
    ],
    [
      '--fallback-on-demand means nothing on-demand',
      target,
      { fallbackOnDemand: true },
      { fallbackOnDemand: false },
    ],
    ['--hibernate-on-idle', target, { hibernateOnIdle: true }, { hibernate: true, onIdle: 'hibernate' }],
    ['--on-expire stop', target, { onExpire: 'stop' }, { onExpire: 'stop', onIdle: 'stop' }],
    [
      '--on-expire hibernate with --hibernate',
      target,
      { onExpire: 'hibernate', hibernate: true },
      { onExpire: 'hibernate', hibernate: true },
    ],
    [
      '--on-idle hibernate with --hibernate',
      target,
      { onIdle: 'hibernate', hibernate: true },
      { onIdle: 'hibernate', hibernate: true },
    ],
    [
      'capacity record targets its reservation',
      { ...target, reservationId: 'cr-0123456789abcdef0' },
      {},
      { reservation: 'cr-0123456789abcdef0' },
    ],
    ['--use-reservation without id means open', target, { useReservation: true }, { reservation: 'open' }],
    ['--az overrides', target, { az: 'us-east-1c' }, { availabilityZone: 'us-east-1c' }],
  ])('%s', (_name, t, flags, expected) => {
    expect(buildLaunchSpec(t, flags, base)).toMatchObject(expected);
  });

  it.each<[string, LaunchFlags]>([
    ['bad TTL', { ttl: '8' }],
    ['zero TTL', { ttl: '0h' }],
    ['bad idle', { idleTimeout: 'soon' }],
    ['spot cannot stop', { spot: true, onIdle: 'stop' }],
    ['spot cannot stop at its TTL', { spot: true, onExpire: 'stop' }],
    ['--on-idle hibernate without --hibernate', { onIdle: 'hibernate' }],
    ['--on-expire hibernate without --hibernate', { onExpire: 'hibernate' }],
    ['bad name', { name: 'no spaces allowed' }],
    ['--max-price on an on-demand launch', { maxPrice: 0.1 }],
    ['a zero cap', { spot: true, maxPrice: 0 }],
  ])('rejects %s as a usage error', (_name, flags) => {
    expect(() => buildLaunchSpec(target, flags, base)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each(['203.0.113.7/32', '10.0.0.0/8', ' 0.0.0.0/0 '])('accepts CIDR %s', (cidr) => {
    expect(validateSshCidr(cidr)).toBe(cidr.trim());
  });
  it.each(['203.0.113.7', '300.0.0.1/32', '1.2.3.4/33', '::/0', ''])('rejects CIDR %j', (cidr) => {
    expect(() => validateSshCidr(cidr)).toThrow(/Invalid --ssh-cidr/);
  });
});

describe('--max-price without spot', () => {
  it('says to add --spot', () => {
    expect(() => buildLaunchSpec(target, { maxPrice: 0.1 }, base)).toThrow(
      expect.objectContaining({ code: 'USAGE', hint: expect.stringMatching(/Add --spot/) }),
    );
  });
});
