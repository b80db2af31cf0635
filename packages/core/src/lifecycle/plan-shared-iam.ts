import type { CleanupPlan } from './plan-cleanup.ts';
import type { SpawnResource } from './spawn-resource.ts';

/**
 * spawn's IAM role(s) and instance profile are shared by every instance of the account: kept
 * unless `shared` (`spawn cleanup --shared`) and no live instance anywhere still needs them.
 */
export function planSharedIam(
  resources: readonly SpawnResource[],
  o: { shared: boolean; user?: { instanceId: string; region: string } },
): CleanupPlan {
  const plan: CleanupPlan = { region: 'global', delete: [], keep: [] };
  for (const r of resources) {
    const reason = !o.shared
      ? 'shared by every launch (`spawn cleanup --shared` removes it once unused)'
      : o.user
        ? `still needed by ${o.user.instanceId} in ${o.user.region}`
        : undefined;
    if (reason) plan.keep.push({ resource: r, reason });
    else plan.delete.push(r);
  }
  return plan;
}
