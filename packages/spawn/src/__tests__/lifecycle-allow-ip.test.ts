import { PassThrough } from 'node:stream';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { type Fault, faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { allowIp as allowIpCommand } from '../command-table.ts';
import { run as allowIp } from '../commands/allow-ip.ts';
import { inputOf } from './_command-input.ts';
import { createInstance, runSpawnBin, tagResource, tempHome } from './_lifecycle-fixtures.ts';
import { startSpawn } from './_signal-harness.ts';
import { sshCidrsOf, sshGroup } from './_ssh-groups.ts';

const moto = useMoto();

function io(): CliIo & { err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (b: Buffer) => {
    text += b.toString('utf8');
  });
  return {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    env: process.env,
    platform: 'linux',
    homedir: '/nonexistent',
    cwd: '/',
    now: () => new Date(),
    err: () => text,
  };
}

const answers = (ip: string) => ({ fetchText: async () => `${ip}\n` });

describe('spawn allow-ip (moto)', { timeout: 120_000 }, () => {
  it('replaces the old /32 in the spawn-created group with the current address; user groups and wider ranges untouched', async () => {
    const id = await createInstance({ name: 'moved' });
    const spawnGroup = await sshGroup('spawn-moved', ['198.51.100.1/32', '10.0.0.0/8'], id);
    const userGroup = await sshGroup('team-bastion', ['198.51.100.1/32']);
    const cli = io();
    const ctx = createCommandContext(cli, {}, new AbortController().signal);
    await allowIp(ctx, inputOf(allowIpCommand, { name: 'moved' }), answers('203.0.113.50'));
    expect(await sshCidrsOf(spawnGroup)).toEqual(['10.0.0.0/8', '203.0.113.50/32']);
    expect(await sshCidrsOf(userGroup)).toEqual(['198.51.100.1/32']);
    expect(cli.err()).toContain(`moved: SSH allowed from 203.0.113.50/32 (${spawnGroup})`);
    expect(cli.err()).toContain('removed the old rule for 198.51.100.1/32');

    // Idempotent: run again from the same address, nothing changes.
    await allowIp(ctx, inputOf(allowIpCommand, { name: 'moved' }), answers('203.0.113.50'));
    expect(await sshCidrsOf(spawnGroup)).toEqual(['10.0.0.0/8', '203.0.113.50/32']);
  });

  it('an instance whose SSH comes only from user-supplied groups: NOT_FOUND, nothing changed', async () => {
    const id = await createInstance({ name: 'byo-sg' });
    // Tagged spawn:parent but not created by spawn (no spawn:resource): still not ours to edit.
    const userGroup = await sshGroup('their-sg', ['198.51.100.1/32']);
    await tagResource('us-east-1', [userGroup], { 'spawn:parent': id });
    const ctx = createCommandContext(io(), {}, new AbortController().signal);
    await expect(
      allowIp(ctx, inputOf(allowIpCommand, { name: 'byo-sg' }), answers('203.0.113.50')),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('--security-group') });
    expect(await sshCidrsOf(userGroup)).toEqual(['198.51.100.1/32']);
  });

  it('through the built binary: --cidr ADDRESS works without the network; a range is a usage error', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'bin-box' });
    const group = await sshGroup('spawn-bin-box', ['198.51.100.1/32'], id);
    const ok = await runSpawnBin(moto, home.dir, ['allow-ip', 'bin-box', '--cidr', '203.0.113.9']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(await sshCidrsOf(group)).toEqual(['203.0.113.9/32']);
    const wide = await runSpawnBin(moto, home.dir, ['allow-ip', 'bin-box', '--cidr', '0.0.0.0/0']);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain('Invalid --cidr');
    expect(await sshCidrsOf(group)).toEqual(['203.0.113.9/32']);
  });

  // The rule change is two calls: authorize the new address, then revoke the old ones. A failure
  // between them must not pass silently: the user learns what changed and what did not. This runs
  // allow-ip through the fault proxy (`fault` on every revoke) and checks what holds in every case.
  async function revokeFails(name: string, fault: Fault, exitCode: number): Promise<string> {
    await using home = await tempHome();
    const id = await createInstance({ name });
    const group = await sshGroup(`spawn-${name}`, ['198.51.100.1/32'], id);
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RevokeSecurityGroupIngress' }, fault }],
    });
    const r = await runSpawnBin(moto, home.dir, ['allow-ip', name, '--cidr', '203.0.113.9'], {
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    expect(proxy.requests.map((q) => q.action)).toContain('AuthorizeSecurityGroupIngress');
    expect(proxy.requests.some((q) => q.action === 'RevokeSecurityGroupIngress' && q.fault)).toBe(true);
    expect(r.code, r.stderr).toBe(exitCode);
    expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/);
    // No rule lost: the new address is in, the old one could not be removed and is still there.
    expect(await sshCidrsOf(group)).toEqual(['198.51.100.1/32', '203.0.113.9/32']);
    return r.stderr.replaceAll(group, 'sg-GROUP');
  }

  it('the revoke refused after the authorize: exit 4, the new rule stays, the old one is named (fault proxy)', async () => {
    expect(await revokeFails('refused-box', faults.unauthorized(), 4)).toMatchInlineSnapshot(`
      "Error: SSH is now allowed from 203.0.113.9/32, but the old SSH rule for 198.51.100.1/32 in sg-GROUP could not be removed: Your AWS identity is not allowed to call RevokeSecurityGroupIngress in us-east-1 (UnauthorizedOperation): You are not authorized to perform this operation.
        That address can still connect. Ask an administrator to allow RevokeSecurityGroupIngress for your IAM identity, or use another --profile. Then run the same \`spawn allow-ip\` again, or remove the rule with: aws ec2 revoke-security-group-ingress --group-id sg-GROUP --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=198.51.100.1/32}]'
      "
    `);
  });

  it('the revoke dropped on every attempt after the authorize: exit 1, same report (fault proxy)', async () => {
    expect(await revokeFails('dropped-box', faults.close(), 1)).toMatchInlineSnapshot(`
      "Error: SSH is now allowed from 203.0.113.9/32, but the old SSH rule for 198.51.100.1/32 in sg-GROUP could not be removed: AWS did not answer in time (RevokeSecurityGroupIngress) in us-east-1.
        That address can still connect. Retry; if it keeps happening, check the network and AWS_ENDPOINT_URL, or allow more time with --timeout SECONDS. Then run the same \`spawn allow-ip\` again, or remove the rule with: aws ec2 revoke-security-group-ingress --group-id sg-GROUP --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=198.51.100.1/32}]'
      "
    `);
  });

  it('Ctrl-C while the revoke is on the wire: exit 130, and the message names the rule still there', async () => {
    const id = await createInstance({ name: 'sig-box' });
    const group = await sshGroup('spawn-sig-box', ['198.51.100.1/32'], id);
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'RevokeSecurityGroupIngress' }, fault: faults.hang() }],
    });
    const child = startSpawn(['allow-ip', 'sig-box', '--cidr', '203.0.113.9'], {
      ...moto.env,
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    await expect
      .poll(() => proxy.requests.some((q) => q.action === 'RevokeSecurityGroupIngress'), { timeout: 30_000 })
      .toBe(true);
    child.send('SIGINT');
    const r = await child.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain(
      `SSH is now allowed from 203.0.113.9/32, but the old SSH rule for 198.51.100.1/32 in ${group} could not be removed`,
    );
    expect(await sshCidrsOf(group)).toEqual(['198.51.100.1/32', '203.0.113.9/32']);
  });
});
