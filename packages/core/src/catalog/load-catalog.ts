import { readFileSync } from 'node:fs';
import { UserError } from '../errors/user-error.ts';
import { decodeCatalogSections, isCatalogSections } from './catalog-sections.ts';
import { embeddedCatalogPath } from './embedded-catalog-path.ts';
import { decodeCatalog, type EncodedCatalog, type EncodedCatalogV1 } from './encode-catalog.ts';
import type { Catalog } from './types.ts';

export { embeddedCatalogPath };

let loaded: Promise<Catalog> | undefined;
let userFile: string | undefined;

/**
 * Makes {@link loadCatalog} read `path` (a catalog written by `truffle refresh --catalog`) instead
 * of the embedded one; undefined goes back to the embedded catalog. A bad file is a UserError.
 */
export function useCatalogFile(path: string | undefined): void {
  if (path === userFile) return;
  userFile = path;
  loaded = undefined;
}

/** The catalog file in use, when it is not the embedded one. */
export function catalogFileInUse(): string | undefined {
  return userFile;
}

/** Loads the offline catalog once per process (gunzip + JSON.parse, a few ms): embedded or the chosen file. */
export function loadCatalog(): Promise<Catalog> {
  const file = userFile;
  loaded ??= (file ? readUserCatalog(file) : readCatalogFile(embeddedCatalogPath())).catch(
    (error: unknown) => {
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}

/** Reads a catalog written by the build (format 3, a CLI's own copy) or `truffle refresh --catalog` (1, 2). */
export async function readCatalogFile(path: string): Promise<Catalog> {
  // Sync on purpose: at startup nothing else runs, and the thread-pool hop of async gunzip costs more.
  const raw = readFileSync(path);
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
  // zlib only for a gzipped file (truffle refresh --catalog): the CLIs' own copy is plain.
  const bytes = gzipped ? (await import('node:zlib')).gunzipSync(raw) : raw;
  if (isCatalogSections(bytes)) return decodeCatalogSections(bytes);
  const encoded = JSON.parse(bytes.toString('utf8')) as EncodedCatalog | EncodedCatalogV1;
  if (encoded.formatVersion !== 1 && encoded.formatVersion !== 2) {
    throw new Error(`unsupported catalog format in ${path}`);
  }
  return decodeCatalog(encoded);
}

async function readUserCatalog(path: string): Promise<Catalog> {
  try {
    return await readCatalogFile(path);
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError('INVALID_INPUT', `Cannot read the catalog ${path}: ${why}.`, {
      hint: 'Write one with `truffle refresh --catalog FILE`, or drop --catalog / TRUFFLE_CATALOG to use the embedded catalog.',
    });
  }
}
