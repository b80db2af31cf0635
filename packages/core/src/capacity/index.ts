export { isAccelerated } from './is-accelerated.ts';
export {
  type ListCapacityBlockOfferingsOptions,
  listCapacityBlockOfferings,
} from './list-capacity-block-offerings.ts';
export {
  type ListCapacityReservationsOptions,
  listCapacityReservations,
} from './list-capacity-reservations.ts';
