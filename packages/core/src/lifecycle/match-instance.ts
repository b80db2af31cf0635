import { UserError } from '../errors/user-error.ts';
import type { ManagedInstance } from './managed-instance.ts';

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/** True when `query` is an EC2 instance id rather than a Name tag. */
export function isInstanceId(query: string): boolean {
  return INSTANCE_ID.test(query);
}

/**
 * Picks the one instance `query` (a Name tag or an instance id) designates. Terminated instances
 * linger in EC2 for about an hour; a name prefers live ones so a relaunch under the same name is
 * not "ambiguous". Several live matches are an AMBIGUOUS_NAME error listing the candidates.
 */
export function matchInstance(
  instances: readonly ManagedInstance[],
  query: string,
  searchedRegions: readonly string[],
): ManagedInstance {
  const matches = isInstanceId(query)
    ? instances.filter((i) => i.instanceId === query)
    : instances.filter((i) => i.name === query);
  const live = matches.filter((i) => i.state !== 'terminated');
  const candidates = live.length > 0 ? live : matches;
  const [first, ...rest] = candidates;
  if (first && rest.length === 0) return first;
  if (!first) {
    const where = searchedRegions.length === 1 ? searchedRegions[0] : `${searchedRegions.length} regions`;
    throw new UserError('NOT_FOUND', `No spawn-managed instance "${query}" in ${where}.`, {
      hint: 'See every instance and its region with `spawn list --regions all`, then pass --region.',
      details: { query, regions: [...searchedRegions] },
    });
  }
  const lines = candidates.map((i) => `  ${i.instanceId}  ${i.region}  ${i.state}`);
  throw new UserError(
    'AMBIGUOUS_NAME',
    `"${query}" names ${candidates.length} instances:\n${lines.join('\n')}`,
    {
      hint: `Use the instance id instead, e.g. ${first.instanceId}.`,
      details: {
        candidates: candidates.map((i) => ({ instanceId: i.instanceId, region: i.region, state: i.state })),
      },
    },
  );
}
