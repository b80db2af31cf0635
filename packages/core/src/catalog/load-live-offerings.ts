import { createHash } from 'node:crypto';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { fanOut } from '../aws/fan-out.ts';
import type { Cache } from '../cache/types.ts';
import type { UserError } from '../errors/user-error.ts';
import { describeInstanceTypes } from './describe-instance-types.ts';
import { describeAzOfferings } from './describe-offerings.ts';
import type { CatalogInstanceType } from './types.ts';

// EC2 limits: 100 names per DescribeInstanceTypes, 200 values per filter. Beyond, list everything.
const MAX_DESCRIBE_NAMES = 100;
const MAX_FILTER_VALUES = 200;

export interface LiveOfferingsOptions {
  cache: Cache;
  /** Cache namespace: the account id or a stand-in for it. */
  account: string;
  /** Regions to answer; the first one also supplies the instance type specs. */
  regions: string[];
  /** Called only on a cache miss, so a warm run never builds a client. */
  ec2: (region: string) => Promise<EC2Client>;
  /** Only these types (undefined = every type). Few names make small, fast calls. */
  instanceTypes?: string[];
  /** Specs to fall back on (the offline catalog) when the first region cannot describe a type. */
  fallbackTypes?: readonly CatalogInstanceType[];
  concurrency?: number;
}

export interface LiveOfferings {
  /** Specs of the requested types offered in at least one answered region. */
  types: CatalogInstanceType[];
  /** Per answered region: instance type → AZs where it is offered. */
  offerings: { region: string; byType: Record<string, string[]> }[];
  failed: { region: string; error: UserError }[];
}

/**
 * Live specs and AZ offerings: DescribeInstanceTypes once (first region; specs do not differ by
 * region) and one DescribeInstanceTypeOfferings chain per region, all in parallel, each narrowed to
 * the requested names when there are few. Everything goes through the cache (specs a week,
 * offerings a day), keyed by the name list, so a repeated query makes no call at all.
 */
export async function loadLiveOfferings(o: LiveOfferingsOptions): Promise<LiveOfferings> {
  const [primary] = o.regions;
  if (!primary) return { types: [], offerings: [], failed: [] };
  const names = o.instanceTypes ? [...new Set(o.instanceTypes)].sort() : undefined;
  const id = names ? createHash('sha256').update(names.join(',')).digest('hex').slice(0, 24) : 'all';
  const byName = names && names.length <= MAX_DESCRIBE_NAMES ? names : undefined;
  const byFilter = names && names.length <= MAX_FILTER_VALUES ? names : undefined;
  const key = (region: string, kind: 'instanceTypes' | 'offerings', list: string[] | undefined) => ({
    account: o.account,
    region,
    kind,
    id: list ? id : 'all',
  });
  const [specs, offered] = await Promise.all([
    o.cache
      .getOrLoad(key(primary, 'instanceTypes', byName), async () =>
        describeInstanceTypes(await o.ec2(primary), byName),
      )
      .then(
        (r) => r.value,
        (error: unknown) => {
          if (!o.fallbackTypes) throw error;
          return [];
        },
      ),
    fanOut(
      o.regions,
      async (region) => {
        const load = async () => describeAzOfferings(await o.ec2(region), byFilter);
        return (await o.cache.getOrLoad(key(region, 'offerings', byFilter), load)).value;
      },
      { concurrency: o.concurrency ?? 32 },
    ),
  ]);
  const wanted = names ? new Set(names) : undefined;
  const known = new Map<string, CatalogInstanceType>();
  for (const t of o.fallbackTypes ?? []) known.set(t.instanceType, t);
  for (const t of specs) known.set(t.instanceType, t);
  const offerings = offered.ok.map(({ region, value }) => ({
    region,
    byType: wanted ? Object.fromEntries(Object.entries(value).filter(([t]) => wanted.has(t))) : value,
  }));
  const offeredTypes = new Set(offerings.flatMap((r) => Object.keys(r.byType)));
  return {
    types: [...known.values()].filter((t) => offeredTypes.has(t.instanceType)),
    offerings,
    failed: offered.failed,
  };
}
