import { readFileSync } from 'node:fs';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { startServiceQuotasFixture } from '@truffle-spawn/test-utils/service-quotas-fixture';
import { describe, expect, it } from 'vitest';
import { inventory } from './_inventory.ts';
import { createInstance, describeInstance } from './_lifecycle-fixtures.ts';
import { KEY, loadPty, type SpawnPty, startSpawnPty } from './_pty.ts';

// Issue 15, "a wizard that guards the beginner": the built spawn in a real pseudo-terminal (moto).
const moto = useMoto();
const STACK = /\n\s+at \S+ \(/;
const WIZARD = ['--ssh-cidr', '203.0.113.7/32'];

/** Recorded Service Quotas answers (moto has no EC2 quotas): G on-demand applied at 0 vCPUs. */
const QUOTAS = JSON.parse(
  readFileSync(new URL('../../../core/src/quotas/fixtures/service-quotas.json', import.meta.url), 'utf8'),
) as { applied: Record<string, { Value: number }>; defaults: Record<string, { Value: number }> };

async function spawnInPty(args: string[], env: Record<string, string> = {}): Promise<SpawnPty | undefined> {
  const pty = await loadPty();
  expect(pty, 'node-pty could not be loaded; install it to run the wizard tests').toBeDefined();
  return pty && startSpawnPty(pty, args, { ...moto.env, ...env });
}
const wizard = (args: string[], env: Record<string, string> = {}) => spawnInPty([...WIZARD, ...args], env);

async function expectNothingCreated(): Promise<void> {
  const inv = await inventory();
  expect({ instances: inv.instances, keyPairs: inv.keyPairs, groups: inv.securityGroups }).toEqual({
    instances: [],
    keyPairs: [],
    groups: [],
  });
}

describe('Ctrl-C in the wizard creates nothing and exits 130', () => {
  it('at the first question (the instance-type search)', async () => {
    const run = await wizard([]);
    if (!run) return;
    await run.waitFor(/\? Instance type[^\n]*\n[^\n]*t3\.medium/);
    await run.type(KEY.ctrlC);
    const code = await run.exited();
    const screen = run.text();
    expect(code, screen).toBe(130);
    expect(screen).toContain('Cancelled, nothing was created.');
    expect(screen).not.toContain('Internal error');
    expect(screen).not.toContain('ExitPromptError');
    expect(screen).not.toMatch(STACK);
    await expectNothingCreated();
  }, 60_000);

  it('at a later question (TTL), after the type, region and pricing were answered', async () => {
    const run = await wizard([]);
    if (!run) return;
    for (const question of [/\? Instance type[^\n]*\n[^\n]*t3\.medium/, /\? Region/, /\? Pricing/]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    await run.waitFor(/\? TTL/);
    await run.type(KEY.ctrlC);
    const code = await run.exited();
    const screen = run.text();
    expect(code, screen).toBe(130);
    expect(screen).toContain('Cancelled, nothing was created.');
    expect(screen).not.toMatch(STACK);
    await expectNothingCreated();
  }, 60_000);
});

describe('the instance-type step searches the catalog and validates at once', () => {
  it('`t3.mcro` says it is not a type and offers t3.micro at that step, before any other question', async () => {
    const run = await wizard(['--dry-run']);
    if (!run) return;
    await run.waitFor(/\? Instance type/);
    await run.type('t3.mcro');
    await run.waitFor(
      /t3\.mcro is not an EC2 instance type\. Did you mean:\s*\n\W*t3\.micro\s+2 vCPUs\s+1 GiB/,
    );
    expect(run.text()).not.toContain('? Region');
    // Enter takes the suggestion under the cursor: the plan is for t3.micro.
    await run.type(KEY.enter);
    for (const question of [/\? Region/, /\? Pricing/, /\? TTL/, /\? Idle timeout/, /\? Name/]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    const code = await run.exited();
    expect(code, run.text()).toBe(0);
    expect(run.text()).toMatch(/Instance\s+t3\.micro, on-demand in us-east-1/);
    await expectNothingCreated();
  }, 60_000);

  it('`gpu` lists GPU types, cheapest first, with GPU model, memory and $/hour', async () => {
    const run = await wizard([]);
    if (!run) return;
    await run.waitFor(/\? Instance type/);
    await run.type('gpu');
    await run.waitFor(/\? Instance type gpu\s*\n/);
    const page = await run.waitFor(/((?:[^\n]*\$[\d.]+\/hour[^\n]*\n){10})/);
    const rows = (page[1] ?? '').trim().split('\n');
    const prices = rows.map((r) => Number(/\$([\d.]+)\/hour/.exec(r)?.[1]));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const row of rows) expect(row).toMatch(/^\W*g\S+\s+\d+ vCPUs\s+[\d.]+ GiB\s+(\d+x|1\/\d+) \S+/);
    expect(rows.join('\n')).toMatch(/g4dn\.xlarge\s+4 vCPUs\s+16 GiB\s+1x T4 16 GiB\s+\$0\.5260\/hour/);
    await run.type(KEY.ctrlC);
    expect(await run.exited()).toBe(130);
  }, 60_000);
});

describe('choosing a GPU type checks the account quota before launch (Service Quotas from fixtures)', () => {
  it('a zero G quota is said in plain words with the request command; choosing another type goes on', async () => {
    await using quotas = await startServiceQuotasFixture({
      applied: QUOTAS.applied,
      defaults: QUOTAS.defaults,
    });
    expect(QUOTAS.applied['L-DB2E81BA']?.Value).toBe(0);
    const run = await wizard(['--dry-run'], { AWS_ENDPOINT_URL_SERVICE_QUOTAS: quotas.endpoint });
    if (!run) return;
    await run.waitFor(/\? Instance type/);
    await run.type('g5.xlarge');
    await run.waitFor(/\? Instance type g5\.xlarge\s*\n\W*g5\.xlarge\s+4 vCPUs/);
    await run.type(KEY.enter);
    for (const question of [/\? Region/, /\? Pricing/]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    await run.waitFor(/\? What now\?/);
    const screen = run.text();
    expect(screen).toContain(
      'Your AWS account may not run any G and VT instances in us-east-1 yet: its quota "Running On-Demand G and VT instances" is 0 vCPUs, and g5.xlarge needs 4 vCPUs.',
    );
    expect(screen).toContain('Ask for 4 vCPUs: truffle quotas --family g --region us-east-1 --request 4');
    expect(screen).toContain('--quota-code L-DB2E81BA --desired-value 4 --region us-east-1');
    expect(quotas.calls).toEqual(['GetServiceQuota L-DB2E81BA']);
    // Enter = "Choose another instance type": the search again, then the rest of the wizard.
    await run.type(KEY.enter);
    await run.waitFor(/\? Instance type/);
    await run.type('t3.micro');
    await run.waitFor(/\? Instance type t3\.micro\s*\n\W*t3\.micro\s/);
    await run.type(KEY.enter);
    for (const question of [/\? TTL/, /\? Idle timeout/, /\? Name/]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    expect(await run.exited(), run.text()).toBe(0);
    expect(run.text()).toMatch(/Instance\s+t3\.micro, on-demand in us-east-1/);
    // A standard type is not checked: still the one G call.
    expect(quotas.calls).toEqual(['GetServiceQuota L-DB2E81BA']);
  }, 90_000);

  it('a quota lookup without permission only warns and the wizard goes on', async () => {
    await using quotas = await startServiceQuotasFixture({
      error: {
        status: 400,
        code: 'AccessDeniedException',
        message: 'User is not authorized to perform servicequotas:GetServiceQuota',
      },
    });
    const run = await wizard(['--dry-run', '--name', 'gpu-box'], {
      AWS_ENDPOINT_URL_SERVICE_QUOTAS: quotas.endpoint,
    });
    if (!run) return;
    await run.waitFor(/\? Instance type/);
    await run.type('p5.48xlarge');
    await run.waitFor(/\? Instance type p5\.48xlarge\s*\n\W*p5\.48xlarge\s/);
    await run.type(KEY.enter);
    for (const question of [/\? Region/, /\? Pricing/, /\? TTL/, /\? Idle timeout/]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    expect(await run.exited(), run.text()).toBe(0);
    const screen = run.text();
    expect(screen).toMatch(/Could not check the quota \(.*servicequotas:GetServiceQuota.*\); going on\./);
    expect(screen).toContain('truffle quotas --instance-type p5.48xlarge --region us-east-1');
    expect(screen).not.toContain('What now?');
    expect(screen).toMatch(/Instance\s+p5\.48xlarge, on-demand in us-east-1/);
  }, 90_000);
});

describe('Ctrl-C after the launch, while waiting for SSH', () => {
  it('keeps the instance, names it and `spawn terminate NAME`, says its TTL applies, exits 130', async () => {
    const run = await wizard(['--name', 'wiz-kept', '--ttl', '2h'], {
      // Nothing listens on port 9 of loopback: SSH never answers.
      SPAWN_SSH_PROBE: '127.0.0.1:9',
      SPAWN_SSH_TIMEOUT: '60s',
    });
    if (!run) return;
    for (const question of [
      /\? Instance type[^\n]*\n[^\n]*t3\.medium/,
      /\? Region/,
      /\? Pricing/,
      /\? Idle timeout/,
      /\? Launch\?/,
    ]) {
      await run.waitFor(question);
      await run.type(KEY.enter);
    }
    await run.waitFor(/Waiting for SSH/, 45_000);
    await run.type(KEY.ctrlC, 500);
    const code = await run.exited();
    const screen = run.text();
    expect(code, screen).toBe(130);
    expect(screen).not.toMatch(STACK);
    expect(screen).not.toContain('deleting what this run created');
    const [instance, ...others] = (await inventory()).instances;
    expect(others).toEqual([]);
    expect(instance?.State?.Name).toBe('running');
    const id = String(instance?.InstanceId);
    expect(screen).toContain(`wiz-kept (${id}, t3.medium) is running and was kept`);
    expect(screen).toMatch(
      /Left to its TTL \(the TTL still applies\): it terminates itself at \S+ at the latest\./,
    );
    expect(screen).toMatch(/Created in us-east-1: [^\n]*security group sg-/);
    expect(screen).toContain(`instance ${id} (wiz-kept, t3.medium)`);
    expect(screen).toContain('End it now: spawn terminate wiz-kept --region us-east-1');
  }, 90_000);
});

describe('Ctrl-C at the other questions is never an internal error', () => {
  it('at "Launch?" in flags mode: exit 130, nothing created', async () => {
    const run = await spawnInPty(['--instance-type', 't3.micro', ...WIZARD]);
    if (!run) return;
    await run.waitFor(/\? Launch\?/, 45_000);
    await run.type(KEY.ctrlC);
    const code = await run.exited();
    expect(code, run.text()).toBe(130);
    expect(run.text()).toContain('Launch cancelled; nothing was created.');
    expect(run.text()).not.toContain('Internal error');
    await expectNothingCreated();
  }, 60_000);

  it("at spawn terminate's question: exit 130, the instance still runs", async () => {
    const id = await createInstance({ name: 'wiz-term' });
    const run = await spawnInPty(['terminate', 'wiz-term']);
    if (!run) return;
    await run.waitFor(/\? Terminate wiz-term/);
    await run.type(KEY.ctrlC);
    const code = await run.exited();
    expect(code, run.text()).toBe(130);
    expect(run.text()).toContain('Cancelled, nothing was terminated.');
    expect(run.text()).not.toContain('Internal error');
    expect(run.text()).not.toMatch(STACK);
    expect((await describeInstance(id)).State?.Name).toBe('running');
  }, 60_000);
});
