import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Cache } from '../cache/types.ts';
import { instanceTypesSchema } from './_cache-schemas.ts';
import { loadCovered } from './_covered-cache.ts';
import { describeInstanceTypes } from './describe-instance-types.ts';
import { SPECS_REGION } from './load-live-offerings.ts';
import type { CatalogInstanceType } from './types.ts';

export interface LiveTypesOptions {
  cache: Cache;
  account: string;
  region: string;
  /** Called only on a cache miss. */
  ec2: (region: string) => Promise<EC2Client>;
  signal?: AbortSignal;
}

/**
 * Every instance type AWS lists in `region` (DescribeInstanceTypes, all pages), cached a week under
 * the scope `*`, shared with pattern queries (see loadLiveOfferings), which it then answers too.
 */
export async function loadLiveTypes(o: LiveTypesOptions): Promise<CatalogInstanceType[]> {
  return loadCovered(
    o.cache,
    (scope) => ({ account: o.account, region: SPECS_REGION, kind: 'instanceTypes', id: `pattern:${scope}` }),
    '*',
    async () =>
      describeInstanceTypes(await o.ec2(o.region), undefined, o.signal ? { abortSignal: o.signal } : {}),
    (all) => all,
    instanceTypesSchema,
  );
}
