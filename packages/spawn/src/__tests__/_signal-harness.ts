import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FaultRule } from '@truffle-spawn/test-utils/fault-proxy';
import { SPAWN_BIN } from './_bins.ts';
import type { SpawnRun } from './_launch-test-io.ts';
import { tempHome } from './_launch-test-io.ts';

export type SignalName = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The exit code the README documents for each signal. */
export const SIGNAL_CODES: Record<SignalName, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** A running `spawn` child process (the built bin), with its output so far. */
export interface Child {
  send(signal: SignalName): void;
  stderr(): string;
  /** Resolves when stderr contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<SpawnRun & { signal: NodeJS.Signals | null }>;
}

/** Starts the built spawn bin with `args` against `endpoint` (the fault proxy) and a fresh HOME. */
export function startSpawn(args: string[], env: Record<string, string>): Child {
  const home = tempHome();
  const child = spawn(process.execPath, [SPAWN_BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { test: (s: string) => boolean; resolve: () => void }[] = [];
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
    for (const w of watchers.splice(0)) {
      if (w.test(err)) w.resolve();
      else watchers.push(w);
    }
  });
  const done = new Promise<SpawnRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      const records = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code: code ?? -1, signal, stdout: out, stderr: err, records, home });
    });
  });
  return {
    send: (signal) => child.kill(signal),
    stderr: () => err,
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const test = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
        if (test(err)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`stderr never showed ${String(text)}:\n${err}`)),
          timeoutMs,
        );
        watchers.push({
          test,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    done,
  };
}

/**
 * A proxy rule that holds the first matching call on the wire (never answers) and tells `onSeen`
 * it arrived: the signal lands while that call is in flight.
 */
export function holdAndNotify(
  match: { service?: string; action: string },
  onSeen: () => void,
  o: { nth?: number } = {},
): FaultRule {
  let seen = 0;
  return {
    match: (r) => {
      if (r.action !== match.action || (match.service && r.service !== match.service)) return false;
      seen++;
      if (seen !== (o.nth ?? 1)) return false;
      onSeen();
      return true;
    },
    fault: { kind: 'hang' },
  };
}
