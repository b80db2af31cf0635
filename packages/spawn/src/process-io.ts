import { homedir } from 'node:os';
import { type CliIo, createInterrupts, createProcessIo } from '@truffle-spawn/core/cli-kit';

/** The only module that hands the real process to the CLI. The first signal aborts the command (a launch rolls back); see createInterrupts. */
export function processIo(): CliIo {
  const io = createProcessIo(process, () => homedir());
  io.interrupts = createInterrupts(process, () => io.stderr);
  return io;
}
