import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { shellQuote } from '@truffle-spawn/core/launch';
import type { JobUploads } from './job-uploads.ts';
import { MARK_READY, unpackIntoWork, WRITE_ENV } from './remote-commands.ts';
import { runSsh } from './run-ssh.ts';
import type { SshTarget } from './ssh-target.ts';

/**
 * Copies the job's files over SSH (env, then one tar stream of --sync DIR and the script), then
 * marks the job ready. Any failure says what happens next: the instance runs, and its job gives
 * up waiting (exit 125) after 30 minutes, so the instance still ends.
 */
export async function uploadJobFiles(ctx: CommandContext, ssh: SshTarget, uploads: JobUploads, name: string) {
  const out = ctx.output;
  const run = async (what: string, remote: string, input?: Readable) => {
    const r = await runSsh(ssh.command, [...ssh.args, remote], {
      env: ctx.io.env,
      stdout: ctx.io.stderr, // nothing remote is data: keep stdout for records
      stderr: ctx.io.stderr,
      input,
      signal: ctx.signal,
    });
    if (r.status !== 0) {
      throw new UserError(
        'NETWORK_ERROR',
        `${what} over SSH failed (ssh exit ${r.status}); the job has not started.`,
        {
          hint: `${name} is running; its job waits up to 30 minutes for the upload, then fails (exit 125) and the instance ends as --on-complete says. Or end it now: spawn terminate ${name}`,
        },
      );
    }
    return r;
  };
  if (uploads.env.length > 0) {
    const lines = uploads.env.map((e) => `${e.key}=${shellQuote(e.value)}\n`).join('');
    await run('Sending --env', WRITE_ENV, Readable.from([lines]));
    out.info(`  Env:       ${uploads.env.map((e) => e.key).join(', ')} sent over SSH`);
  }
  if (uploads.syncDir || uploads.script) {
    const started = Date.now();
    const tar = spawn('tar', tarArgs(uploads), { stdio: ['ignore', 'pipe', 'pipe'], env: ctx.io.env });
    tar.stderr?.pipe(ctx.io.stderr, { end: false });
    const tarDone = new Promise<number>((resolve, reject) => {
      tar.on('error', reject);
      tar.on('close', (code) => resolve(code ?? 1));
    });
    const sent = await run(
      'Uploading the files',
      unpackIntoWork(uploads.script?.name),
      tar.stdout ?? undefined,
    );
    const tarStatus = await tarDone;
    if (tarStatus !== 0)
      throw new UserError('AWS_ERROR', `tar failed (exit ${tarStatus}); the job has not started.`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    out.info(`  Uploaded:  ${formatBytes(sent.bytesSent)} to ~/work in ${seconds} s`);
  }
  await run('Starting the job', MARK_READY);
  out.success(`The job on ${name} may start: its files are in place.`);
}

/** tar's argv (no shell): the --sync dir's contents, then the script from its own directory. */
export function tarArgs(u: JobUploads): string[] {
  const args = ['-c', '-f', '-', ...u.excludes.map((p) => `--exclude=${p}`)];
  if (u.syncDir) args.push('-C', u.syncDir, '.');
  if (u.script) args.push('-C', u.script.dir, '--', u.script.name);
  return args;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
