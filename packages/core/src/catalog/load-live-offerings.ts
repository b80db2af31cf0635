import type { EC2Client } from '@aws-sdk/client-ec2';
import { fanOut } from '../aws/fan-out.ts';
import type { Cache } from '../cache/types.ts';
import type { UserError } from '../errors/user-error.ts';
import { describeInstanceTypes } from './describe-instance-types.ts';
import { describeAzOfferings } from './describe-offerings.ts';
import type { CatalogInstanceType } from './types.ts';

export interface LiveOfferingsOptions {
  cache: Cache;
  /** Cache namespace: the account id or a stand-in for it. */
  account: string;
  /** Regions to answer; the first one also supplies the instance type specs. */
  regions: string[];
  /** Called only on a cache miss, so a warm run never builds a client. */
  ec2: (region: string) => Promise<EC2Client>;
  /** Specs to fall back on (the offline catalog) for types the first region does not describe. */
  fallbackTypes?: readonly CatalogInstanceType[];
  concurrency?: number;
}

export interface LiveOfferings {
  /** Specs of every type offered in at least one answered region. */
  types: CatalogInstanceType[];
  /** Per answered region: instance type → AZs where it is offered. */
  offerings: { region: string; byType: Record<string, string[]> }[];
  failed: { region: string; error: UserError }[];
}

/**
 * Live specs and AZ offerings: one DescribeInstanceTypeOfferings chain per region, all regions in
 * parallel, and DescribeInstanceTypes once (first region) instead of once per region, since specs
 * do not differ by region. Types missing from both that and the fallback are described by name in
 * a region that offers them. Everything goes through the cache (offerings a day, specs a week).
 */
export async function loadLiveOfferings(o: LiveOfferingsOptions): Promise<LiveOfferings> {
  const [primary] = o.regions;
  if (!primary) return { types: [], offerings: [], failed: [] };
  const key = (region: string, kind: 'instanceTypes' | 'offerings', id?: string) => ({
    account: o.account,
    region,
    kind,
    ...(id ? { id } : {}),
  });
  const specsLoad = o.cache
    .getOrLoad(key(primary, 'instanceTypes'), async () => describeInstanceTypes(await o.ec2(primary)))
    .then((r) => r.value);
  const [specsResult, offered] = await Promise.all([
    specsLoad.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    fanOut(
      o.regions,
      async (region) =>
        (
          await o.cache.getOrLoad(key(region, 'offerings'), async () =>
            describeAzOfferings(await o.ec2(region)),
          )
        ).value,
      { concurrency: o.concurrency ?? 32 },
    ),
  ]);
  const specs = new Map<string, CatalogInstanceType>();
  for (const t of o.fallbackTypes ?? []) specs.set(t.instanceType, t);
  if ('value' in specsResult) for (const t of specsResult.value) specs.set(t.instanceType, t);
  else if (!o.fallbackTypes) throw specsResult.error;

  // Types new enough to be missing everywhere else: describe them where they are offered.
  const missing = new Map<string, string[]>();
  for (const { region, value } of offered.ok) {
    for (const type of Object.keys(value)) {
      if (!specs.has(type) && ![...missing.values()].some((l) => l.includes(type)))
        missing.set(region, [...(missing.get(region) ?? []), type]);
    }
  }
  for (const [region, names] of missing) {
    const id = names.sort().join(',');
    const more = await o.cache.getOrLoad(key(region, 'instanceTypes', id), async () =>
      describeInstanceTypes(await o.ec2(region), names),
    );
    for (const t of more.value) specs.set(t.instanceType, t);
  }
  const offeredTypes = new Set(offered.ok.flatMap((r) => Object.keys(r.value)));
  return {
    types: [...specs.values()].filter((t) => offeredTypes.has(t.instanceType)),
    offerings: offered.ok.map(({ region, value }) => ({ region, byType: value })),
    failed: offered.failed,
  };
}
