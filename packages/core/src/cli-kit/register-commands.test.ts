import { Command } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GreetInput } from './__fixtures__/demo-table.ts';
import { demoCommands, demoGlobals } from './__fixtures__/demo-table.ts';
import type { CommandSpec } from './command-spec.ts';
import { flagsOf, option } from './command-spec.ts';
import { addEveryOption, namedCommand, optionsGiven, registerCommands } from './register-commands.ts';

/**
 * Parses `argv` against the demo table; `every`: with every option built up front; `named`: the
 * program built for these words (only the command they name is registered, as the CLIs do).
 */
async function parse(argv: string[], o: { every?: boolean; named?: boolean } = {}) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  let help = '';
  const program = new Command('demo')
    .exitOverride()
    .configureOutput({ writeOut: (t) => (help += t), writeErr: (t) => (help += t) });
  registerCommands(program, demoCommands as readonly CommandSpec[], {
    globals: demoGlobals,
    argv: o.named ? argv : undefined,
    run: async (spec, input) => void calls.push({ name: spec.name, input }),
  });
  if (o.every) addEveryOption(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    return { calls, help, error: error as { code: string; message: string } };
  }
  return { calls, help, error: undefined };
}

describe('registerCommands', () => {
  it('hands the handler every option by key and every positional by camelCase name', async () => {
    const { calls } = await parse([
      'greet',
      'Ada',
      'and',
      'Bob',
      '--times',
      '3',
      '--loud',
      '--no-ttl',
      '--mood',
      'glad',
      '--tag',
      'a',
      '--tag',
      'b',
      '--reservation',
      '-r',
      'eu-west-1',
      '--no-cache',
    ]);
    expect(calls).toEqual([
      {
        name: 'greet',
        input: {
          who: 'Ada',
          extraWords: ['and', 'Bob'],
          times: 3,
          loud: true,
          ttl: false,
          mood: 'glad',
          tag: ['A', 'B'],
          reservation: true,
          region: 'eu-west-1',
          cache: false,
        },
      },
    ]);
  });

  it('fills defaults and leaves absent options undefined', async () => {
    const { calls } = await parse(['hi', 'Ada']);
    expect(calls[0]?.input).toEqual({ who: 'Ada', extraWords: [], mood: 'calm', tag: [], cache: true });
  });

  it('runs the default command when none is named', async () => {
    const { calls } = await parse(['--region', 'us-east-1']);
    expect(calls).toEqual([{ name: 'idle', input: { region: 'us-east-1', cache: true } }]);
  });

  it('refuses a bad value with commander’s usage error (exit 2 in runMain)', async () => {
    expect((await parse(['greet', 'Ada', '--times', '0'])).error?.code).toBe('commander.invalidArgument');
    expect((await parse(['greet', 'Ada', '--mood', 'sad'])).error?.code).toBe('commander.invalidArgument');
  });

  it('prints the examples and the negations in --help', async () => {
    const { help, error } = await parse(['greet', '--help']);
    expect(error?.code).toBe('commander.helpDisplayed');
    expect(help).toContain('Examples:\n  $ demo greet Ada --times 2  # twice');
    expect(help).toContain('--no-loud');
    expect(help).toContain('--no-cache');
    expect(help).toContain('Usage: demo greet|hi [options] <who> [extra-words...]');
  });

  it('refuses a key that is not the camelCase of its flag (when the command is parsed)', async () => {
    const program = new Command('x').exitOverride();
    const bad = { ...demoCommands[1], options: { 'dry-run': option.flag('x') } } as unknown as CommandSpec;
    registerCommands(program, [bad], { globals: {}, run: async () => {} });
    await expect(program.parseAsync([bad.name, '--help'], { from: 'user' })).rejects.toThrow(
      /commander names it dryRun/,
    );
  });

  it("adds a command's options only when it is dispatched, and still lists [options] for each", async () => {
    let help = '';
    const program = new Command('demo')
      .exitOverride()
      .configureOutput({ writeOut: (t) => (help += t), writeErr: (t) => (help += t) });
    registerCommands(program, demoCommands as readonly CommandSpec[], {
      globals: demoGlobals,
      run: async () => {},
    });
    expect(program.commands.map((c) => c.options.length)).toEqual(demoCommands.map(() => 0));
    await program.parseAsync(['--help'], { from: 'user' }).catch(() => undefined);
    expect(help).toContain('greet|hi [options] <who> [extra-words...]');
    expect(help).toMatch(/^ {2}help \[command\]/m);
    await program.parseAsync(['greet', 'Ada', '--loud'], { from: 'user' });
    const greet = program.commands.find((c) => c.name() === 'greet');
    // Of greet's options, only the one given (a negatable flag: two commander options).
    expect(greet?.options.map((o) => o.flags)).toEqual(['--loud', '--no-loud']);
    expect(program.commands.filter((c) => c.options.length > 0)).toEqual([greet]);
  });

  it.each([
    [['greet', 'Ada', '--times', '3', '--loud', '-r', 'eu-west-1']],
    [['hi', 'Ada', '--no-loud', '--ttl=2h', '--tag', 'a', '--tag', '-b']],
    [['greet', '--reservation', 'Ada']],
    [['greet', 'Ada', '--reservation', '--no-cache', 'x', '--', '--times']],
    [['--region', 'us-east-1']],
    [['greet', 'Ada', '--times', '0']],
    [['greet', 'Ada', '--mood', 'sad']],
    [['greet', 'Ada', '--tmes', '3']],
    [['greet', 'Ada', '--times']],
    [['greet', 'Ada', '-x']],
    [['greet', 'Ada', '--loud=yes']],
    [['greet', '-rAda']],
    [['greet', 'Ada', '--reservation', '-1']],
    [['greet']],
  ])('parses %j exactly as with every option built (input, key order, errors)', async (argv) => {
    const some = await parse(argv);
    const every = await parse(argv, { every: true });
    expect(some.help).toBe(every.help);
    expect(some.error?.code).toBe(every.error?.code);
    expect(some.error?.message).toBe(every.error?.message);
    expect(some.calls).toEqual(every.calls);
    expect(some.calls.map((c) => Object.keys(c.input))).toEqual(every.calls.map((c) => Object.keys(c.input)));
  });

  it('builds only the options a command line gives, and all of them for anything unusual', async () => {
    const table = { ...demoGlobals, ...demoCommands[0]!.options };
    expect(optionsGiven(['Ada', '--times', '3', '-r', 'x', '--no-loud', '--ttl=1h'], table)).toEqual(
      new Set(['times', 'region', 'loud', 'ttl']),
    );
    // A required value is the next word whatever it is; an optional one only if it is no flag.
    expect(optionsGiven(['--tag', '--times'], table)).toEqual(new Set(['tag']));
    expect(optionsGiven(['--reservation', '--times', '2'], table)).toEqual(new Set(['reservation', 'times']));
    expect(optionsGiven(['--', '--whatever'], table)).toEqual(new Set());
    for (const odd of [['--help'], ['-h'], ['--tmes'], ['-rx'], ['--reservation', '-1'], ['-r=x']])
      expect(optionsGiven(odd, table)).toBeUndefined();
    const { calls } = await parse(['greet', 'Ada', '--times', '2']);
    expect(calls[0]?.input).toMatchObject({ times: 2, mood: 'calm', cache: true, tag: [] });
  });

  it('derives the flags text from the key', () => {
    expect(flagsOf('instanceType', option.string('type', 'x', { short: 't' }))).toBe(
      '-t, --instance-type <type>',
    );
    expect(flagsOf('cache', option.negation('x'))).toBe('--no-cache');
    expect(flagsOf('useReservation', option.optionalValue('id', 'x'))).toBe('--use-reservation [id]');
  });

  it('infers the handler input from the table', () => {
    expectTypeOf<GreetInput>().toEqualTypeOf<{
      readonly region: string | undefined;
      readonly cache: boolean;
      readonly times: number | undefined;
      readonly loud: boolean | undefined;
      readonly ttl: string | false | undefined;
      readonly mood: 'calm' | 'glad';
      readonly tag: string[];
      readonly reservation: string | true | undefined;
      readonly who: string;
      readonly extraWords: string[];
    }>();
    // A renamed or misspelt flag does not compile.
    // @ts-expect-error 'time' is not an option of greet
    ((input: GreetInput) => input.time)({} as GreetInput);
  });

  describe('built for the words of one run', () => {
    const table = demoCommands as readonly CommandSpec[];
    it.each([
      [['greet', 'Ada'], 'greet'],
      [['hi', 'Ada'], 'greet'],
      [['--region', 'eu-west-1', 'greet', 'Ada'], 'greet'],
      [['idle'], 'idle'],
      [['greet', '--help'], undefined],
      [['greet', 'Ada', '-h'], undefined],
      [['help', 'greet'], undefined],
      [[], undefined],
      [['gret'], undefined],
    ])('%j names %s', (argv, name) => {
      expect(namedCommand(argv, table, demoGlobals)?.name).toBe(name);
    });

    it('registers only the command named, and parses it as a program with every command does', async () => {
      const program = new Command('demo').exitOverride();
      registerCommands(program, table, { globals: demoGlobals, argv: ['hi', 'Ada'], run: async () => {} });
      expect(program.commands.map((c) => c.name())).toEqual(['greet']);
      for (const argv of [
        ['greet', 'Ada', '--times', '2', '--tag', 'a'],
        ['hi', 'Ada', '--no-cache', '--region', 'eu-west-1'],
      ]) {
        const all = await parse([...argv]);
        const one = await parse([...argv], { named: true });
        expect(one.calls).toEqual(all.calls);
        expect(one.calls).toHaveLength(1);
      }
    });

    it('registers every command when the words name none (help, the default command)', () => {
      for (const argv of [[], ['help'], ['greet', '--help']]) {
        const program = new Command('demo').exitOverride();
        registerCommands(program, table, { globals: demoGlobals, argv, run: async () => {} });
        expect(program.commands.map((c) => c.name()).sort()).toEqual(table.map((c) => c.name).sort());
      }
    });
  });
});
