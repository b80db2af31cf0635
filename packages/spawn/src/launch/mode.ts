/** How launch reads what to launch. */
export type LaunchMode = 'flags' | 'pipe' | 'wizard';

/**
 * `--instance-type` means flags whatever stdin is (CI runs with stdin closed or /dev/null);
 * otherwise a non-terminal stdin is a pipe of truffle NDJSON; otherwise the wizard.
 */
export function chooseMode(o: { instanceType?: string; stdinIsTTY: boolean }): LaunchMode {
  if (o.instanceType) return 'flags';
  return o.stdinIsTTY ? 'wizard' : 'pipe';
}
