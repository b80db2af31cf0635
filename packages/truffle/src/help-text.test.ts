import { helpTexts } from '@truffle-spawn/test-utils/help-texts';
import { describe, expect, it } from 'vitest';
import { truffleCommands } from './command-table.ts';
import { main } from './main.ts';

// Byte for byte, so a change in how options are registered (they are built only for the
// command dispatched to, and only those its words give) cannot change what --help prints.
describe('truffle --help text', () => {
  it('of the program and of every command is exactly the recorded one', async () => {
    const text = await helpTexts(
      'truffle',
      main,
      truffleCommands.map((c) => c.name),
    );
    await expect(text).toMatchFileSnapshot('./__snapshots__/help-text.txt');
  });
});
