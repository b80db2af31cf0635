import { describe, expect, it } from 'vitest';
import { decodeStatusTag, encodeStatusTag, TAG_VALUE_MAX } from './status-tag.ts';

describe('status tag', () => {
  it('round-trips every field', () => {
    const status = {
      state: 'warning' as const,
      idleSince: '2030-01-01T00:00:00Z',
      nextAction: 'stop' as const,
      nextActionAt: '2030-01-01T01:00:00Z',
      reason: 'idle timeout -> stop; a=b; 100%',
      updatedAt: '2030-01-01T00:30:00Z',
      osTimerAt: '2030-01-01T01:02:00Z',
    };
    expect(decodeStatusTag(encodeStatusTag(status))).toEqual(status);
  });

  it('tells an OS timer that is off (o=none) from an unknown one (no o field)', () => {
    const base = { state: 'active' as const, updatedAt: '2030-01-01T00:00:00Z' };
    expect(encodeStatusTag({ ...base, osTimerAt: null })).toBe('v1;s=active;o=none;u=2030-01-01T00:00:00Z');
    expect(decodeStatusTag('v1;s=active;o=none;u=2030-01-01T00:00:00Z')?.osTimerAt).toBeNull();
    expect(decodeStatusTag('v1;s=active;u=2030-01-01T00:00:00Z')).not.toHaveProperty('osTimerAt');
  });

  it('stays within the tag value limit by truncating the reason only', () => {
    const encoded = encodeStatusTag({
      state: 'active',
      updatedAt: '2030-01-01T00:00:00.000Z',
      reason: '%;'.repeat(400),
    });
    expect(encoded.length).toBeLessThanOrEqual(TAG_VALUE_MAX);
    expect(decodeStatusTag(encoded)).toMatchObject({ state: 'active', updatedAt: '2030-01-01T00:00:00Z' });
  });

  it.each([
    '',
    'garbage',
    'v2;s=idle;u=2030-01-01T00:00:00Z',
    'v1;s=sleepy;u=2030-01-01T00:00:00Z',
    'v1;s=idle',
  ])('rejects %j', (value) => {
    expect(decodeStatusTag(value)).toBeUndefined();
  });
});
