import { PassThrough } from 'node:stream';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { allowIp as allowIpCommand } from '../command-table.ts';
import { run as allowIp } from '../commands/allow-ip.ts';
import { inputOf } from './_command-input.ts';
import { createInstance, runSpawnBin, tagResource, tempHome } from './_lifecycle-fixtures.ts';
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
});
