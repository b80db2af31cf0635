import { describe, expect, it } from 'vitest';
import { messageSchema } from './schemas.ts';

describe('messageSchema', () => {
  it('accepts an offer and keeps unknown fields', () => {
    const parsed = messageSchema.parse({
      v: 1,
      type: 'offer',
      instanceType: 'm7i.large',
      region: 'us-east-1',
      vcpus: 2,
      memoryMiB: 8192,
      architecture: 'x86_64',
      market: 'on-demand',
      extra: true,
    });
    expect(parsed).toMatchObject({ type: 'offer', extra: true });
  });

  it('rejects an offer without an instance type', () => {
    const result = messageSchema.safeParse({ v: 1, type: 'offer', region: 'us-east-1' });
    expect(result.success).toBe(false);
  });
});
