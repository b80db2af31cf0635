import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  buildSshInvocation,
  describeKeyPairFingerprint,
  locateInstance,
  refreshSshHostEntry,
  resolveConnectKey,
  SshExitError,
} from '@truffle-spawn/core/lifecycle';
import type { ConnectInput } from '../command-table.ts';
import { checkSshRule, type IpCheckDeps } from '../connect/check-ssh-rule.ts';
import { checkIpFetcher } from '../launch/ssh-cidr.ts';

/** Runs a program with the terminal handed over (inherited stdio) and resolves with its exit status. */
export type SshRunner = (command: string, args: string[]) => Promise<number>;

const runInherited: SshRunner = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    // A signal-killed ssh reports like a shell would: 128 + signal number (130 for Ctrl-C).
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });

export interface ConnectDeps extends Partial<IpCheckDeps> {
  runSsh: SshRunner;
  exists: (path: string) => boolean;
}

/**
 * `spawn connect <name>`: ssh with the key the launch used, its user and address, `--port`
 * forwards and the remote command after `--`; ssh's exit status becomes ours. First it checks the
 * SSH rule still admits the caller's address (offers `allow-ip` when it does not).
 */
export async function run(
  ctx: CommandContext,
  { name, sshArgs, key, port }: ConnectInput,
  deps: ConnectDeps = { runSsh: runInherited, exists: existsSync },
): Promise<void> {
  const aws = await ctx.aws(['ec2']);
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const ec2 = aws.ec2(instance.region);
  const base = {
    instance,
    platform: ctx.io.platform,
    homedir: ctx.io.homedir,
    exists: deps.exists,
    extraArgs: sshArgs,
    portForwards: port,
  };
  // State, user tag and address are checked before the key: a stopped instance says "start it".
  const probe = buildSshInvocation({ ...base, keyPath: key });
  if (probe.kind === 'ssm') {
    ctx.output.warn(`${instance.name} has no public address; ssh cannot reach it directly.`);
    ctx.output.info(`Connect through AWS Systems Manager Session Manager instead:\n  ${probe.command}`);
    return;
  }
  const resolved = await resolveConnectKey({
    instance,
    location: { homedir: ctx.io.homedir, platform: ctx.io.platform, env: ctx.io.env },
    keyPath: key,
    exists: deps.exists,
    keyPairFingerprint: (keyName) => describeKeyPairFingerprint(ec2, keyName),
  });
  const plan = resolved.kind === 'path' ? buildSshInvocation({ ...base, keyPath: resolved.path }) : probe;
  if (plan.kind !== 'ssh') return; // the probe's answer for the same instance: never reached
  // Started elsewhere (--no-wait, the console): `ssh NAME` follows the address too.
  if (instance.publicIp) {
    await refreshSshHostEntry({
      homedir: ctx.io.homedir,
      platform: ctx.io.platform,
      instanceId: instance.instanceId,
      hostName: instance.publicIp,
    }).catch(() => false);
  }
  if (!plan.keyFound)
    ctx.output.warn(`No key at ${plan.keyPath}; ssh will try its defaults. Pass --key PATH.`);
  await checkSshRule(ctx, instance, ec2, {
    fetchText: deps.fetchText ?? checkIpFetcher(ctx.io.env),
    confirm: deps.confirm,
  });
  for (const f of port)
    ctx.output.info(`Forwarding http://localhost:${f.local} to port ${f.remote} on ${instance.name}`);
  ctx.output.info(ctx.output.style('dim', `${plan.command} ${plan.args.join(' ')}`));
  const status = await deps.runSsh(plan.command, plan.args).catch((error: unknown) => {
    throw new UserError('NOT_FOUND', `Could not run ${plan.command}: ${(error as Error).message}`, {
      cause: error,
      hint:
        ctx.io.platform === 'win32'
          ? 'Install the OpenSSH Client (Settings > System > Optional features), then retry.'
          : 'Install an OpenSSH client (e.g. openssh-client), then retry.',
    });
  });
  if (status !== 0) throw new SshExitError(status, instance.publicDns ?? instance.publicIp ?? instance.name);
}
