import type { Architecture, GpuInfo } from '../protocol/schemas.ts';

/** One EC2 instance type's specs, as truffle needs them (a small slice of DescribeInstanceTypes). */
export interface CatalogInstanceType {
  instanceType: string;
  /** The part before the dot: `m7i` for `m7i.large`. */
  family: string;
  /** Generation digit(s) of the family, e.g. `7` for `m7i`. */
  generation?: string;
  vcpus: number;
  memoryMiB: number;
  architectures: Architecture[];
  /** GPUs or other accelerators (Neuron, inference, FPGA, media), from the type's own info. */
  gpus?: GpuInfo;
  /** Processor manufacturer as EC2 reports it: Intel, AMD, AWS (Graviton), Apple. */
  processor?: string;
  clockGHz?: number;
  supportsHibernation: boolean;
  networkPerformance?: string;
  currentGeneration: boolean;
  burstable?: boolean;
  /** Peak network bandwidth in Gbps: the sum of its network cards' PeakBandwidthInGbps. */
  networkGbps?: number;
  /** Elastic Fabric Adapter supported. */
  efa?: true;
  /** Instance-store total size in GB (absent: EBS only). */
  localStorageGB?: number;
  /** The instance store is NVMe. */
  nvme?: true;
}

/** Where a catalog figure came from. */
export interface CatalogSource {
  name: string;
  /** ISO date (YYYY-MM-DD) the source data is from. */
  asOf: string;
  license?: string;
  url?: string;
}

/**
 * Offerings of one region, compact: its AZ names and one bit mask over them per catalog type.
 * `masks` is comma-separated base-36, aligned with `Catalog.types`; empty = not offered.
 */
export interface RegionOfferings {
  azs: string[];
  masks: string;
}

/** On-demand prices of one region from one source. */
export interface RegionPrices {
  source: string;
  asOf: string;
  usdPerHour: Record<string, number>;
}

/**
 * AWS Spot Advisor figures of one region, compact: comma-separated `savingsPercent * 10 + rangeIndex`
 * aligned with `Catalog.types`; empty = not published.
 */
export type RegionSpotAdvisor = string;

/** The embedded offline catalog (also the on-disk JSON shape, gzipped). Built by assembleCatalog. */
export interface Catalog {
  formatVersion: 1;
  generatedAt: string;
  /** Date of the newest source; what "catalog age" means. */
  asOf: string;
  sources: CatalogSource[];
  /** Sorted by name; per-region strings index into this list. */
  types: CatalogInstanceType[];
  offerings: Record<string, RegionOfferings>;
  /** Regions without an entry have no price in the catalog. */
  prices: Record<string, RegionPrices>;
  /**
   * Types AWS prices (so lists) but that no spec source of this catalog describes: names only, specs
   * honestly absent (never guessed). Live mode gets their specs from DescribeInstanceTypes.
   */
  unspecified?: string[];
  spotAdvisor?: {
    asOf: string;
    source: string;
    /** Interruption-frequency labels by range index, e.g. `<5%`. */
    ranges: string[];
    regions: Record<string, RegionSpotAdvisor>;
  };
}
