import { createRequire } from 'node:module';
import type Fuse from 'fuse.js';
import type { CatalogInstanceType } from '../catalog/types.ts';

/** What fuse.js searches for one type: its name, family, accelerator and processor words. */
interface Doc {
  type: CatalogInstanceType;
  name: string;
  family: string;
  accelerator: string;
  processor: string;
}

const indexes = new Map<number, WeakMap<readonly CatalogInstanceType[], Fuse<Doc>>>();

function toDoc(type: CatalogInstanceType): Doc {
  const graviton = type.processor === 'AWS' && type.architectures.includes('arm64') ? ' Graviton' : '';
  return {
    type,
    name: type.instanceType,
    family: type.family,
    accelerator: type.gpus ? `${type.gpus.manufacturer ?? ''} ${type.gpus.model}`.trim() : '',
    processor: `${type.processor ?? ''}${graviton} ${type.architectures.join(' ')}`.trim(),
  };
}

/** A memoised fuse.js index over `types` (built once per list and threshold). */
export function fuseIndex(types: readonly CatalogInstanceType[], threshold = 0.34): Fuse<Doc> {
  let byList = indexes.get(threshold);
  if (!byList) {
    byList = new WeakMap();
    indexes.set(threshold, byList);
  }
  let fuse = byList.get(types);
  if (!fuse) {
    // Loaded on first fuzzy use only: exact, glob and family queries (and startup) skip fuse.js.
    const FuseClass = createRequire(import.meta.url)('fuse.js') as typeof Fuse;
    fuse = new FuseClass(types.map(toDoc), {
      keys: [
        { name: 'name', weight: 3 },
        { name: 'family', weight: 1.5 },
        { name: 'accelerator', weight: 1 },
        { name: 'processor', weight: 0.5 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold,
    });
    byList.set(types, fuse);
  }
  return fuse;
}
