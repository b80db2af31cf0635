import { PassThrough } from 'node:stream';
import { flagsOf, kebabCase } from '@truffle-spawn/core/cli-kit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LaunchInput } from './command-table.ts';
import { spawnCommands, spawnGlobals } from './command-table.ts';
import { main } from './main.ts';

/** `spawn argv` in-process, no AWS: stdout and stderr as text. */
async function spawn(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' },
    platform: 'linux',
    homedir: '/nonexistent',
    cwd: '/',
    now: () => new Date('2026-08-01T12:00:00Z'),
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Every flag text an option table puts in `--help` (`--ttl <duration>` and `--no-ttl`). */
function helpFlags(table: Record<string, Parameters<typeof flagsOf>[1]>): string[] {
  return Object.entries(table)
    .filter(([, spec]) => !spec.hidden)
    .flatMap(([key, spec]) => [flagsOf(key, spec), ...(spec.negatable ? [`--no-${kebabCase(key)}`] : [])]);
}

describe('spawn command table', () => {
  it.each(spawnCommands.map((c) => [c.name, c] as const))(
    'spawn %s --help shows every option, the examples and the arguments of the table',
    async (name, command) => {
      const { code, stdout } = await spawn([name, '--help']);
      expect(code).toBe(0);
      // Commander wraps long help lines: compare with the whitespace folded.
      const help = stdout.replace(/\s+/g, ' ');
      for (const flags of [...helpFlags(spawnGlobals), ...helpFlags(command.options)])
        expect(help).toContain(` ${flags} `);
      for (const spec of Object.values({ ...spawnGlobals, ...command.options }))
        if (!spec.hidden) expect(help).toContain(spec.help.replace(/\s+/g, ' '));
      for (const [key, spec] of Object.entries({ ...spawnGlobals, ...command.options }))
        if (spec.hidden) expect(help).not.toContain(` ${flagsOf(key, spec)} `);
      expect(command.examples?.length).toBeGreaterThanOrEqual(2);
      expect(command.examples?.length).toBeLessThanOrEqual(4);
      for (const e of command.examples ?? []) expect(help).toContain(`$ spawn ${e.command}`);
      for (const a of command.args ?? []) expect(help).toContain(` ${a.name} ${a.help} `);
    },
  );

  it('launch is the default command: its options parse without naming it', async () => {
    const { code, stderr } = await spawn(['--instance-type', 't3.micro', '--pick', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain("option '--pick <n>' argument '0' is invalid");
    expect((await spawn(['--help'])).stdout).toMatch(/launch \[options\]\s+launch an instance/);
  });

  it('keeps --no-ttl, --use-reservation [id], --wait choices and -y/-t in launch help', async () => {
    const stdout = (await spawn(['launch', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(stdout).toContain('-t, --instance-type <type>');
    expect(stdout).toContain('--no-ttl');
    expect(stdout).toContain('--use-reservation [id]');
    expect(stdout).toContain('--no-cloud-backstop');
    expect(stdout).toContain('(choices: "ssh", "running", "none", default: "ssh")');
    expect(stdout).toContain('-y, --yes');
    expect((await spawn(['launch', '--wait', 'never'])).stderr).toContain(
      "option '--wait <what>' argument 'never' is invalid. Allowed choices are ssh, running, none.",
    );
  });

  it('types the launch input from the table', () => {
    expectTypeOf<LaunchInput['wait']>().toEqualTypeOf<'ssh' | 'running' | 'none'>();
    expectTypeOf<LaunchInput['ttl']>().toEqualTypeOf<string | false | undefined>();
    expectTypeOf<LaunchInput['useReservation']>().toEqualTypeOf<string | true | undefined>();
    expectTypeOf<LaunchInput['cloudBackstop']>().toEqualTypeOf<boolean>();
    expectTypeOf<LaunchInput['region']>().toEqualTypeOf<string | undefined>();
    // A renamed or misspelt flag does not compile (tsc runs in CI through `pnpm typecheck`).
    // @ts-expect-error 'instanceTyp' is not an option of launch
    ((input: LaunchInput) => input.instanceTyp)({} as LaunchInput);
  });

  it('an unknown command suggests the nearest (exit 2), not "too many arguments for launch"', async () => {
    const r = await spawn(['lsit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'lsit'");
    expect(r.stderr).toContain('(Did you mean list?)');
    expect(r.stderr).not.toContain('too many arguments');
    // Off a terminal the next program in a pipe gets an error record.
    expect(JSON.parse(r.stdout)).toMatchObject({
      type: 'error',
      code: 'USAGE',
      hint: expect.stringContaining('Did you mean list?'),
    });
  });

  it('global options before the command reach it (`spawn --region x list` is `spawn list --region x`)', async () => {
    const before = await spawn(['--output', 'json', '--region', 'xx-nowhere-1', 'status', '--help']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Usage: spawn status');
    const bad = await spawn(['-o', 'yamlish', 'completion', 'bash']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown output format "yamlish"');
  });

  it('spawn --help shows its own 2-4 examples', async () => {
    const { SPAWN_EXAMPLES } = await import('./cli.ts');
    expect(SPAWN_EXAMPLES.length).toBeGreaterThanOrEqual(2);
    expect(SPAWN_EXAMPLES.length).toBeLessThanOrEqual(4);
    const r = await spawn(['--help']);
    for (const e of SPAWN_EXAMPLES) expect(r.stdout).toContain(`$ spawn ${e.command}`);
  });
});
