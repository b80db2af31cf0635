import { join } from 'node:path';
import { SPAWN_BIN } from './_bins.ts';
import { tempHome } from './_launch-test-io.ts';

type Pty = typeof import('node-pty');
// biome-ignore lint/suspicious/noControlCharactersInRegex: -- stripping terminal escapes is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Z0-9]|\r/g;

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', ctrlC: '\u0003', down: '\u001b[B' } as const;

/** node-pty is an optional native dependency: on CI it must load, so a failure fails the test there. */
export async function loadPty(): Promise<Pty | undefined> {
  try {
    return await import('node-pty');
  } catch (error) {
    if (process.env.CI) throw error;
    return undefined;
  }
}

/** The built spawn in a real pseudo-terminal, read as a person reads its screen. */
export interface SpawnPty {
  /** Everything drawn so far, escapes stripped. */
  text(): string;
  /**
   * Waits until `re` appears after what earlier waits consumed, then consumes up to its end (so
   * the same question drawn again later is a new match). Rejects with the screen after `ms`.
   */
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** Types `keys` after a short pause (inquirer draws, then listens). */
  type(keys: string, pauseMs?: number): Promise<void>;
  /** The exit code (killed after `ms`: -1). */
  exited(ms?: number): Promise<number>;
  home: string;
}

export function startSpawnPty(pty: Pty, args: string[], env: Record<string, string>): SpawnPty {
  const home = tempHome();
  const term = pty.spawn(process.execPath, [SPAWN_BIN, ...args], {
    cols: 200,
    rows: 60,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      TERM: 'xterm',
      ...env,
    },
  });
  let screen = '';
  let consumed = 0;
  term.onData((data) => {
    screen += data;
  });
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const text = () => screen.replace(ANSI, '');
  return {
    home,
    text,
    async waitFor(re, ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const plain = text();
        const m = new RegExp(re.source, re.flags.replace('g', '')).exec(plain.slice(consumed));
        if (m) {
          consumed += m.index + m[0].length;
          return m;
        }
        if (Date.now() > end) throw new Error(`timed out waiting for ${re} on screen:\n${plain}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async type(keys, pauseMs = 300) {
      await new Promise((r) => setTimeout(r, pauseMs));
      term.write(keys);
    },
    async exited(ms = 60_000) {
      const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), ms))]);
      if (code === -1) term.kill();
      return code;
    },
  };
}
