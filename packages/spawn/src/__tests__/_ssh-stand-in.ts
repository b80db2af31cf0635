import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fake `ssh` first on PATH that records its arguments (one a line) and exits with $SSH_EXIT. */
export async function sshStandIn(
  dir: string,
): Promise<{ path: string; argsFile: string; args: () => Promise<string[]> }> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const argsFile = join(dir, 'ssh-args.txt');
  await writeFile(
    join(bin, 'ssh'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}"\nexit "\${SSH_EXIT:-0}"\n`,
  );
  await chmod(join(bin, 'ssh'), 0o755);
  return {
    path: `${bin}:${process.env.PATH ?? ''}`,
    argsFile,
    args: async () => (await readFile(argsFile, 'utf8')).trim().split('\n'),
  };
}
