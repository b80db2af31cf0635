import { join } from 'node:path';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { SPAWN_BIN, sh, TRUFFLE_BIN } from './_bins.ts';
import { inventory } from './_inventory.ts';
import { tempHome } from './_launch-test-io.ts';

const moto = useMoto();

function env() {
  const home = tempHome();
  return { ...moto.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), USERPROFILE: home };
}

const nothingCreated = { instances: [], keyPairs: [], securityGroups: [] };

// Issue 11: `truffle search p3.2xlarge | spawn` launched a c3.2xlarge. A name truffle does not
// know, or a fuzzy guess, must never reach RunInstances (real binaries, moto).
describe('truffle search <name> | spawn --yes (moto)', () => {
  it.each(['m9z.large', 'p3.2xlarge', 'm7i.larg'])(
    '%s: truffle exits 8, spawn exits non-zero and creates nothing',
    async (name) => {
      const run = await sh(
        `node ${TRUFFLE_BIN} search ${name} --region us-east-1 --offline | node ${SPAWN_BIN} --ttl 1h --yes --ssh-cidr 203.0.113.7/32; echo "spawn=$?"`,
        env(),
      );
      expect(run.stdout).toContain('spawn=2');
      expect(run.stderr).toContain('Nothing to launch: the command before spawn failed');
      expect(await inventory()).toMatchObject(nothingCreated);
      const truffle = await sh(`node ${TRUFFLE_BIN} search ${name} --region us-east-1 --offline`, env());
      expect(truffle.code).toBe(8);
      expect(truffle.stdout).not.toMatch(/"type":"offer"/);
    },
  );

  it('a fuzzy record is refused without --pick (exit 2, nothing created)', async () => {
    const run = await sh(
      `node ${TRUFFLE_BIN} search c7gnx --region us-east-1 --offline --limit 1 | node ${SPAWN_BIN} --ttl 1h --yes --ssh-cidr 203.0.113.7/32`,
      env(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fuzzy match \(c7gn\./);
    expect(await inventory()).toMatchObject(nothingCreated);
  });

  it('an exact record launches that type and the plan says why', async () => {
    const run = await sh(
      `node ${TRUFFLE_BIN} search t3.micro --region us-east-1 --offline | node ${SPAWN_BIN} --ttl 1h --yes --ssh-cidr 203.0.113.7/32 --wait running`,
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ type: 'launched', instanceType: 't3.micro' });
    expect(run.stderr).toContain('t3.micro from line 1 of standard input: exact match from truffle');
  });
});
