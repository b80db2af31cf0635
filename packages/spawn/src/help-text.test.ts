import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { spawnCommands } from './command-table.ts';
import { main } from './main.ts';

/** `spawn ...argv` in-process; its stdout. */
async function helpOf(argv: string[]): Promise<string> {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  const code = await main(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    env: { NO_COLOR: '1' },
    platform: 'linux',
    homedir: '/nonexistent',
    cwd: '/',
    now: () => new Date('2026-11-27T12:00:00Z'),
  });
  expect(code).toBe(0);
  return Buffer.concat(out).toString('utf8');
}

// Byte for byte, so a change in how options are registered (they are built only for the
// command dispatched to, and only those its words give) cannot change what --help prints.
describe('spawn --help text', () => {
  it('of the program and of every command is exactly the recorded one', async () => {
    const texts = [`$ spawn --help\n${await helpOf(['--help'])}`];
    for (const c of spawnCommands)
      texts.push(`$ spawn ${c.name} --help\n${await helpOf([c.name, '--help'])}`);
    texts.push(`$ spawn help ${spawnCommands[0]!.name}\n${await helpOf(['help', spawnCommands[0]!.name])}`);
    await expect(texts.join('\n')).toMatchFileSnapshot('./__snapshots__/help-text.txt');
  });
});
