import { posix, win32 } from 'node:path';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import type { LaunchedInstance, LaunchPlan } from '@truffle-spawn/core/launch';
import { recordKey, writeSshHostEntry } from '@truffle-spawn/core/lifecycle';

/**
 * After a launch: the key index learns which private key the key pair belongs to (so `spawn
 * connect` uses it), and unless `--no-ssh-config`, `~/.ssh/config.d/spawn` gets `Host NAME` (so
 * `ssh NAME` works). Both are conveniences: a failure is a warning, never a failed launch.
 */
export async function recordLaunchLocally(
  ctx: CommandContext,
  plan: LaunchPlan,
  instance: LaunchedInstance,
  o: { sshConfig: boolean },
): Promise<void> {
  const location = { homedir: ctx.io.homedir, platform: ctx.io.platform, env: ctx.io.env };
  // `--key k/myrsa` was relative to where launch ran; connect and ssh run from anywhere.
  const keyPath = (ctx.io.platform === 'win32' ? win32 : posix).resolve(ctx.io.cwd, instance.keyPath);
  await recordKey(location, {
    keyPairName: instance.keyName,
    fingerprint: instance.keyFingerprint,
    privatePath: keyPath,
  }).catch((error: unknown) =>
    ctx.output.warn(`Could not record the key in spawn's key index: ${(error as Error).message}`),
  );
  if (!o.sshConfig || !instance.publicIp) return;
  const result = await writeSshHostEntry({
    ...location,
    entry: {
      name: plan.spec.name,
      instanceId: instance.instanceId,
      region: plan.spec.region,
      hostName: instance.publicIp,
      user: plan.spec.user,
      identityFile: keyPath,
    },
  }).catch((error: unknown) => {
    ctx.output.warn(`Could not write ~/.ssh/config.d/spawn: ${(error as Error).message}`);
    return undefined;
  });
  if (result?.kind === 'refused') {
    ctx.output.warn(`No \`ssh ${plan.spec.name}\` entry: ${result.reason}. Use \`spawn connect\`.`);
  } else if (result?.kind === 'written') {
    ctx.output.info(`  \`ssh ${plan.spec.name}\` works too (entry in ${result.spawnFile})`);
    if (result.backup)
      ctx.output.info(`  Added \`Include config.d/spawn\` to ~/.ssh/config (backup: ${result.backup})`);
    else if (result.includeAdded) ctx.output.info('  Created ~/.ssh/config with `Include config.d/spawn`');
    if (result.includeRemovedByUser)
      ctx.output.info(
        `  ~/.ssh/config no longer includes config.d/spawn: add \`Include config.d/spawn\` at its top for \`ssh ${plan.spec.name}\``,
      );
  }
}
