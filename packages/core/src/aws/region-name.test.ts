import { describe, expect, it } from 'vitest';
import { validateRegionName } from './region-name.ts';

describe('validateRegionName', () => {
  it.each([
    ['us-east-1', 'us-east-1'],
    ['eu-central-2', 'eu-central-2'],
    ['ap-southeast-4', 'ap-southeast-4'],
    ['us-gov-west-1', 'us-gov-west-1'],
    ['cn-northwest-1', 'cn-northwest-1'],
    ['us-isob-east-1', 'us-isob-east-1'],
    [' il-central-1 ', 'il-central-1'],
  ])('accepts %j', (input, expected) => {
    expect(validateRegionName(input)).toBe(expected);
  });

  it.each([
    ['us-east', undefined],
    ['US_EAST_1', 'us-east-1'],
    ['US-EAST-1', 'us-east-1'],
    ['useast1', undefined],
    ['us-east-1a', undefined],
    ['all', undefined],
    ['', undefined],
  ])('rejects %j as a usage error', (input, suggestion) => {
    let error: unknown;
    try {
      validateRegionName(input);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_REGION', exitCode: 2, details: { region: input } });
    const hint = (error as { hint: string }).hint;
    if (suggestion) expect(hint).toMatch(new RegExp(`^Did you mean ${suggestion}\\?`));
    else expect(hint).not.toContain('Did you mean');
    expect(hint).toContain('us-east-1 or eu-west-2');
  });
});
