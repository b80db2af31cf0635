import type { Instance } from '@aws-sdk/client-ec2';
import { isUserError, UserError } from '../../errors/user-error.ts';
import type { StepContext } from '../context.ts';
import { groupZones } from '../group-zones.ts';
import type { LaunchPlan } from '../plan.ts';
import type { Done } from '../step.ts';
import { type ReadyResources, startInstances } from './run-instance.ts';

/** The refusals of one AZ: the rest of the group is asked for in the region's next AZ. */
export const ZONE_FULL = new Set(['EC2_CAPACITY_UNAVAILABLE', 'EC2_UNSUPPORTED_IN_AZ']);
/** Refusals of the account or the price, not the AZ: the group stops short (kept with --partial). */
const STOPS_SHORT = new Set(['EC2_QUOTA_EXCEEDED', 'SPOT_MAX_PRICE_TOO_LOW']);

/** What `startGroup` needs besides the plan: N, --partial, whether to move, and the first place. */
export interface StartGroupOptions {
  count: number;
  partial: boolean;
  moveZones: boolean;
  onZoneFull?: (message: string) => void;
  firstZone: string;
  vpcId: string;
}

/** One RunInstances call's instances, where they run and on which market. */
export interface Batch {
  zone: string;
  instances: Instance[];
  market: 'on-demand' | 'spot';
  spotFallback?: string;
}

/**
 * The RunInstances calls of a `--count` group, AZ by AZ, until N started or no AZ is left (each
 * call asks for the rest, with its index offset in the user-data). Short of N: a capacity error
 * (everything is rolled back by the caller), unless `partial` and at least one started. Then the
 * launch's own resources get `spawn:parent` (the first instance) and `spawn:group`.
 */
export async function startGroup(
  ctx: StepContext,
  plan: LaunchPlan,
  ready: ReadyResources,
  o: StartGroupOptions,
): Promise<Done<{ calls: Batch[]; short?: UserError }>> {
  const calls: Batch[] = [];
  let got = 0;
  let short: UserError | undefined;
  const first = { zone: o.firstZone, subnetId: ready.subnetId };
  for await (const place of groupZones(ctx, { first, vpcId: o.vpcId, move: o.moveZones })) {
    if (got >= o.count) break;
    if (short) o.onZoneFull?.(`${short.message}\n  Asking ${place.zone} for the other ${o.count - got}.`);
    const job = plan.spec.job;
    const callPlan = job ? { ...plan, spec: { ...plan.spec, job: { ...job, indexOffset: got } } } : plan;
    try {
      const batch = await startInstances(
        ctx,
        callPlan,
        { ...ready, subnetId: place.subnetId },
        {
          count: o.count - got,
        },
      );
      calls.push({ zone: place.zone, ...batch });
      got += batch.instances.length;
      if (got < o.count)
        short = new UserError(
          'EC2_CAPACITY_UNAVAILABLE',
          `${place.zone} started ${batch.instances.length} of the ${o.count - got + batch.instances.length} asked for.`,
        );
    } catch (error) {
      if (isUserError(error) && ZONE_FULL.has(error.code)) {
        short = error;
        continue;
      }
      // No other AZ helps with these, but what already launched is worth keeping with --partial.
      if (!isUserError(error) || !STOPS_SHORT.has(error.code) || !o.partial || got === 0) throw error;
      short = error;
      break;
    }
  }
  if (got < o.count) {
    const because = short ?? new UserError('EC2_CAPACITY_UNAVAILABLE', 'No AZ had room.');
    if (!o.partial || got === 0) {
      throw new UserError(
        because.code,
        `Only ${got} of ${o.count} instances got capacity: ${because.message}`,
        {
          hint: 'Everything this launch created is rolled back. Try another type or region, or --partial to keep what launched.',
          cause: because,
        },
      );
    }
  }
  // `spawn:group` on the shared resources (security group, imported key) is the caller's
  // (tagCreated), in the round of the names, backstops and waits.
  const zones = [...new Set(calls.map((c) => c.zone))].join(', ');
  return {
    line: `${got} of ${o.count} instances (${plan.spec.instanceType}) launched in ${zones} with ${calls.length} RunInstances call${calls.length === 1 ? '' : 's'}`,
    value: { calls, short: got < o.count ? short : undefined },
  };
}
