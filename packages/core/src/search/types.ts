import type { CatalogInstanceType } from '../catalog/types.ts';
import type { Architecture } from '../protocol/schemas.ts';

/** Narrowing applied after matching; every field is optional. */
export interface SearchFilters {
  minVcpus?: number;
  maxVcpus?: number;
  minMemoryGiB?: number;
  maxMemoryGiB?: number;
  arch?: Architecture;
  /** At least this many GPUs/accelerators (0 = no requirement). */
  gpus?: number;
  /** Accelerator model, e.g. `H100`, `a10g`, `trainium` (aliases understood). */
  gpuModel?: string;
  family?: string;
  /** On-demand USD/hour at most; types without a known price are dropped. */
  maxPrice?: number;
  hibernation?: boolean;
  limit?: number;
}

/**
 * How a result matched, strongest first: the exact name, a glob, a family, an accelerator model,
 * a keyword (`gpu`, `graviton`), or fuzzy similarity.
 */
export type SearchMatch = 'exact' | 'glob' | 'family' | 'accelerator' | 'keyword' | 'fuzzy';

export interface SearchResult {
  type: CatalogInstanceType;
  /** 0 for structured matches; fuse.js distance (0 best, 1 worst) for fuzzy ones. */
  score: number;
  match: SearchMatch;
}
