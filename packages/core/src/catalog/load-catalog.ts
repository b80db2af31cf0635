import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { embeddedCatalogPath } from './embedded-catalog-path.ts';
import { decodeCatalog, type EncodedCatalog, type EncodedCatalogV1 } from './encode-catalog.ts';
import type { Catalog } from './types.ts';

export { embeddedCatalogPath };

let embedded: Promise<Catalog> | undefined;

/** Loads the embedded offline catalog once per process (gunzip + JSON.parse, a few ms). */
export function loadCatalog(): Promise<Catalog> {
  embedded ??= readCatalogFile(embeddedCatalogPath()).catch((error: unknown) => {
    embedded = undefined;
    throw error;
  });
  return embedded;
}

/** Reads a catalog written by the build script or `truffle refresh --catalog`. */
export async function readCatalogFile(path: string): Promise<Catalog> {
  // Sync on purpose: at startup nothing else runs, and the thread-pool hop of async gunzip costs more.
  const raw = readFileSync(path);
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
  const text = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
  const encoded = JSON.parse(text) as EncodedCatalog | EncodedCatalogV1;
  if (encoded.formatVersion !== 1 && encoded.formatVersion !== 2) {
    throw new Error(`unsupported catalog format in ${path}`);
  }
  return decodeCatalog(encoded);
}
