import { readFileSync, writeSync } from 'node:fs';
import type NodeModule from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileCacheDir, enableCompileCache } from './compile-cache.ts';
import { loadFile } from './load-file.ts';

/**
 * What a CLI's bin does, shared by truffle and spawn (each bin loads its dist/start.cjs, this file
 * built, by path and calls it): answer a lone `--version` without loading the CLI (scripts probe it often,
 * and it then costs little more than Node itself; the output is commander's), otherwise turn on the
 * compile cache for the CLI's own files and run it. `binDir` is the bin's directory.
 */
export function startCli(proc: NodeJS.Process, binDir: string): void {
  const args = proc.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    const { version } = JSON.parse(readFileSync(join(binDir, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    writeOut(proc, `${version}\n`);
    return;
  }
  const dist = resolve(binDir, '..', 'dist');
  const { env, platform } = proc;
  // The class this file was loaded with (esbuild would turn a plain require of node:module into its lazy stand-in).
  const Module = module.constructor as typeof NodeModule;
  const cache = enableCompileCache({
    module: Module,
    nativeCache: () =>
      Number.parseInt(proc.versions.node, 10) >= 22
        ? (module.require('node:module') as { enableCompileCache?: (dir: string) => unknown })
            .enableCompileCache
        : undefined,
    root: dist,
    dir: compileCacheDir({ platform, env, homedir: env.HOME || homedir() }),
    runtime: `${proc.versions.v8}-${proc.arch}`,
    env,
    run: runKind(args),
  });
  // on, not once: 'exit' comes once, and once() would compile Node's removeListener to undo itself.
  proc.on('exit', () => cache.flush());
  (loadFile(Module, module, join(dist, 'main.cjs')) as { run(): Promise<void> }).run();
}

/**
 * What a run does, for the compile cache (whose data is rewritten once for each new kind): `help`,
 * or the command, taken as the first word that is not an option. A word that does not look like a
 * command (an option's value before it, a launch's instance type) is `other`.
 */
export function runKind(args: readonly string[]): string {
  if (args.some((a) => a === '--help' || a === '-h' || a === 'help')) return 'help';
  const word = args.find((a) => !a.startsWith('-'));
  return word !== undefined && /^[a-z][a-z-]{0,23}$/.test(word) ? word : 'other';
}

/**
 * `--version`'s one line, written with write(2): `proc.stdout` on a pipe builds a net.Socket
 * (Node's net and stream modules, ~8 ms: most of what `--version` cost). A closed pipe is exit 0
 * as everywhere else; anything unusual (EAGAIN, Windows) goes through the stream.
 */
function writeOut(proc: NodeJS.Process, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    if (proc.platform !== 'win32') written = writeSync(1, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
  }
  if (written < bytes.length) proc.stdout.write(bytes.subarray(written));
}
