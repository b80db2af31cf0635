import type { CatalogInstanceType } from '@truffle-spawn/core/catalog';

export interface PriceFact {
  usdPerHour: number;
  source: string;
  asOf: string;
}

/** Specs, offerings and prices for the requested regions, from the catalog or from AWS. */
export interface OfferData {
  /** The selected types, in selection order (live specs when live). */
  types: readonly CatalogInstanceType[];
  /** Every type known (for "did you mean"). */
  allTypes: readonly CatalogInstanceType[];
  /** Regions that were answered, in request order. */
  regions: string[];
  /** AZs of `region` where `type` is offered; empty when it is not. */
  azs(type: string, region: string): string[];
  /** Fetches prices for these types (live) or does nothing (offline); says on stderr where from. */
  loadPrices(types: string[]): Promise<void>;
  price(type: string, region: string): PriceFact | undefined;
  /** AWS API calls made so far (0 offline). */
  apiCalls(): number;
}

/** Picks, in order, the types a command is about from all known ones (e.g. a search). */
export type SelectTypes = (types: readonly CatalogInstanceType[]) => CatalogInstanceType[];
