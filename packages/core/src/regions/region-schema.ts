// The region record is a protocol message: its schema lives with the others.
export { type OptInStatus, optInStatusSchema, type RegionRecord, regionSchema } from '../protocol/schemas.ts';
