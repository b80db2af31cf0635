import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { type FaultRule, faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { x } from 'tinyexec';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from './_run-truffle.ts';

const TRUFFLE = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));
const moto = useMoto();
type Pty = typeof import('node-pty');
// biome-ignore lint/suspicious/noControlCharactersInRegex: -- stripping terminal escapes is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
// ora's default frames (dots): any of them on a stream means a spinner drew there.
const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const SEARCH = ['search', 'm7i.large', '--region', 'us-east-1,us-west-2'];
// Each region's offerings answer 1.5 s late, so the spinner is on screen long enough to see.
const SLOW: FaultRule[] = [{ match: { action: 'DescribeInstanceTypeOfferings' }, fault: faults.delay(1500) }];

async function loadPty(): Promise<Pty | undefined> {
  try {
    return await import('node-pty');
  } catch (error) {
    if (process.env.CI) throw error;
    return undefined;
  }
}

/** Runs `command args` in an 80-column pseudo-terminal; `onScreen` sees the screen so far. */
async function inTerminal(
  pty: Pty,
  command: string,
  args: string[],
  env: Record<string, string>,
  onScreen: (plain: string, write: (data: string) => void) => void = () => {},
): Promise<{ code: number; screen: string; ms: number }> {
  const home = tempHome();
  const term = pty.spawn(command, args, {
    cols: 80,
    rows: 30,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      TERM: 'xterm',
      ...env,
    },
  });
  let screen = '';
  const started = Date.now();
  const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  term.onData((data) => {
    screen += data;
    onScreen(screen.replace(ANSI, ''), (d) => term.write(d));
  });
  const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 60_000))]);
  if (code === -1) term.kill();
  return { code, screen, ms: Date.now() - started };
}

describe('truffle progress on a terminal (built bin, moto in two regions)', { timeout: 120_000 }, () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('shows a spinner with regions done / total on stderr, then a table that fits 80 columns', async () => {
    const pty = await loadPty();
    expect(pty, 'node-pty could not be loaded').toBeDefined();
    if (!pty) return;
    await using proxy = await startFaultProxy({ target: moto.endpoint, rules: SLOW });
    const run = await inTerminal(pty, process.execPath, [TRUFFLE, ...SEARCH], {
      ...moto.env,
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    const plain = run.screen.replace(ANSI, '');
    expect(run.code, plain).toBe(0);
    expect(plain).toMatch(SPINNER_FRAME);
    expect(plain).toMatch(/Asking AWS: [01]\/2 regions/);
    const rows = plain.split(/\r?\n/).filter((l) => l.includes('m7i.large'));
    expect(rows.length).toBe(2);
    // The table's own lines (the spinner's frames share the first one on the raw screen).
    const header = plain.slice(plain.indexOf('TYPE')).split(/\r?\n/)[0] ?? '';
    expect(header).toMatch(/^TYPE\s+VCPUS/);
    for (const line of [header, ...rows.map((l) => l.slice(l.indexOf('m7i.large')))])
      expect(line.length).toBeLessThanOrEqual(80);
  });

  it('the first Ctrl-C stops at once with exit 130', async () => {
    const pty = await loadPty();
    if (!pty) return;
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'DescribeInstanceTypeOfferings' }, fault: faults.hang() }],
    });
    let sentAt = 0;
    const run = await inTerminal(
      pty,
      process.execPath,
      [TRUFFLE, ...SEARCH],
      { ...moto.env, AWS_ENDPOINT_URL: proxy.endpoint },
      (plain, write) => {
        if (!sentAt && /regions/.test(plain)) {
          sentAt = Date.now();
          write('\x03');
        }
      },
    );
    expect(sentAt, run.screen).toBeGreaterThan(0);
    expect(run.code, run.screen.replace(ANSI, '')).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(3000);
  });

  it('a pipe gets no spinner bytes: stdout piped under a terminal, and no terminal at all', async () => {
    const pty = await loadPty();
    if (!pty) return;
    await using proxy = await startFaultProxy({ target: moto.endpoint, rules: SLOW });
    const env = { ...moto.env, AWS_ENDPOINT_URL: proxy.endpoint };
    const out = join(tempHome(), 'out.ndjson');
    const piped = await inTerminal(
      pty,
      'sh',
      ['-c', `"$0" "$@" | cat > ${out}`, process.execPath, TRUFFLE, ...SEARCH],
      env,
    );
    expect(piped.code, piped.screen).toBe(0);
    const stdout = readFileSync(out, 'utf8');
    expect(stdout).not.toMatch(SPINNER_FRAME);
    expect(stdout).not.toContain('\u001b');
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).region),
    ).toEqual(['us-east-1', 'us-west-2']);
    // stderr was still the terminal: the spinner was there.
    expect(piped.screen).toMatch(SPINNER_FRAME);

    const home = tempHome();
    const noTty = await x(process.execPath, [TRUFFLE, ...SEARCH], {
      nodeOptions: {
        env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, 'c'), ...env },
      },
      throwOnError: false,
    });
    expect(noTty.exitCode, noTty.stderr).toBe(0);
    expect(noTty.stderr).not.toMatch(SPINNER_FRAME);
    expect(noTty.stderr).not.toContain('\u001b[');
    expect(noTty.stderr).not.toContain('regions…');
  });
});
