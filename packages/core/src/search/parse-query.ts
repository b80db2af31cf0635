import type { CatalogInstanceType } from '../catalog/types.ts';
import { KEYWORDS } from './_keywords.ts';
import {
  type Category,
  categoryOf,
  familyPrefix,
  gpuMemoryEachGiB,
  gravitonGeneration,
  hasEfa,
  hasNvme,
  networkGbps,
  sizeOf,
} from './_specs.ts';
import { acceleratorModelsFor, normalizeModel } from './accelerator-aliases.ts';

type Predicate = (t: CatalogInstanceType) => boolean;

/** One understood piece of a query; a type must pass every term. */
export interface QueryTerm {
  /** What the term means, for tests and messages: `vcpus>=8`, `size=large`, `family=c7g`. */
  meaning: string;
  match: 'family' | 'accelerator' | 'words';
  test: Predicate;
  /** 0 when the word names this type's accelerator exactly, 1 for an alias's wider reading. */
  tier?: (t: CatalogInstanceType) => number;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Words not understood; any of them makes the query fall back to fuzzy matching. */
  unknown: string[];
  /** `cheapest`: order by price. */
  sort?: 'price';
  /** `spot`: only types with published Spot data, most reliable first. */
  spot: boolean;
}

const VCPU_UNITS = new Set(['vcpu', 'vcpus', 'cpu', 'cpus', 'core', 'cores']);
const MEMORY_UNITS: Readonly<Record<string, number>> = { gb: 1, gib: 1, g: 1, tb: 1024, tib: 1024 };
const NETWORK_UNITS = new Set(['gbps', 'gbit', 'gbits', 'gigabit']);
const GPU_WORDS = new Set(['gpu', 'gpus', 'vram']);
const CHEAP_WORDS = new Set(['cheapest', 'cheap', 'cheaper', 'budget', 'lowest-cost']);
const STOP_WORDS = new Set(
  'a an and the for of in on with instance instances type types machine machines server servers vm box boxes optimized optimised purpose computing generation gen ram high family'.split(
    ' ',
  ),
);
const CATEGORY_WORDS: Readonly<Record<string, Category>> = {
  general: 'general',
  compute: 'compute',
  memory: 'memory',
  storage: 'storage',
  accelerated: 'accelerated',
  hpc: 'hpc',
};
/** Vendors list GPU memory in decimal GB and GiB alike (A10G: 24 GB = 22.35 GiB); words allow for it. */
const GPU_GB_SLACK = 0.93;

/**
 * Reads a query's words into terms, before any fuzzy matching: numbers with units (`8 vcpu`, `32gb`,
 * `24gb gpu`, `100gbps`, `4 gpus`), sizes (`large`, `48xl`), categories (`memory optimized`),
 * processors (`graviton4`, `arm`, `intel`), features (`gpu`, `efa`, `nvme`, `burstable`), families
 * (`c7g`), accelerators (`h100`, `t4`), generations (`latest`, `current`) and `cheapest`/`spot`.
 * `types` decides which words are families and accelerator models.
 */
export function parseQuery(types: readonly CatalogInstanceType[], query: string): ParsedQuery {
  const tokens = tokenize(query);
  const out: ParsedQuery = { terms: [], unknown: [], spot: false };
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] as string;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const number = /^\d+(?:\.\d+)?$/.test(word) ? Number(word) : undefined;
    if (number !== undefined && next !== undefined) {
      // `gpu 24gb`, `h100 80gb`: right after a GPU word or model, memory is the GPU's.
      const afterGpu =
        (prev !== undefined && GPU_WORDS.has(prev)) || out.terms.at(-1)?.match === 'accelerator';
      const used = numberTerm(number, next, afterGpu, tokens[i + 2]);
      if (used) {
        out.terms.push(used.term);
        i += used.consumed;
        continue;
      }
    }
    const many = /^(\d+)x$/.exec(word);
    if (many) {
      const n = Number(many[1]);
      out.terms.push(words(`gpus>=${n}`, (t) => (t.gpus?.count ?? 0) >= n));
      continue;
    }
    const graviton =
      /^graviton([1-4])$/.exec(word) ??
      (word === 'graviton' && /^[1-4]$/.test(next ?? '') ? [word, next] : null);
    if (graviton) {
      const g = Number(graviton[1]);
      out.terms.push(words(`graviton=${g}`, (t) => gravitonGeneration(t) === g));
      if (!word.endsWith(String(g))) i++;
      continue;
    }
    const term = wordTerm(types, word);
    if (term) out.terms.push(term);
    else if (CHEAP_WORDS.has(word)) out.sort = 'price';
    else if (word === 'spot') out.spot = true;
    else if (word === 'latest' || word === 'newest') out.terms.push(latestTerm(types));
    else if (word === 'current') out.terms.push(words('current-generation', (t) => t.currentGeneration));
    else if (word === 'previous') out.terms.push(words('previous-generation', (t) => !t.currentGeneration));
    else if (!STOP_WORDS.has(word)) out.unknown.push(word);
  }
  return out;
}

function words(meaning: string, test: Predicate): QueryTerm {
  return { meaning, match: 'words', test };
}

/** `8 vcpu`, `32 gb`, `24 gb gpu`, `gpu 24gb`, `h100 80gb`, `100 gbps`, `4 gpus`; undefined when `unit` is no unit. */
function numberTerm(
  n: number,
  unit: string,
  afterGpu: boolean,
  after: string | undefined,
): { term: QueryTerm; consumed: number } | undefined {
  if (VCPU_UNITS.has(unit)) return { term: words(`vcpus>=${n}`, (t) => t.vcpus >= n), consumed: 1 };
  if (NETWORK_UNITS.has(unit)) {
    return { term: words(`network>=${n}Gbps`, (t) => (networkGbps(t) ?? 0) >= n), consumed: 1 };
  }
  if (GPU_WORDS.has(unit) && unit !== 'vram') {
    return { term: words(`gpus>=${n}`, (t) => (t.gpus?.count ?? 0) >= n), consumed: 1 };
  }
  const scale = MEMORY_UNITS[unit];
  if (scale === undefined) return undefined;
  const gib = n * scale;
  const gpuAfter = after !== undefined && GPU_WORDS.has(after);
  if (gpuAfter || afterGpu) {
    const min = gib * GPU_GB_SLACK;
    return {
      term: words(`gpuMemory>=${gib}GB`, (t) => t.gpus?.kind === 'gpu' && (gpuMemoryEachGiB(t) ?? 0) >= min),
      consumed: gpuAfter ? 2 : 1,
    };
  }
  return { term: words(`memory>=${gib}GiB`, (t) => t.memoryMiB >= gib * 1024), consumed: 1 };
}

function wordTerm(types: readonly CatalogInstanceType[], word: string): QueryTerm | undefined {
  if (types.some((t) => t.family === word)) {
    return { meaning: `family=${word}`, match: 'family', test: (t) => t.family === word };
  }
  const size = sizeWord(word);
  if (size) return words(`size=${size}`, (t) => sizeOf(t) === size);
  const category = CATEGORY_WORDS[word];
  if (category) return words(`category=${category}`, (t) => categoryOf(t) === category);
  const models = acceleratorModelsFor(word);
  const hasModel = (t: CatalogInstanceType) =>
    t.gpus !== undefined && models.includes(normalizeModel(t.gpus.model));
  if (types.some(hasModel)) {
    const own = normalizeModel(word);
    return {
      meaning: `accelerator=${models.join('|')}`,
      match: 'accelerator',
      test: hasModel,
      tier: (t) => (t.gpus && normalizeModel(t.gpus.model) === own ? 0 : 1),
    };
  }
  if (word === 'efa') return words('efa', hasEfa);
  if (word === 'nvme' || word === 'ssd') return words('nvme', hasNvme);
  const keyword = KEYWORDS[word];
  if (keyword) return words(word, keyword);
  return undefined;
}

/** `large`, `2xlarge`, `48xl` → `48xlarge`, `xl` → `xlarge`. */
function sizeWord(word: string): string | undefined {
  if (/^(nano|micro|small|medium|large|xlarge|\d+xlarge)$/.test(word)) return word;
  const xl = /^(\d*)xl$/.exec(word);
  return xl ? `${xl[1]}xlarge` : undefined;
}

/** The newest generation of each family letter: m8g/m8i/m8a for `m`, t4g for `t`, c8* for `c`. */
function latestTerm(types: readonly CatalogInstanceType[]): QueryTerm {
  const newest = new Map<string, number>();
  const gen = (t: CatalogInstanceType) => Number(t.generation ?? 0);
  for (const t of types) {
    const letters = familyPrefix(t.family);
    if (t.currentGeneration) newest.set(letters, Math.max(newest.get(letters) ?? 0, gen(t)));
  }
  return words('latest', (t) => t.currentGeneration && newest.get(familyPrefix(t.family)) === gen(t));
}

/** Lower-case words; `32gb` → `32 gb`, `8vcpu` → `8 vcpu`; `compute-optimized` → two words. */
function tokenize(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s,;+]+|(?<=[a-z])-(?=optimi[sz]ed|purpose)/)
    .filter(Boolean)
    .flatMap((w) => {
      const m = /^(\d+(?:\.\d+)?)(vcpus?|cpus?|cores?|gib|gb|g|tib|tb|gbps|gbits?|gpus?)$/.exec(w);
      return m ? [m[1] as string, m[2] as string] : [w];
    });
}
