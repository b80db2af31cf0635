import { describe, expect, it } from 'vitest';
import { type CreatedResource, CreatedResources } from './created-resources.ts';

// The rollback journal of a --count group: its instances end together, then what they used.
const journal = (items: CreatedResource[]) => {
  const created = new CreatedResources();
  for (const item of items) created.add(item);
  return created;
};

describe('CreatedResources.rollback with a group of instances', () => {
  it('terminates the instances together, then deletes the security group', async () => {
    const events: string[] = [];
    let started = 0;
    let allStarted: () => void = () => undefined;
    const together = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const instance = (id: string): CreatedResource => ({
      kind: 'instance',
      id,
      remove: async () => {
        events.push(`terminate ${id}`);
        if (++started === 3) allStarted();
        // One by one, the first would wait here for ever (the rollback's own deadline is 1 s).
        await Promise.race([
          together,
          new Promise((_, no) => setTimeout(() => no(new Error('alone')), 1000)),
        ]);
        events.push(`gone ${id}`);
      },
    });
    const group: CreatedResource = {
      kind: 'security group',
      id: 'sg-1',
      remove: async () => {
        events.push('delete sg-1');
      },
    };
    const report = await journal([group, instance('i-0'), instance('i-1'), instance('i-2')]).rollback();
    expect(report.failed).toEqual([]);
    expect(events.slice(0, 3).sort()).toEqual(['terminate i-0', 'terminate i-1', 'terminate i-2']);
    expect(events.at(-1)).toBe('delete sg-1');
    expect(report.deleted.map((r) => r.id)).toEqual(['i-2', 'i-1', 'i-0', 'sg-1']);
  });

  it('an instance that cannot be terminated: the others still are; the security group is kept for it', async () => {
    const instance = (id: string, fails = false): CreatedResource => ({
      kind: 'instance',
      id,
      remove: async () => {
        if (fails) throw new Error('UnauthorizedOperation');
      },
    });
    const created = journal([
      { kind: 'security group', id: 'sg-1', remove: async () => undefined },
      instance('i-0'),
      instance('i-1', true),
      instance('i-2'),
    ]);
    const report = await created.rollback();
    expect(report.survivor).toBe('i-1');
    expect(report.deleted.map((r) => r.id).sort()).toEqual(['i-0', 'i-2']);
    expect(report.kept).toEqual([{ kind: 'security group', id: 'sg-1' }]);
    expect(created.list().map((r) => r.id)).toEqual(['sg-1', 'i-1']);
  });
});
