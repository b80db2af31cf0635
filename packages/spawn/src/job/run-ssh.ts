import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '@truffle-spawn/core';

export interface SshRun {
  status: number;
  /** Bytes written to ssh's stdin. */
  bytesSent: number;
}

/**
 * Runs ssh (argv, no shell) with `input` piped to its stdin, its stdout to `stdout` and its
 * stderr to `stderr`; resolves with its exit status. A missing ssh is a clear error.
 */
export function runSsh(
  command: string,
  args: string[],
  o: { env: NodeJS.ProcessEnv; stdout: Writable; stderr: Writable; input?: Readable; signal?: AbortSignal },
): Promise<SshRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: o.env,
      stdio: [o.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      signal: o.signal,
    });
    let bytesSent = 0;
    if (o.input && child.stdin) {
      o.input.on('data', (chunk: Buffer) => {
        bytesSent += chunk.length;
      });
      o.input.on('error', (error) => child.kill() && reject(error));
      child.stdin.on('error', () => undefined); // ssh gone: its status says why
      o.input.pipe(child.stdin);
    }
    child.stdout?.pipe(o.stdout, { end: false });
    child.stderr?.pipe(o.stderr, { end: false });
    child.on('error', (error) =>
      reject(
        new UserError('NOT_FOUND', `Could not run ${command}: ${error.message}`, {
          cause: error,
          hint: 'Install an OpenSSH client (e.g. openssh-client), then retry.',
        }),
      ),
    );
    child.on('close', (code, signal) =>
      resolve({ status: code ?? (signal === 'SIGINT' ? 130 : 1), bytesSent }),
    );
  });
}
