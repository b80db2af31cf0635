import { describe, expect, it } from 'vitest';
import { useMoto } from '../../../../scripts/test/moto.ts';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

describe('Ctrl-C during a launch (moto)', () => {
  it('exits 130 and deletes what was created so far', async () => {
    const controller = new AbortController();
    // Abort once the key pair step has run: the rollback must remove the imported key pair.
    let running = true;
    const watcher = (async () => {
      while (running && !controller.signal.aborted) {
        const keys = await inventory().then(
          (i) => i.keyPairs.length,
          () => 0,
        );
        if (keys > 0) controller.abort();
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const run = await runSpawn(
      ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'running'],
      { signal: controller.signal },
    );
    running = false;
    await watcher;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Interrupted');
    expect(await inventory()).toMatchObject({
      instances: [],
      keyPairs: [],
      securityGroups: [],
      roles: [],
      instanceProfiles: [],
    });
  });
});
