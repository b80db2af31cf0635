import { createHash } from 'node:crypto';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RegionProgress } from '../aws/fan-out.ts';
import type { Cache, CacheKey } from '../cache/types.ts';
import type { UserError } from '../errors/user-error.ts';
import { instanceTypesSchema, offeringsSchema } from './_cache-schemas.ts';
import { loadCovered } from './_covered-cache.ts';
import { describeInstanceTypes } from './describe-instance-types.ts';
import { describeAzOfferings } from './describe-offerings.ts';
import { matchesPattern } from './instance-type-patterns.ts';
import type { CatalogInstanceType } from './types.ts';

// EC2 limits: 100 names per DescribeInstanceTypes, 200 values per filter. Beyond, list everything.
const MAX_DESCRIBE_NAMES = 100;
const MAX_FILTER_VALUES = 200;
/** Cache region of pattern-scoped specs (see patternScope). */
export const SPECS_REGION = 'global';

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
  /**
   * Instead of names: EC2 `instance-type` filter values (wildcards allowed, e.g. `c7g.*`). Specs and
   * offerings then come from AWS for whatever it lists under them, catalog or not, cached per
   * pattern, and a cached wider scope (`c7g.*`, everything) answers a narrower one without a call.
   */
  patterns?: string[];
  /** Specs already loaded (e.g. by {@link loadLiveTypes}): no DescribeInstanceTypes call then. */
  specs?: readonly CatalogInstanceType[];
  /** Specs to fall back on (the offline catalog) when the first region cannot describe a type. */
  fallbackTypes?: readonly CatalogInstanceType[];
  concurrency?: number;
  signal?: AbortSignal;
  /** Regions answered / asked, for a spinner (see fanOut). */
  onProgress?: (progress: RegionProgress) => void;
}

export interface LiveOfferings {
  /** Specs of the requested types offered in at least one answered region. */
  types: CatalogInstanceType[];
  /** Specs of every requested type AWS (or the fallback) describes, offered or not. */
  described: CatalogInstanceType[];
  /** Per answered region: instance type → AZs where it is offered. */
  offerings: { region: string; byType: Record<string, string[]> }[];
  failed: { region: string; error: UserError }[];
}

/**
 * Live specs and AZ offerings: DescribeInstanceTypes once (first region; specs do not differ by
 * region) and one DescribeInstanceTypeOfferings chain per region, all in parallel, each narrowed to
 * the requested names or patterns. Everything goes through the cache (specs a week, offerings a
 * day), so a repeated or narrower query makes no call at all.
 */
export async function loadLiveOfferings(o: LiveOfferingsOptions): Promise<LiveOfferings> {
  const [primary] = o.regions;
  if (!primary) return { types: [], described: [], offerings: [], failed: [] };
  const scope = o.patterns ? patternScope(o) : nameScope(o);
  const [specs, offered] = await Promise.all([
    o.specs
      ? Promise.resolve([...o.specs])
      : scope.specs(primary).catch((error: unknown) => {
          if (!o.fallbackTypes) throw error;
          return [];
        }),
    // Imported here: the catalog index loads this module, and an offline search loads no AWS code.
    import('../aws/fan-out.ts').then(({ fanOut }) =>
      fanOut(o.regions, (region) => scope.offerings(region), {
        concurrency: o.concurrency ?? 32,
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      }),
    ),
  ]);
  const known = new Map<string, CatalogInstanceType>();
  for (const t of o.fallbackTypes ?? []) if (scope.wants(t.instanceType)) known.set(t.instanceType, t);
  for (const t of specs) known.set(t.instanceType, t);
  const offerings = offered.ok.map(({ region, value }) => ({
    region,
    byType: Object.fromEntries(Object.entries(value).filter(([t]) => scope.wants(t))),
  }));
  const offeredTypes = new Set(offerings.flatMap((r) => Object.keys(r.byType)));
  return {
    types: [...known.values()].filter((t) => offeredTypes.has(t.instanceType)),
    described: [...known.values()],
    offerings,
    failed: offered.failed,
  };
}

interface Scope {
  specs(region: string): Promise<CatalogInstanceType[]>;
  offerings(region: string): Promise<Record<string, string[]>>;
  wants(instanceType: string): boolean;
}

function key(o: LiveOfferingsOptions, region: string, kind: CacheKey['kind'], id: string): CacheKey {
  return { account: o.account, region, kind, id };
}

/** Names from a selection: cached under a hash of the sorted list. */
function nameScope(o: LiveOfferingsOptions): Scope {
  const names = o.instanceTypes ? [...new Set(o.instanceTypes)].sort() : undefined;
  const id = names ? createHash('sha256').update(names.join(',')).digest('hex').slice(0, 24) : 'all';
  const byName = names && names.length <= MAX_DESCRIBE_NAMES ? names : undefined;
  const byFilter = names && names.length <= MAX_FILTER_VALUES ? names : undefined;
  const wanted = names ? new Set(names) : undefined;
  return {
    specs: async (region) =>
      (
        await o.cache.getOrLoad(
          key(o, region, 'instanceTypes', byName ? id : 'all'),
          async () => describeInstanceTypes(await o.ec2(region), byName),
          { schema: instanceTypesSchema },
        )
      ).value,
    offerings: async (region) =>
      (
        await o.cache.getOrLoad(
          key(o, region, 'offerings', byFilter ? id : 'all'),
          async () => describeAzOfferings(await o.ec2(region), byFilter),
          { schema: offeringsSchema },
        )
      ).value,
    wants: (t) => !wanted || wanted.has(t),
  };
}

/**
 * Patterns (names or wildcards): each cached on its own, answered by a covering scope when cached.
 * Offerings of a wildcard are asked by the names its specs list (DescribeInstanceTypeOfferings
 * filters are not documented to take wildcards; moto ignores them), so they follow the specs call.
 */
function patternScope(o: LiveOfferingsOptions): Scope {
  const patterns = [...new Set(o.patterns)];
  const id = (scope: string) => `pattern:${scope}`;
  const isGlob = (p: string) => /[*?]/.test(p);
  const specsByPattern = new Map<string, Promise<CatalogInstanceType[]>>();
  const specsOf = (region: string, pattern: string) => {
    let p = specsByPattern.get(pattern);
    if (!p) {
      // Specs do not differ by region (which types a region has is its offerings' business), so
      // they are cached once for every region: a query over other regions reuses them.
      p = loadCovered(
        o.cache,
        (scope) => key(o, SPECS_REGION, 'instanceTypes', id(scope)),
        pattern,
        async () =>
          describeInstanceTypes(await o.ec2(region), undefined, {
            ...(pattern === '*' ? {} : { patterns: [pattern] }),
            ...(o.signal ? { abortSignal: o.signal } : {}),
          }),
        (all, p) => all.filter((t) => matchesPattern(t.instanceType, p)),
        instanceTypesSchema,
      );
      specsByPattern.set(pattern, p);
    }
    return p;
  };
  const [primary = 'us-east-1'] = o.regions;
  const offeringNames = async (pattern: string): Promise<string[] | undefined> => {
    if (pattern === '*') return undefined;
    if (!isGlob(pattern)) return [pattern];
    const names = (await specsOf(primary, pattern).catch(() => [])).map((t) => t.instanceType);
    if (names.length === 0 && o.fallbackTypes) {
      names.push(...o.fallbackTypes.map((t) => t.instanceType).filter((n) => matchesPattern(n, pattern)));
    }
    return names.length <= MAX_FILTER_VALUES ? names : undefined;
  };
  return {
    specs: async (region) => (await Promise.all(patterns.map((p) => specsOf(region, p)))).flat(),
    offerings: async (region) => {
      const maps = await Promise.all(
        patterns.map((pattern) =>
          loadCovered(
            o.cache,
            (scope) => key(o, region, 'offerings', id(scope)),
            pattern,
            async () => {
              const names = await offeringNames(pattern);
              if (names?.length === 0) return {};
              return describeAzOfferings(await o.ec2(region), names);
            },
            (all, p) => Object.fromEntries(Object.entries(all).filter(([t]) => matchesPattern(t, p))),
            offeringsSchema,
          ),
        ),
      );
      return Object.assign({}, ...maps) as Record<string, string[]>;
    },
    wants: (t) => patterns.some((p) => matchesPattern(t, p)),
  };
}
