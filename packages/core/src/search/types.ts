import type { CatalogInstanceType } from '../catalog/types.ts';
import type { Architecture } from '../protocol/schemas.ts';

/** Which generations a search keeps. */
export type GenerationFilter =
  /** Only current-generation types (`--current-generation`). */
  | 'current'
  /** Current ones, unless the query names only previous-generation types (`m1`, `m1.large`): the CLI default. */
  | 'prefer-current'
  /** Every generation (`--all-generations`; the default of the pure function). */
  | 'all';

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
  /** At least this much accelerator memory in total (all accelerators), GiB. */
  minGpuMemoryGiB?: number;
  /** Accelerator manufacturer, case-insensitive: `nvidia`, `amd`, `aws`, `habana`, `xilinx`. */
  gpuManufacturer?: string;
  /** At least this network bandwidth, Gbps ("Up to 12.5 Gigabit" counts as 12.5). */
  minNetworkGbps?: number;
  /** Only types that support Elastic Fabric Adapter. */
  efa?: boolean;
  /** Only types with local NVMe instance storage. */
  localStorage?: boolean;
  generations?: GenerationFilter;
  /** true: only burstable (T) types; false: none of them. */
  burstable?: boolean;
  /** Drop types whose name matches this (case-insensitive). */
  deny?: RegExp;
  /** Keep only types whose name matches this (case-insensitive). */
  allow?: RegExp;
  family?: string;
  /** On-demand USD/hour at most; types without a known price are dropped. */
  maxPrice?: number;
  hibernation?: boolean;
  limit?: number;
}

/**
 * How a result matched, strongest first: the exact name, a glob, a family, an accelerator model,
 * query words (`graviton large`, `8 vcpu 32gb`), or fuzzy similarity.
 */
export type SearchMatch = 'exact' | 'glob' | 'family' | 'accelerator' | 'words' | 'fuzzy';

/** Result orders `--sort` accepts; without one, the ranking decides. */
export type SearchSort = 'price' | 'vcpus' | 'memory' | 'name' | 'interruption';

export interface SearchResult {
  type: CatalogInstanceType;
  /** 0 for structured matches; fuse.js distance (0 best, 1 worst) for fuzzy ones. */
  score: number;
  match: SearchMatch;
  /** 0 when the query named this exactly (`t4` → T4); 1 for an alias's wider reading (`t4` → T4g). */
  tier?: number;
}

/** What ranking may know about a type beyond its specs (prices and spot data live outside core's search). */
export interface RankFacts {
  /** The lowest known on-demand USD/hour across the asked regions. */
  price?: (t: CatalogInstanceType) => number | undefined;
  /** The best (lowest) Spot Advisor interruption range index across the asked regions. */
  interruption?: (t: CatalogInstanceType) => number | undefined;
  sort?: SearchSort;
}
