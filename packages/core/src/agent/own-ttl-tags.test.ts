import { describe, expect, it } from 'vitest';
import { TAG } from '../tags.ts';
import type { AgentEc2Client } from './lean-ec2/lean-ec2-client.ts';
import { pauseTtlChanges, resumeTtlChanges, writeOwnTagChanges } from './own-ttl-tags.ts';

const NOW = Date.parse('2030-01-01T00:00:00Z');

/** Records each Query API call; `fail` decides which ones reject (by action and call index). */
function fakeEc2(fail: (action: string, index: number) => Error | undefined = () => undefined) {
  const calls: { action: string; params: Readonly<Record<string, string>> }[] = [];
  const ec2: AgentEc2Client = {
    async send(action, params) {
      const index = calls.filter((c) => c.action === action).length;
      calls.push({ action, params });
      const error = fail(action, index);
      if (error) throw error;
      return '<ok/>';
    },
  };
  return { ec2, calls };
}

describe('resumeTtlChanges', () => {
  it.each([
    {
      name: 'paused, no deadline: resume now + remaining',
      tags: { [TAG.ttlRemaining]: '1h30m' },
      set: { [TAG.expiresAt]: '2030-01-01T01:30:00Z' },
    },
    {
      name: 'blanked deadline (no DeleteTags permission) counts as gone',
      tags: { [TAG.ttlRemaining]: '10m', [TAG.expiresAt]: '' },
      set: { [TAG.expiresAt]: '2030-01-01T00:10:00Z' },
    },
    {
      name: 'already has a deadline (spawn start did it): nothing',
      tags: { [TAG.ttlRemaining]: '1h', [TAG.expiresAt]: '2030-01-01T05:00:00Z' },
      set: {},
    },
    { name: 'no TTL at all: nothing', tags: {}, set: {} },
  ])('$name', ({ tags, set }) => {
    const changes = resumeTtlChanges(tags as Record<string, string>, NOW);
    expect(changes.set).toEqual(set);
    expect(changes.remove).toEqual(Object.keys(set).length ? [TAG.ttlRemaining] : []);
  });

  it('pause is exactly what spawn stop writes', () => {
    expect(pauseTtlChanges({ [TAG.expiresAt]: '2030-01-01T02:00:00Z' }, NOW)).toEqual({
      set: { [TAG.ttlRemaining]: '2h' },
      remove: [TAG.expiresAt],
    });
  });
});

describe('writeOwnTagChanges', () => {
  const changes = { set: { [TAG.ttlRemaining]: '2h' }, remove: [TAG.expiresAt] };

  it('sets, then deletes', async () => {
    const { ec2, calls } = fakeEc2();
    await writeOwnTagChanges(ec2, 'i-1', changes);
    expect(calls).toEqual([
      {
        action: 'CreateTags',
        params: { 'ResourceId.1': 'i-1', 'Tag.1.Key': TAG.ttlRemaining, 'Tag.1.Value': '2h' },
      },
      { action: 'DeleteTags', params: { 'ResourceId.1': 'i-1', 'Tag.1.Key': TAG.expiresAt } },
    ]);
  });

  it('without ec2:DeleteTags, blanks the removed keys instead', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' });
    const { ec2, calls } = fakeEc2((action) => (action === 'DeleteTags' ? denied : undefined));
    await writeOwnTagChanges(ec2, 'i-1', changes);
    expect(calls.filter((c) => c.action === 'CreateTags').map((c) => c.params)).toEqual([
      { 'ResourceId.1': 'i-1', 'Tag.1.Key': TAG.ttlRemaining, 'Tag.1.Value': '2h' },
      { 'ResourceId.1': 'i-1', 'Tag.1.Key': TAG.expiresAt, 'Tag.1.Value': '' },
    ]);
  });

  it('when blanking fails too, the DeleteTags error surfaces', async () => {
    const { ec2 } = fakeEc2((action, i) =>
      action === 'DeleteTags' ? new Error('delete failed') : i > 0 ? new Error('create failed') : undefined,
    );
    await expect(writeOwnTagChanges(ec2, 'i-1', changes)).rejects.toThrow('delete failed');
  });
});
