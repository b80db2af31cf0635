import { UserError } from '@truffle-spawn/core';
import type { SearchFilters } from '@truffle-spawn/core/search';

/** Commander's parsed search options (numbers already validated by options.ts parsers). */
export interface SearchOptions {
  minVcpus?: number;
  maxVcpus?: number;
  minMemory?: number;
  maxMemory?: number;
  arch?: 'x86_64' | 'arm64';
  gpus?: number;
  gpuModel?: string;
  family?: string;
  maxPrice?: number;
  hibernation?: boolean;
  limit?: number;
}

/** The core filters for the flags; contradictory ranges are usage errors (exit 2). */
export function toSearchFilters(o: SearchOptions): SearchFilters {
  const range = (name: string, min?: number, max?: number) => {
    if (min !== undefined && max !== undefined && min > max) {
      throw new UserError('INVALID_INPUT', `--min-${name} (${min}) is larger than --max-${name} (${max}).`, {
        hint: `Swap the values or drop one of the --min-${name}/--max-${name} flags.`,
      });
    }
  };
  range('vcpus', o.minVcpus, o.maxVcpus);
  range('memory', o.minMemory, o.maxMemory);
  const f: SearchFilters = {
    minVcpus: o.minVcpus,
    maxVcpus: o.maxVcpus,
    minMemoryGiB: o.minMemory,
    maxMemoryGiB: o.maxMemory,
    arch: o.arch,
    gpus: o.gpus,
    gpuModel: o.gpuModel,
    family: o.family,
    maxPrice: o.maxPrice,
    hibernation: o.hibernation,
    limit: o.limit,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SearchFilters;
}
