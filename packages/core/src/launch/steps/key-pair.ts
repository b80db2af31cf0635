import { createHash } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { TAG } from '../../tags.ts';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, isAwsName, launchIdOf, type StepContext } from '../context.ts';
import { findOrCreateSshKey } from '../local-ssh-key.ts';

const FINGERPRINT_TAG = TAG.fingerprint;

/** EC2 key pair name derived from the key's fingerprint: one import per key, reused afterwards. */
export function keyPairName(fingerprint: string): string {
  return `spawn-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 16)}`;
}

/**
 * Lookup (read-only): the local key, without creating it, and whether its EC2 key pair was already
 * imported. A missing local key is only created after the user confirmed (see {@link ensureKeyPair}).
 */
export async function findKeyPair(ctx: StepContext): Promise<string> {
  const { environment: env } = ctx;
  const local = await findOrCreateSshKey({
    homedir: env.homedir,
    platform: env.platform,
    keyPath: ctx.spec.keyPath,
    dryRun: true,
  });
  ctx.state.localKey = local;
  ctx.state.keyPath = local.privatePath;
  if (local.modeFixed) {
    ctx.state.warnings.push(
      `${local.privatePath} was readable by others; spawn ${env.dryRun ? 'would set' : 'sets'} it to 0600 (ssh refuses it otherwise).`,
    );
  }
  if (local.created) return `SSH key ${local.privatePath} will be created`;
  const name = keyPairName(local.fingerprint);
  ctx.state.keyName = name;
  const existing = await awsCall(ctx, 'DescribeKeyPairs', (o) =>
    ctx.clients.ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] }), o),
  );
  ctx.state.keyPairExists = (existing.KeyPairs ?? []).length > 0;
  return `SSH key ${local.privatePath}, key pair ${name} (${ctx.state.keyPairExists ? 'reused' : 'to import'})`;
}

/** Creates the local key (0600) if the lookup found none, and imports it once per fingerprint. */
export async function ensureKeyPair(ctx: StepContext): Promise<string> {
  const { environment: env, state } = ctx;
  let local = state.localKey;
  if (!local) {
    await findKeyPair(ctx);
    local = state.localKey;
  }
  if (!local) throw new Error('key lookup did not run');
  let localNote = local.privatePath;
  if (local.created) {
    if (!env.dryRun) {
      local = await findOrCreateSshKey({
        homedir: env.homedir,
        platform: env.platform,
        keyPath: ctx.spec.keyPath,
        env: env.env,
        runCommand: env.runCommand,
      });
    }
    localNote = `${env.dryRun ? 'would create' : 'created'} ${local.privatePath}`;
  }
  if (local.modeFixed && !env.dryRun) await chmod(local.privatePath, 0o600);
  state.keyPath = local.privatePath;
  const name = keyPairName(local.fingerprint);
  state.keyName = name;
  if (state.keyPairExists && !local.created) return `SSH key ${localNote}, key pair ${name} (reused)`;
  const input = {
    KeyName: name,
    PublicKeyMaterial: Buffer.from(local.publicLine),
    TagSpecifications: [
      {
        ResourceType: 'key-pair' as const,
        Tags: [
          ...buildResourceTags('key-pair', name, launchIdOf(ctx)),
          { Key: FINGERPRINT_TAG, Value: local.fingerprint },
        ],
      },
    ],
  };
  if (env.dryRun) {
    await dryRunCheck(ctx, 'ImportKeyPair', (o) =>
      ctx.clients.ec2.send(new ImportKeyPairCommand({ ...input, DryRun: true }), o),
    );
    state.notes.push(`would import key pair ${name}`);
    state.missing = [...(state.missing ?? []), 'key'];
    return `SSH key ${localNote}, key pair ${name} (would import)`;
  }
  const out = await awsCall(ctx, 'ImportKeyPair', (o) =>
    ctx.clients.ec2.send(new ImportKeyPairCommand(input), o),
  ).catch((error: unknown) => {
    // Same key imported by a concurrent launch sharing this HOME (the name is the fingerprint's):
    // the same public key, so use it; it is theirs, not ours to delete.
    if (isAwsName(error, 'InvalidKeyPair.Duplicate')) return undefined;
    throw error;
  });
  if (!out) return `SSH key ${localNote}, key pair ${name} (reused)`;
  const id = out.KeyPairId ?? name;
  ctx.created.add({
    kind: 'key pair',
    id: name,
    tag: (instanceId) =>
      awsCall(ctx, 'CreateTags', (o) =>
        ctx.clients.ec2.send(
          new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.parent, Value: instanceId }] }),
          o,
        ),
      ).then(() => undefined),
    remove: (signal) =>
      awsCall(
        ctx,
        'DeleteKeyPair',
        (o) => ctx.clients.ec2.send(new DeleteKeyPairCommand({ KeyName: name }), o),
        { signal },
      ).then(() => undefined),
  });
  return `SSH key ${localNote}, key pair ${name} (imported)`;
}
