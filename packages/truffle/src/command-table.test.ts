import {
  addEveryOption,
  type CommandSpec,
  commanderOptions,
  type OptionTable,
  registerCommands,
} from '@truffle-spawn/core/cli-kit';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './__tests__/_run-truffle.ts';
import { search, truffleCommands, truffleGlobals } from './command-table.ts';

const commands = truffleCommands as readonly CommandSpec[];

/** The flags commander gets for a table (`-r, --region <regions>`, `--no-burstable`), from the table itself. */
const flagsOf = (table: OptionTable) =>
  commanderOptions(new Command(), table).map((o) => ({
    flags: o.flags,
    long: o.long ?? '',
    hidden: o.hidden,
  }));

describe('the command table', () => {
  it.each(commands.map((c) => [c.name, c] as const))(
    '%s --help shows every option and example of its entry',
    async (name, spec) => {
      const r = await runTruffle([name, '--help']);
      expect(r.code).toBe(0);
      for (const o of flagsOf({ ...truffleGlobals, ...spec.options })) {
        if (o.hidden) expect(r.stdout, o.long).not.toMatch(new RegExp(`${o.long}\\b(?!-)`));
        else expect(r.stdout).toContain(o.flags);
      }
      expect(spec.examples?.length).toBeGreaterThanOrEqual(2);
      expect(spec.examples?.length).toBeLessThanOrEqual(4);
      for (const e of spec.examples ?? []) expect(r.stdout).toContain(`$ truffle ${e.command}`);
    },
  );

  it('lists every command in truffle --help', async () => {
    const r = await runTruffle(['--help']);
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
  });

  it('derives the flag from the key: renaming a key renames the flag and the input property', async () => {
    const { maxPrice, ...rest } = search.options;
    const renamed = { ...search, options: { ...rest, priceCap: maxPrice } } as unknown as CommandSpec;
    const seen: Record<string, unknown>[] = [];
    const parse = (argv: string[]) => {
      let help = '';
      const program = new Command('truffle')
        .exitOverride()
        .configureOutput({ writeOut: (t) => (help += t), writeErr: (t) => (help += t) });
      registerCommands(program, [renamed], {
        globals: truffleGlobals,
        run: async (_, input) => void seen.push(input),
      });
      return program
        .parseAsync(argv, { from: 'user' })
        .then(() => help)
        .catch((error: { code: string }) => (error.code === 'commander.helpDisplayed' ? help : error.code));
    };
    expect(await parse(['search', '--help'])).toContain('--price-cap <usd>');
    expect(await parse(['search', 'm7i', '--price-cap', '0.5'])).toBe('');
    expect(seen[0]).toMatchObject({ query: 'm7i', priceCap: 0.5 });
    expect(seen[0]).not.toHaveProperty('maxPrice');
    expect(await parse(['search', 'm7i', '--max-price', '0.5'])).toBe('commander.unknownOption');
  });

  it.each([
    [['search', 'm7i.large', '--offline']],
    [['search', '--gpus', '1', '--gpu-memory', '24', '--region', 'all', '--no-burstable', '--sort', 'price']],
    [['search', 'c7g', '--vcpus', '4-16', '--limit', '3', '--no-cache', '--output', 'json']],
    [['spot', 'm7i.large', '--max-price', '0.1', '--sort', 'savings']],
    [['search', 'm7i', '--sort', 'cost']],
    [['search', 'm7i', '--max-pric', '1']],
    [['az', 'm7i.large', '--region']],
  ])('parses %j with the options it gives as with all of them', async (argv) => {
    const parse = async (every: boolean) => {
      let text = '';
      const seen: Record<string, unknown>[] = [];
      const program = new Command('truffle')
        .exitOverride()
        .configureOutput({ writeOut: (t) => (text += t), writeErr: (t) => (text += t) });
      registerCommands(program, commands, {
        globals: truffleGlobals,
        run: async (_, input) => void seen.push(input),
      });
      if (every) addEveryOption(program);
      const error = await program.parseAsync(argv, { from: 'user' }).then(
        () => undefined,
        (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
      );
      return { text, error, seen, keys: seen.map((i) => Object.keys(i)) };
    };
    expect(await parse(false)).toEqual(await parse(true));
  });

  it('global options are accepted before or after the command', async () => {
    const before = await runTruffle(['--offline', '--region', 'eu-west-1', 'search', 'm7i.large']);
    const after = await runTruffle(['search', 'm7i.large', '--region', 'eu-west-1', '--offline']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.records.map((r) => r.region)).toEqual(['eu-west-1']);
    expect(before.stdout).toBe(after.stdout);
  });

  it('an unknown command suggests the nearest, even after global options (exit 2)', async () => {
    const r = await runTruffle(['--offline', 'serch', 'm7i.large']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'serch'\n(Did you mean search?)");
  });

  it('truffle --help shows its own 2-4 examples', async () => {
    const { TRUFFLE_EXAMPLES } = await import('./cli.ts');
    expect(TRUFFLE_EXAMPLES.length).toBeGreaterThanOrEqual(2);
    expect(TRUFFLE_EXAMPLES.length).toBeLessThanOrEqual(4);
    const r = await runTruffle(['--help']);
    for (const e of TRUFFLE_EXAMPLES) expect(r.stdout).toContain(`$ truffle ${e.command}`);
  });
});
