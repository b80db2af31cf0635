import { faults } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { documentedExitCodes, LAUNCH_ARGS, ownLeftovers, STACK, withProxy } from './_fault-harness.ts';
import { runSpawn } from './_launch-test-io.ts';

/*
 * RunInstances reached EC2 (moto started the instance) but its answer was lost (the connection
 * ended before it came back). The launch then looks for what it started, first by client token, then by its
 * spawn:launch-id tag. When AWS does not answer those lookups either (the network that lost the
 * answer is still down), the rollback cannot know the instance exists: it must say so, not
 * report a clean rollback while an instance bills.
 */
const moto = useMoto();

/** A launch whose RunInstances reaches moto and loses its answer; with `lookupsFail`, every DescribeInstances after it too. */
async function launchLosingRunInstances(name: string, o: { lookupsFail: boolean }) {
  let ranInstances = false;
  const run = await withProxy(
    moto,
    [
      {
        match: (r) => {
          if (r.action !== 'RunInstances') return false;
          ranInstances = true;
          return true;
        },
        fault: faults.lost(),
      },
      // The client-token lookup and the tag lookup.
      {
        match: (r) => o.lookupsFail && ranInstances && r.action === 'DescribeInstances',
        fault: faults.close(),
      },
    ],
    () => runSpawn([...LAUNCH_ARGS, '--name', name, '--wait', 'running', '-o', 'ndjson']),
  );
  return { run, ranInstances };
}

describe('a RunInstances answer lost, and the lookups for it failing (moto + fault proxy)', () => {
  it('says it could not check for the instance, and how to find and end it', async () => {
    const { run } = await launchLosingRunInstances('lost', { lookupsFail: true });
    expect(run.code, run.stderr).not.toBe(0);
    expect(documentedExitCodes().has(run.code)).toBe(true);
    expect(run.stderr).not.toMatch(STACK);
    // The SDK names a socket that ended mid-answer a TimeoutError ("socket hang up").
    expect(run.records.at(-1)).toMatchObject({ type: 'error', code: 'TIMEOUT' });
    expect(run.stderr).toMatch(
      /could NOT check for instances \(AWS did not answer in time \(DescribeInstances\) in us-east-1\): this run may have made one/,
    );
    expect(run.stderr).toMatch(
      /`spawn list --region us-east-1` shows it if it runs \(named lost, tag spawn:launch-id [\w-]+\)/,
    );
    // Its security group and key pair were deleted: nothing else to delete by hand.
    expect(run.stderr).not.toContain('Delete those by hand');
    // The warning was warranted: moto did start it, and nothing else said so.
    const left = await ownLeftovers();
    expect(left.filter((r) => r.startsWith('instance '))).toHaveLength(1);
  }, 120_000);

  it('when the tag lookup answers, the instance is found and terminated, and nothing is reported unchecked', async () => {
    const { run, ranInstances } = await launchLosingRunInstances('found', { lookupsFail: false });
    expect(ranInstances).toBe(true);
    expect(run.code, run.stderr).not.toBe(0);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toContain('could NOT check');
    expect(run.stderr).toMatch(/deleted instance i-\w+/);
    expect(await ownLeftovers(), run.stderr).toEqual([]);
  }, 120_000);
});
