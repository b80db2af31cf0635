export { ACCELERATOR_ALIASES, acceleratorModelsFor, normalizeModel } from './accelerator-aliases.ts';
export { matchesFilters } from './apply-filters.ts';
export { searchInstanceTypes } from './search-instance-types.ts';
export { suggest } from './suggest.ts';
export type { SearchFilters, SearchMatch, SearchResult } from './types.ts';
