/** Runs a command (e.g. `shutdown -h now`) and resolves when it exits 0. */
export async function runCommand(command: readonly string[]): Promise<void> {
  // Loaded on first use: spawnd runs a command only when it acts.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    if (!file) return reject(new Error('empty command'));
    execFile(file, args, { timeout: 60_000 }, (error) => (error ? reject(error) : resolve()));
  });
}
