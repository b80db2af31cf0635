import { homedir } from 'node:os';
import { type CliIo, createInterruptSignal, createProcessIo } from '@truffle-spawn/core/cli-kit';

/** The only module that hands the real process to the CLI. */
export const processIo = (): CliIo => createProcessIo(process, homedir());
export const interruptSignal = (): AbortSignal => createInterruptSignal(process);
