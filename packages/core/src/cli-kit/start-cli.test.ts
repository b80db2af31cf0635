import { describe, expect, it } from 'vitest';
import { runKind } from './start-cli.ts';

describe('runKind (what the compile cache rewrites its data for, once per kind)', () => {
  it.each([
    [['--help'], 'help'],
    [['search', '-h'], 'help'],
    [['help', 'spot'], 'help'],
    [['search', 'm7i.large', '--offline'], 'search'],
    [['--offline', 'search', 'm7i.large'], 'search'],
    [['--instance-type', 't3.micro', '--ttl', '1h'], 'other'],
    [['--region', 'us-east-1', 'az'], 'other'],
    [['ssh', 'i-0123'], 'ssh'],
    [[], 'other'],
  ])('%j is %s', (args, kind) => {
    expect(runKind(args)).toBe(kind);
  });
});
