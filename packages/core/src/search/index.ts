export { ACCELERATOR_ALIASES, acceleratorModelsFor, normalizeModel } from './accelerator-aliases.ts';
export { matchesFilters } from './apply-filters.ts';
export { type ParsedQuery, parseQuery, type QueryTerm } from './parse-query.ts';
export { MATCH_RANK, rankResults } from './rank-results.ts';
export { type SearchAnswer, searchInstanceTypes, searchQuery } from './search-instance-types.ts';
export { suggest } from './suggest.ts';
export { instanceTypeName } from './type-name.ts';
export type {
  GenerationFilter,
  RankFacts,
  SearchFilters,
  SearchMatch,
  SearchResult,
  SearchSort,
} from './types.ts';
