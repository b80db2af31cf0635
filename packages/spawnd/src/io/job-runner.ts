/** `systemctl is-active`'s exit code for a unit that is not active (inactive, failed, unknown). */
const NOT_ACTIVE = 3;

/**
 * Whether the job's runner runs: the check command (`systemctl is-active --quiet spawn-job`)
 * exits 0 → true, 3 → false; any other answer (systemd unreachable, a check that cannot run or
 * hangs) → undefined: unknown, so a running job is never declared lost on a broken check.
 */
export async function isJobRunnerActive(command: readonly string[]): Promise<boolean | undefined> {
  // Loaded on first use: an instance without a job never needs node:child_process.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    const [file, ...args] = command;
    if (!file) return resolve(undefined);
    execFile(file, args, { timeout: 10_000 }, (error) => {
      if (!error) return resolve(true);
      const code = (error as { code?: unknown }).code;
      resolve(code === NOT_ACTIVE && !error.killed ? false : undefined);
    });
  });
}
