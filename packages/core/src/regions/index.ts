export { describeAllRegions, isEnabled, regionRecord, regionsFromCodes } from './list-regions.ts';
export { OPT_IN_REGIONS, REGION_NAMES } from './region-names.ts';
export { type OptInStatus, optInStatusSchema, type RegionRecord, regionSchema } from './region-schema.ts';
