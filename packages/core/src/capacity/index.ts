export { capacityBlockCandidates } from './capacity-block-candidates.ts';
export { type FindCapacityOptions, findCapacity } from './find-capacity.ts';
export { isAccelerated } from './is-accelerated.ts';
export {
  type ListCapacityBlockOfferingsOptions,
  listCapacityBlockOfferings,
} from './list-capacity-block-offerings.ts';
export {
  type ListCapacityReservationsOptions,
  listCapacityReservations,
} from './list-capacity-reservations.ts';
