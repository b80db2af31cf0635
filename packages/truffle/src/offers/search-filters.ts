import { UserError } from '@truffle-spawn/core';
import { kebabCase } from '@truffle-spawn/core/cli-kit';
import type { SearchFilters } from '@truffle-spawn/core/search';
import { type SearchInput, searchFilterOptions } from '../command-table.ts';

type Range = { min: number; max?: number };

/** The flags `toSearchFilters` reads, typed by the command table (any of them may be absent). */
export type SearchOptions = Partial<
  Pick<SearchInput, keyof typeof searchFilterOptions | 'allGenerations' | 'maxPrice' | 'sort' | 'limit'>
>;

/** The core filters for the flags; contradictory ones are usage errors (exit 2). */
export function toSearchFilters(o: SearchOptions): SearchFilters {
  const usage = (message: string, hint: string) => new UserError('INVALID_INPUT', message, { hint });
  const range = (name: string, min?: number, max?: number) => {
    if (min !== undefined && max !== undefined && min > max) {
      throw usage(
        `--min-${name} (${min}) is larger than --max-${name} (${max}).`,
        `Swap the values or drop one of the --min-${name}/--max-${name} flags.`,
      );
    }
  };
  if (o.vcpus && (o.minVcpus !== undefined || o.maxVcpus !== undefined))
    throw usage('--vcpus and --min-vcpus/--max-vcpus say the same thing.', 'Use one of them.');
  if (o.memory && (o.minMemory !== undefined || o.maxMemory !== undefined))
    throw usage('--memory and --min-memory/--max-memory say the same thing.', 'Use one of them.');
  if (o.currentGeneration && o.allGenerations)
    throw usage('--current-generation and --all-generations contradict each other.', 'Use one of them.');
  range('vcpus', o.minVcpus, o.maxVcpus);
  range('memory', o.minMemory, o.maxMemory);
  const f: SearchFilters = {
    minVcpus: o.vcpus?.min ?? o.minVcpus,
    maxVcpus: o.vcpus?.max ?? o.maxVcpus,
    minMemoryGiB: o.memory?.min ?? o.minMemory,
    maxMemoryGiB: o.memory?.max ?? o.maxMemory,
    arch: o.arch,
    gpus: o.gpus,
    gpuModel: o.gpuModel,
    minGpuMemoryGiB: o.gpuMemory,
    gpuManufacturer: o.gpuManufacturer,
    minNetworkGbps: o.network,
    efa: o.efa,
    localStorage: o.localStorage,
    generations: o.allGenerations ? 'all' : o.currentGeneration ? 'current' : 'prefer-current',
    burstable: o.burstable,
    deny: o.deny,
    allow: o.allow,
    family: o.family,
    maxPrice: o.maxPrice,
    hibernation: o.hibernation,
    limit: o.limit,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SearchFilters;
}

/** The filter flags that were set, as the user typed them, for "no match ... with these filters". */
export function filterWords(o: SearchOptions): string | undefined {
  const shown = (v: unknown) =>
    v instanceof RegExp ? v.source : typeof v === 'object' && v !== null ? rangeText(v as Range) : String(v);
  const set = Object.entries(o).filter(([k, v]) => v !== undefined && FILTER_FLAGS.includes(k));
  if (set.length === 0) return undefined;
  const flag = ([k, v]: [string, unknown]) =>
    v === false ? `--no-${kebabCase(k)}` : `--${kebabCase(k)}${v === true ? '' : ` ${shown(v)}`}`;
  return `with these filters (${set.map(flag).join(', ')})`;
}

const FILTER_FLAGS: readonly string[] = Object.keys(searchFilterOptions);

function rangeText(r: Range): string {
  return r.max === undefined ? String(r.min) : `${r.min}-${r.max}`;
}
