import { RESOURCE_KINDS, type SpawnResource } from './spawn-resource.ts';

/**
 * Orders resources so each one's dependents go first: security groups (once no instance uses
 * them), key pairs, internet gateways (detached), subnets, route tables, VPCs, then volumes.
 * Main route tables are left out: EC2 deletes them with their VPC. Stable within a kind.
 */
export function orderForDeletion(resources: readonly SpawnResource[]): SpawnResource[] {
  const rank = (r: SpawnResource) => RESOURCE_KINDS.indexOf(r.kind);
  return resources
    .filter((r) => !(r.kind === 'route-table' && r.isMain))
    .map((r, index) => ({ r, index }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.index - b.index)
    .map(({ r }) => r);
}
