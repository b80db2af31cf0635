import { CreateTagsCommand, DeleteTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TAG } from '../tags.ts';
import { pauseTtlChanges, resumeTtlChanges, writeOwnTagChanges } from './own-ttl-tags.ts';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const ec2Mock = mockClient(EC2Client);
beforeEach(() => ec2Mock.reset());

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
    await writeOwnTagChanges(new EC2Client({}), 'i-1', changes);
    expect(ec2Mock.commandCalls(CreateTagsCommand)[0]?.args[0].input.Tags).toEqual([
      { Key: TAG.ttlRemaining, Value: '2h' },
    ]);
    expect(ec2Mock.commandCalls(DeleteTagsCommand)[0]?.args[0].input.Tags).toEqual([{ Key: TAG.expiresAt }]);
  });

  it('without ec2:DeleteTags, blanks the removed keys instead', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' });
    ec2Mock.on(DeleteTagsCommand).rejects(denied);
    await writeOwnTagChanges(new EC2Client({}), 'i-1', changes);
    expect(ec2Mock.commandCalls(CreateTagsCommand).map((c) => c.args[0].input.Tags)).toEqual([
      [{ Key: TAG.ttlRemaining, Value: '2h' }],
      [{ Key: TAG.expiresAt, Value: '' }],
    ]);
  });

  it('when blanking fails too, the DeleteTags error surfaces', async () => {
    ec2Mock.on(DeleteTagsCommand).rejects(new Error('delete failed'));
    ec2Mock.on(CreateTagsCommand).resolvesOnce({}).rejects(new Error('create failed'));
    await expect(writeOwnTagChanges(new EC2Client({}), 'i-1', changes)).rejects.toThrow('delete failed');
  });
});
