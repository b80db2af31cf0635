import { createRequire } from 'node:module';

/**
 * `--output yaml`: the records as one YAML sequence. The `yaml` package is required only here,
 * so no other format pays for loading it (startup-modules.e2e.test.ts). Handed to createOutput
 * by the CLIs' command context rather than imported by output.ts: spawnd's single executable
 * bundles output.ts and has no `import.meta` (scripts/build-spawnd.ts refuses it).
 */
export function renderRecordsYaml(records: readonly object[]): string {
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return stringify(records);
}
