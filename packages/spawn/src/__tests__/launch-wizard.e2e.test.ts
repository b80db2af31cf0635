import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { SPAWN_BIN } from './_bins.ts';
import { inventory, tagMap } from './_inventory.ts';
import { tempHome } from './_launch-test-io.ts';

const moto = useMoto();

type Pty = typeof import('node-pty');
// biome-ignore lint/suspicious/noControlCharactersInRegex: -- stripping terminal escapes is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** node-pty is an optional native dependency: on CI it must load, so a failure fails the test there. */
async function loadPty(): Promise<Pty | undefined> {
  try {
    return await import('node-pty');
  } catch (error) {
    if (process.env.CI) throw error;
    return undefined;
  }
}

describe('the wizard in a real pseudo-terminal (moto)', () => {
  it('Enter at every question launches a t3.medium with TTL 8h and idle 1h', async () => {
    const pty = await loadPty();
    expect(pty, 'node-pty could not be loaded; install it to run the wizard test').toBeDefined();
    if (!pty) return;
    const home = tempHome();
    const term = pty.spawn(
      process.execPath,
      [SPAWN_BIN, '--ssh-cidr', '203.0.113.7/32', '--wait', 'running'],
      {
        cols: 120,
        rows: 40,
        env: {
          ...moto.env,
          PATH: process.env.PATH ?? '',
          HOME: home,
          XDG_CACHE_HOME: join(home, 'cache'),
          TERM: 'xterm',
        },
      },
    );
    let screen = '';
    const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    const answered = new Set<string>();
    term.onData((data) => {
      screen += data;
      // Answer each question (inquirer draws "? <question>") once, with Enter.
      const plain = screen.replace(ANSI, '');
      for (const [, question] of plain.matchAll(
        /\? (Instance type|Region|Pricing|TTL|Idle timeout|Name|Launch\?)/g,
      )) {
        if (!question || answered.has(question)) continue;
        answered.add(question);
        setTimeout(() => term.write('\r'), 200);
      }
    });
    const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 60_000))]);
    if (code === -1) term.kill();
    expect(code, screen.replace(ANSI, '')).toBe(0);
    const plain = screen.replace(ANSI, '');
    expect(plain).toContain('TTL (time to live)');
    // Issue 13 (H5B): the estimate now includes the 20 GiB gp3 disk.
    expect(plain).toMatch(/Cost\s+\$0\.0416\/hour, at most \$0\.35 for the 8h TTL/);
    const [instance, ...rest] = (await inventory()).instances;
    expect(rest).toEqual([]);
    expect(instance?.InstanceType).toBe('t3.medium');
    expect(tagMap(instance?.Tags)).toMatchObject({
      'spawn:ttl': '8h',
      'spawn:idle-timeout': '1h',
      'spawn:on-idle': 'stop',
    });
  }, 90_000);

  it('choosing Spot shows the spot price per hour, the TTL total, the cap and the interruption bucket (issue 15)', async () => {
    const pty = await loadPty();
    expect(pty, 'node-pty could not be loaded; install it to run the wizard test').toBeDefined();
    if (!pty) return;
    const home = tempHome();
    const term = pty.spawn(process.execPath, [SPAWN_BIN, '--ssh-cidr', '203.0.113.7/32', '--dry-run'], {
      cols: 200,
      rows: 60,
      env: {
        ...moto.env,
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CACHE_HOME: join(home, 'cache'),
        TERM: 'xterm',
      },
    });
    let screen = '';
    const exit = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    const answered = new Set<string>();
    term.onData((data) => {
      screen += data;
      const plain = screen.replace(ANSI, '');
      for (const [, question] of plain.matchAll(/\? (Instance type|Region|Pricing|TTL|Idle timeout|Name)/g)) {
        if (!question || answered.has(question)) continue;
        answered.add(question);
        // Pricing: one down (Spot), then Enter; every other question takes its default.
        setTimeout(() => term.write(question === 'Pricing' ? '\u001b[B' : '\r'), 200);
        if (question === 'Pricing') setTimeout(() => term.write('\r'), 500);
      }
    });
    const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 60_000))]);
    if (code === -1) term.kill();
    const plain = screen.replace(ANSI, '');
    expect(code, plain).toBe(0);
    // moto's spot price history is a constant $0.00001, dated 2006; the plan says so.
    expect(plain).toMatch(/Instance\s+t3\.medium, spot in us-east-1\w/);
    expect(plain).toMatch(
      /Cost\s+\$0\.00001\/hour \(spot, 100% below on-demand\), at most \$0\.\d\d for the 8h TTL/,
    );
    expect(plain).toMatch(
      /Price\s+spot price from DescribeSpotPriceHistory in us-east-1\w \(in effect since 2006-/,
    );
    expect(plain).toMatch(
      /Spot\s+capped at the on-demand price, \$0\.0416\/hour \(AWS's default cap\); \S+ interruption frequency \(Spot Advisor, as of /,
    );
    expect((await inventory()).instances).toEqual([]);
  }, 90_000);
});
