import { describe, expect, it } from 'vitest';
import { arrangeArgv, nearestCommand } from './arrange-argv.ts';
import { arg, commandsWith, option } from './command-spec.ts';
import { awsGlobalOptions } from './global-options.ts';

const globals = awsGlobalOptions('region', {});
const command = commandsWith(globals);
const load = () => Promise.resolve({ run: async () => {} });
const launch = command({
  name: 'launch',
  summary: 'launch',
  isDefault: true,
  options: {
    instanceType: option.string('type', 'type', { short: 't' }),
    useReservation: option.optionalValue('id', 'reservation'),
    ttl: option.stringOrOff('duration', 'ttl', 'no ttl'),
  },
  load,
});
const list = command({ name: 'list', summary: 'list', options: {}, load });
const connect = command({
  name: 'connect',
  aliases: ['ssh'],
  summary: 'connect',
  args: [arg.required('name', 'name')],
  options: {},
  load,
});
const spawnLike = [launch, list, connect];
const search = command({
  name: 'search',
  summary: 's',
  args: [arg.optional('query', 'q')],
  options: {},
  load,
});
const truffleLike = [search, list];

describe('arrangeArgv', () => {
  it.each([
    [
      ['--region', 'x', 'search', 'y'],
      ['search', '--region', 'x', 'y'],
    ],
    [
      ['-r', 'x', '-o', 'json', 'search'],
      ['search', '-r', 'x', '-o', 'json'],
    ],
    [
      ['--region=x', '--debug', 'list'],
      ['list', '--region=x', '--debug'],
    ],
    [
      ['search', 'y', '--region', 'x'],
      ['search', 'y', '--region', 'x'],
    ],
    [['--help'], ['--help']],
    [[], []],
  ])('truffle %j -> %j', (argv, expected) => {
    expect(arrangeArgv(argv, truffleLike, globals)).toEqual({ argv: expected });
  });

  it.each([
    [
      ['--region', 'x', 'ssh', 'box', '--', 'ls'],
      ['ssh', '--region', 'x', 'box', '--', 'ls'],
    ],
    [
      ['--instance-type', 't3.micro', '--ttl', '1h'],
      ['--instance-type', 't3.micro', '--ttl', '1h'],
    ],
    [
      ['-t', 'list'],
      ['-t', 'list'],
    ],
    [
      ['--use-reservation', '--yes'],
      ['--use-reservation', '--yes'],
    ],
    [
      ['--', 'lsit'],
      ['--', 'lsit'],
    ],
    [
      ['--bogus', 'lsit'],
      ['--bogus', 'lsit'],
    ],
  ])('spawn %j -> %j (values and the default command’s options are left alone)', (argv, expected) => {
    expect(arrangeArgv(argv, spawnLike, globals)).toEqual({ argv: expected });
  });

  it('a default command’s own option before a command is not moved (commander refuses it there)', () => {
    expect(arrangeArgv(['--ttl', '1h', 'list'], spawnLike, globals)).toEqual({
      argv: ['--ttl', '1h', 'list'],
    });
  });

  it.each([
    [['lsit'], 'lsit', 'list'],
    [['--region', 'x', 'conect', 'box'], 'conect', 'connect'],
    [['srch'], 'srch', undefined],
    [['xyzzy'], 'xyzzy', undefined],
  ])('spawn %j: unknown command %s, nearest %s', (argv, word, suggestion) => {
    expect(arrangeArgv(argv, spawnLike, globals)).toEqual({
      unknownCommand: word,
      ...(suggestion ? { suggestion } : {}),
    });
  });

  it('truffle: an unknown word is an unknown command too (with or without leading globals)', () => {
    expect(arrangeArgv(['--region', 'x', 'serch', 'y'], truffleLike, globals)).toEqual({
      unknownCommand: 'serch',
      suggestion: 'search',
    });
  });

  it('a default command with positionals keeps its bare words', () => {
    const withArgs = command({ ...launch, args: [arg.optional('what', 'w')] });
    expect(arrangeArgv(['lsit'], [withArgs, list], globals)).toEqual({ argv: ['lsit'] });
  });
});

describe('nearestCommand', () => {
  it.each([
    ['lsit', 'list'],
    ['stauts', 'status'],
    ['termnate', 'terminate'],
    ['conn', 'connect'],
    ['zzz', undefined],
  ])('%s -> %s', (word, name) => {
    expect(nearestCommand(word, ['list', 'status', 'start', 'terminate', 'connect'])).toBe(name);
  });
});
