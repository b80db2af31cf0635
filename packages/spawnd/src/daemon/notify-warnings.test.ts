import { TAG } from '@truffle-spawn/core';
import { extendOwnExpiry, setOwnTag } from '@truffle-spawn/core/agent';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from './_test-daemon.ts';

// The agent in process against moto (tags) and the fake IMDS (identity, spot notice); wall is a
// stub recording its stdin, the banner and message file live in a temp dir.
useMoto();
const MIN = 60_000;
const T = Date.parse('2030-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
let daemon: TestDaemon | undefined;
afterEach(() => daemon?.close());

async function at(d: TestDaemon, ms: number) {
  d.clock.now = ms;
  await d.agent.cycle();
}

describe('warnings through wall, the message file and the login banner', () => {
  it('at 30, 10, 5 and 1 minutes: what, when and how to postpone; cleared after an extension', async () => {
    const deadline = T + 31 * MIN;
    const d = await startTestDaemon(
      { [TAG.expiresAt]: iso(deadline), [TAG.idleTimeout]: 'off', [TAG.name]: 'train-1' },
      T,
    );
    daemon = d;
    await at(d, T);
    expect(await d.wall()).toEqual([]);
    for (const left of [30, 10, 5, 1]) await at(d, deadline - left * MIN);
    const messages = await d.wall();
    expect(messages).toHaveLength(4);
    messages.forEach((m, i) => {
      expect(m).toContain(`will be TERMINATED at ${iso(deadline)} (in ${[30, 10, 5, 1][i]}m)`);
      expect(m).toContain('`spawnd extend 2h`');
      expect(m).toContain('`spawn extend train-1 2h`');
    });
    expect(await d.motd()).toContain(
      `*** spawnd: this instance will be TERMINATED at ${iso(deadline)} (in 1m)`,
    );
    expect(await d.message()).toContain('(in 1m)');

    const extended = await extendOwnExpiry(d.ec2, d.id, 2 * 3_600_000, d.clock.now);
    expect(extended).toBe(iso(deadline + 2 * 3_600_000));
    await at(d, deadline - 30_000);
    expect(await d.motd()).toBeUndefined();
    expect(await d.message()).toBeUndefined();
    expect(await d.wall()).toHaveLength(4);
  });

  it('an extension still inside the warning window updates the banner with the new time', async () => {
    const deadline = T + 6 * MIN;
    const d = await startTestDaemon({ [TAG.expiresAt]: iso(deadline), [TAG.idleTimeout]: 'off' }, T);
    daemon = d;
    await at(d, T + MIN);
    expect(await d.motd()).toContain(`at ${iso(deadline)} (in 5m)`);
    const later = deadline + 15 * MIN;
    await setOwnTag(d.ec2, d.id, TAG.expiresAt, iso(later));
    await at(d, T + 2 * MIN);
    const banner = await d.motd();
    expect(banner).toContain(`at ${iso(later)} (in 19m)`);
    expect(banner).not.toContain(iso(deadline));
    expect((await d.wall()).at(-1)).toContain('`spawn extend <instance> 2h`');
  });

  it('idle warnings say activity postpones them', async () => {
    const d = await startTestDaemon({ [TAG.idleTimeout]: '20m', [TAG.onIdle]: 'stop' }, T, { quiet: true });
    daemon = d;
    await at(d, T);
    await at(d, T + MIN);
    const [warning, ...rest] = await d.wall();
    expect(rest).toEqual([]);
    expect(warning).toContain(`will be STOPPED at ${iso(T + 20 * MIN)} (in 19m) because it has been idle`);
    expect(warning).toContain('Any activity postpones it');
  });
});

describe('spot interruption', () => {
  it('warns everyone at once, once per notice, and keeps the banner up', async () => {
    const d = await startTestDaemon({ [TAG.expiresAt]: iso(T + 600 * MIN), [TAG.idleTimeout]: 'off' }, T);
    daemon = d;
    await at(d, T);
    expect(await d.wall()).toEqual([]);
    d.imds.setSpotAction({ action: 'terminate', time: iso(T + 2 * MIN) });
    await at(d, T + 1000);
    const [notice, ...rest] = await d.wall();
    expect(rest).toEqual([]);
    expect(notice).toContain(`will be TERMINATED at ${iso(T + 2 * MIN)} (in 119s)`);
    expect(notice).toContain('cannot be postponed');
    await at(d, T + 2000);
    expect(await d.wall()).toHaveLength(1);
    expect(await d.motd()).toContain('spot instance');
    expect(await d.message()).toContain('spot instance');
  });
});
