import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderConfigJsonSchema } from '../packages/core/src/config/_json-schema.ts';
import { renderProtocolJsonSchema } from '../packages/core/src/protocol/_json-schema.ts';

/** Where the generated protocol schema lives; a core test fails when it drifts from the zod schemas. */
export const protocolSchemaPath = fileURLToPath(
  new URL('../packages/core/schema/protocol.schema.json', import.meta.url),
);

/** The config file's schema, beside it; a core test fails when it drifts from config-schema.ts. */
export const configSchemaPath = fileURLToPath(
  new URL('../packages/core/schema/config.schema.json', import.meta.url),
);

/** Writes the NDJSON protocol's JSON Schema from `messageSchema`, and the config file's. */
export async function genSchemas(): Promise<string> {
  await mkdir(dirname(protocolSchemaPath), { recursive: true });
  await writeFile(protocolSchemaPath, renderProtocolJsonSchema());
  await writeFile(configSchemaPath, renderConfigJsonSchema());
  return protocolSchemaPath;
}

// Node 20 has no import.meta.main: compare this module with the entry script (run via `npx tsx`).
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(realpathSync(entry)).href === import.meta.url;
}

if (isEntryPoint()) {
  const written = await genSchemas();
  process.stderr.write(`wrote ${written}\n`);
}
