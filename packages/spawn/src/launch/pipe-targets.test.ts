import { describe, expect, it } from 'vitest';
import type { LaunchOptions } from './launch-options.ts';
import { readPipeCandidates } from './pipe-targets.ts';

const offer = (instanceType: string, match?: string) =>
  JSON.stringify({
    v: 1,
    type: 'offer',
    instanceType,
    region: 'us-east-1',
    vcpus: 2,
    memoryMiB: 8192,
    architecture: 'x86_64',
    market: 'on-demand',
    ...(match ? { match } : {}),
  });
async function* stdin(...lines: string[]): AsyncIterable<string> {
  yield `${lines.join('\n')}\n`;
}
const read = (lines: string[], opts: Partial<LaunchOptions> = {}) =>
  readPipeCandidates(stdin(...lines), opts as LaunchOptions);

describe('readPipeCandidates and truffle match kinds (issue 11)', () => {
  it.each(['exact', 'glob', 'family', 'accelerator', 'words'])(
    'takes a %s record and says why',
    async (match) => {
      const [c] = await read([offer('m7i.large', match)]);
      expect(c).toMatchObject({
        target: { instanceType: 'm7i.large' },
        match,
        why: `${match} match from truffle`,
      });
    },
  );

  it('refuses a fuzzy record without --pick: usage error, nothing chosen', async () => {
    const error = await read([offer('c3.2xlarge', 'fuzzy')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect(String((error as Error).message)).toContain('fuzzy match (c3.2xlarge)');
  });

  it('refuses a fuzzy record among --try-all candidates', async () => {
    await expect(
      read([offer('m7i.large', 'exact'), offer('c3.2xlarge', 'fuzzy')], { tryAll: true }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('launches a fuzzy record the user picked with --pick N', async () => {
    const [c] = await read([offer('m7i.large', 'fuzzy'), offer('c3.2xlarge', 'fuzzy')], { pick: 2 });
    expect(c?.target.instanceType).toBe('c3.2xlarge');
    expect(c?.why).toBe('fuzzy match from truffle, picked with --pick 2');
  });

  it('records without match (older truffle, spot, capacity) still work', async () => {
    const [c] = await read([offer('m7i.large')]);
    expect(c?.why).toBeUndefined();
  });

  it('an upstream error record is named, not "no launchable record"', async () => {
    const err = JSON.stringify({
      v: 1,
      type: 'error',
      code: 'INSTANCE_TYPE_NOT_FOUND',
      message: 'No instance type is named "m9z.large".',
    });
    await expect(read([err])).rejects.toThrow(
      /command before spawn failed: No instance type is named "m9z.large"/,
    );
  });
});
