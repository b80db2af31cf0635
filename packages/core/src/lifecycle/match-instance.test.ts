import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { isInstanceId, matchInstance } from './match-instance.ts';

const a = testInstance({ instanceId: 'i-0aaaaaaaaaaaaaaaa', name: 'web', region: 'us-east-1' });
const b = testInstance({
  instanceId: 'i-0bbbbbbbbbbbbbbbb',
  name: 'web',
  region: 'eu-west-1',
  state: 'stopped',
});
const c = testInstance({ instanceId: 'i-0cccccccccccccccc', name: 'db' });
const dead = testInstance({ instanceId: 'i-0dddddddddddddddd', name: 'db', state: 'terminated' });
const gone = testInstance({ instanceId: 'i-0eeeeeeeeeeeeeeee', name: 'old', state: 'terminated' });
const all = [a, b, c, dead, gone];
const regions = ['us-east-1', 'eu-west-1'];

describe('matchInstance', () => {
  it.each([
    ['by id', 'i-0bbbbbbbbbbbbbbbb', b],
    ['by unique name', 'db', c],
    ['a live instance wins over a terminated one of the same name', 'db', c],
    ['a terminated instance when it is the only match', 'old', gone],
    ['by id even when terminated', 'i-0dddddddddddddddd', dead],
  ])('%s', (_name, query, expected) => {
    expect(matchInstance(all, query, regions)).toBe(expected);
  });

  it('an ambiguous name lists every candidate with id, region and state', () => {
    expect(() => matchInstance(all, 'web', regions)).toThrow(
      expect.objectContaining({
        code: 'AMBIGUOUS_NAME',
        exitCode: 2,
        message: expect.stringContaining('i-0bbbbbbbbbbbbbbbb  eu-west-1  stopped'),
        details: {
          candidates: [
            { instanceId: 'i-0aaaaaaaaaaaaaaaa', region: 'us-east-1', state: 'running' },
            { instanceId: 'i-0bbbbbbbbbbbbbbbb', region: 'eu-west-1', state: 'stopped' },
          ],
        },
      }),
    );
  });

  it.each([
    ['unknown name', 'nope', ['us-east-1'], 'in us-east-1'],
    ['unknown id', 'i-0ffffffffffffffff', regions, 'in 2 regions'],
    ['names are case-sensitive like the Name tag', 'WEB', regions, 'in 2 regions'],
  ])('%s is NOT_FOUND with a hint', (_name, query, where, text) => {
    expect(() => matchInstance(all, query, where)).toThrow(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: expect.stringContaining(text),
        hint: expect.stringContaining('spawn list --regions all'),
      }),
    );
  });
});

describe('isInstanceId', () => {
  it.each([
    ['i-0123456789abcdef0', true],
    ['i-12345678', true],
    ['i-box', false],
    ['box', false],
  ])('%s → %s', (text, expected) => {
    expect(isInstanceId(text)).toBe(expected);
  });
});
