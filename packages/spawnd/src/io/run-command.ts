import { execFile } from 'node:child_process';

/** Runs a command (e.g. `shutdown -h now`) and resolves when it exits 0. */
export function runCommand(command: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    if (!file) return reject(new Error('empty command'));
    execFile(file, args, { timeout: 60_000 }, (error) => (error ? reject(error) : resolve()));
  });
}
