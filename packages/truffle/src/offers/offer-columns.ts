import type { Offer } from '@truffle-spawn/core';
import type { Column } from '@truffle-spawn/core/cli-kit';

/** "us-east-1a,us-east-1b" → "a b" (the region is its own column). */
function azLetters(offer: Offer): string {
  const azs = offer.availabilityZones ?? (offer.availabilityZone ? [offer.availabilityZone] : []);
  return azs.map((az) => (az.startsWith(offer.region) ? az.slice(offer.region.length) : az)).join(' ');
}

/** `8x H100`; a fractional GPU (g6f, gr6f) as `1/8 L4`. */
function gpuText(o: Offer): string {
  if (!o.gpus) return '';
  const { count, model, fraction } = o.gpus;
  return fraction !== undefined && fraction < 1
    ? `${count}x 1/${Math.round(1 / fraction)} ${model}`
    : `${count}x ${model}`;
}

/** Table/CSV columns of an on-demand offer row; on a narrow terminal ARCH, then AZS, then REGION go. */
export const OFFER_COLUMNS: readonly Column<Offer>[] = [
  { header: 'TYPE', value: (o) => o.instanceType },
  { header: 'VCPUS', value: (o) => o.vcpus, align: 'right' },
  { header: 'MEM GiB', value: (o) => Math.round((o.memoryMiB / 1024) * 100) / 100, align: 'right' },
  { header: 'GPUS', value: (o) => gpuText(o), minWidth: 8 },
  { header: 'ARCH', value: (o) => o.architecture, dropOrder: 1 },
  {
    header: 'ON-DEMAND $/H',
    value: (o) => (o.pricePerHour === undefined ? '-' : o.pricePerHour.toFixed(4)),
    align: 'right',
  },
  { header: 'REGION', value: (o) => o.region, dropOrder: 3 },
  {
    header: 'AZS',
    value: (o) => `${o.availabilityZones?.length ?? 0}: ${azLetters(o)}`,
    minWidth: 5,
    dropOrder: 2,
  },
];
