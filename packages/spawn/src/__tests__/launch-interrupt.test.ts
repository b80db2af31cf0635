import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
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
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
    // Issue 12: the launch's own resources are gone; the spawnd role and profile are shared
    // (created or adopted, never rolled back), so they may stay, but only complete.
    const left = await inventory();
    expect(left).toMatchObject({ instances: [], keyPairs: [], securityGroups: [] });
    // Whatever state the shared role was left in, the next launch repairs or adopts it.
    const next = await runSpawn(
      ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'],
      { home: run.home },
    );
    expect(next.code, next.stderr).toBe(0);
    const after = await inventory();
    expect(after.instances[0]?.IamInstanceProfile?.Arn).toMatch(/instance-profile\/spawnd-agent$/);
    expect(after.instanceProfiles).toEqual(['spawnd-agent']);
  }, 90_000);
});
