// Types only: the schemas live in core/protocol (importing zod here would load it at startup).
export type { OptInStatus, RegionRecord } from '../protocol/schemas.ts';
export { describeAllRegions, isEnabled, regionRecord, regionsFromCodes } from './list-regions.ts';
export { OPT_IN_REGIONS, REGION_NAMES } from './region-names.ts';
