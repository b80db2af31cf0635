import type { Column } from '../cli-kit/table.ts';
import { formatUsd, volumeMonthlyUsd } from './cost-estimate.ts';
import type { SpawnResource } from './spawn-resource.ts';

/** `security-group sg-123 (spawn-box)`: how messages name a resource. */
export function resourceLabel(r: SpawnResource): string {
  const name = r.name && r.name !== r.id ? ` (${r.name})` : '';
  return `${r.kind} ${r.id}${name}`;
}

/** Estimated monthly cost a resource carries: only volumes cost money among what spawn creates. */
export function resourceMonthlyUsd(r: SpawnResource): number {
  return r.kind === 'volume' ? volumeMonthlyUsd(r.sizeGiB ?? 0, r.volumeType) : 0;
}

/** Columns of the cleanup listing (printed on stderr: it is for people, not a protocol record). */
export const resourceColumns: Column<SpawnResource>[] = [
  { header: 'REGION', value: (r) => r.region },
  { header: 'KIND', value: (r) => r.kind },
  { header: 'ID', value: (r) => r.id },
  { header: 'NAME', value: (r) => r.name, minWidth: 8 },
  { header: 'PARENT', value: (r) => r.parent ?? '-', dropOrder: 1 },
  {
    header: 'MONTHLY (EST.)',
    value: (r) => (r.kind === 'volume' ? formatUsd(resourceMonthlyUsd(r)) : '-'),
    align: 'right',
  },
];
