import { describe, expect, it } from 'vitest';
import { launchIdTime } from './launch-id.ts';

describe('launchIdTime', () => {
  const at = Date.UTC(2030, 0, 1, 12);
  it.each<[string | undefined, number | undefined]>([
    [`l-${at.toString(36)}-0123456789ab`, at],
    [`l-${Date.UTC(2026, 10, 27).toString(36)}-abcdef012345`, Date.UTC(2026, 10, 27)],
    ['l-0123456789abcdef0123', undefined],
    [`l-${(0).toString(36)}-0123456789ab`, undefined],
    [`l-${Date.UTC(2200, 0, 1).toString(36)}-0123456789ab`, undefined],
    ['x-lyy0-ab', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (id, ms) => {
    expect(launchIdTime(id)).toBe(ms);
  });
});
