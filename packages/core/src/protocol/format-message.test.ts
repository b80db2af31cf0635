import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './format-message.ts';
import { readAllMessages } from './read-messages.ts';
import type { Message } from './schemas.ts';

describe('formatMessage', () => {
  const error: Message = {
    v: 1,
    type: 'error',
    code: 'EC2_CAPACITY_UNAVAILABLE',
    message: 'no capacity\nin us-east-1a',
  };

  it('writes one compact line ending in a newline', () => {
    const text = formatMessage(error);
    expect(text).toBe(
      '{"v":1,"type":"error","code":"EC2_CAPACITY_UNAVAILABLE","message":"no capacity\\nin us-east-1a"}\n',
    );
    expect(text.indexOf('\n')).toBe(text.length - 1);
  });

  it('round-trips through readAllMessages', async () => {
    const read = await readAllMessages(Readable.from([formatMessage(error), formatMessage(error)]));
    expect(read.map((r) => r.message)).toEqual([error, error]);
  });
});
