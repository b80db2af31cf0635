import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

const offer = JSON.stringify({
  v: 1,
  type: 'offer',
  instanceType: 't3.micro',
  region: 'us-east-1',
  vcpus: 2,
  memoryMiB: 1024,
  architecture: 'x86_64',
  market: 'on-demand',
  pricePerHour: 0.0104,
});

describe('spawn with bad stdin: exit 2, the line number, no stack, nothing created', () => {
  it.each<[string, string | Buffer, RegExp]>([
    ['not JSON', `${offer}\nhello world\n`, /line 2/],
    ['wrong v', `${offer.replace('"v":1', '"v":2')}\n`, /line 1/],
    ['missing fields', '{"v":1,"type":"offer","region":"us-east-1"}\n', /line 1/],
    ['empty', '', /no protocol records/],
    ['a huge line', `${offer}\n${'x'.repeat(2 * 1024 * 1024)}\n`, /line 2/],
    ['binary junk', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x0a]), /line 1/],
  ])('%s', async (_name, stdinText, message) => {
    const run = await runSpawn(['--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'], { stdinText });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
    expect(run.records).toEqual([expect.objectContaining({ type: 'error' })]);
    expect(await inventory()).toMatchObject({ instances: [], keyPairs: [], securityGroups: [], roles: [] });
  });
});
