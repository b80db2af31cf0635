import { describe, expect, it } from 'vitest';
import { splitSshArgs } from './split-ssh-args.ts';

describe('splitSshArgs', () => {
  it.each<[string[], string[], string[]]>([
    [[], [], []],
    [['uptime'], [], ['uptime']],
    [['ls', '-la'], [], ['ls', '-la']],
    [['-L', '8888:localhost:8888'], ['-L', '8888:localhost:8888'], []],
    [['-t', 'htop'], ['-t'], ['htop']],
    [['-vL', '1:l:1', 'uptime'], ['-vL', '1:l:1'], ['uptime']],
    [['-oServerAliveInterval=5', 'w'], ['-oServerAliveInterval=5'], ['w']],
    [['-o', 'ServerAliveInterval=5', '-A', 'w'], ['-o', 'ServerAliveInterval=5', '-A'], ['w']],
    [['-A', '--', '-weird-command'], ['-A'], ['-weird-command']],
    [['-L'], ['-L'], []],
  ])('%j', (args, options, command) => {
    expect(splitSshArgs(args)).toEqual({ options, command });
  });
});
