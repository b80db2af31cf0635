import { execFile } from 'node:child_process';

/**
 * Whether the job's runner runs: the check command (`systemctl is-active --quiet spawn-job`)
 * exits 0 → true, exits non-zero → false; a check that cannot run or hangs → undefined (unknown,
 * so a job is never declared lost on a broken check).
 */
export function isJobRunnerActive(command: readonly string[]): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    if (!file) return resolve(undefined);
    execFile(file, args, { timeout: 10_000 }, (error) => {
      if (!error) return resolve(true);
      const code = (error as { code?: unknown }).code;
      resolve(typeof code === 'number' && !error.killed ? false : undefined);
    });
  });
}
