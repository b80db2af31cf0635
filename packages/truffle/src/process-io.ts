import { homedir } from 'node:os';
import { type CliIo, createInterrupts, createProcessIo } from '@truffle-spawn/core/cli-kit';

/** The only module that hands the real process to the CLI. truffle only reads: the first signal ends it at once with the signal's exit code. */
export function processIo(): CliIo {
  const io = createProcessIo(process, () => homedir());
  io.interrupts = createInterrupts(process, () => io.stderr, { exitAtOnce: true });
  return io;
}
