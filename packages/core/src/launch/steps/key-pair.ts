import { createHash } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { DeleteKeyPairCommand, DescribeKeyPairsCommand, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { TAG } from '../../tags.ts';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, launchIdOf, type StepContext } from '../context.ts';
import type { PreparedKey } from '../launch-result.ts';
import { findOrCreateSshKey, type LocalSshKey } from '../local-ssh-key.ts';
import type { KeyPlan } from '../plan.ts';
import type { Done } from '../step.ts';
import { findExistingKeyPair } from './existing-key-pair.ts';
import { parentTag } from './parent-tag.ts';

const FINGERPRINT_TAG = TAG.fingerprint;

/** EC2 key pair name derived from the key's fingerprint: one import per key, reused afterwards. */
export function keyPairName(fingerprint: string): string {
  return `spawn-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 16)}`;
}

/**
 * Lookup (read-only): the local key, without creating it, and whether its EC2 key pair was already
 * imported. A missing local key is only created after the user confirmed (see {@link ensureKeyPair}).
 */
export async function findKeyPair(
  ctx: StepContext,
): Promise<Done<{ plan: KeyPlan; warnings: readonly string[] }>> {
  const { environment: env } = ctx;
  if (ctx.spec.keyPairName) return findExistingKeyPair(ctx, ctx.spec.keyPairName);
  const local = await findOrCreateSshKey({
    homedir: env.homedir,
    platform: env.platform,
    keyPath: ctx.spec.keyPath,
    dryRun: true,
  });
  const warnings = local.modeFixed
    ? [
        `${local.privatePath} was readable by others; spawn ${env.dryRun ? 'would set' : 'sets'} it to 0600 (ssh refuses it otherwise).`,
      ]
    : [];
  if (local.created) {
    return {
      line: `SSH key ${local.privatePath} will be created`,
      value: { plan: { kind: 'create', local }, warnings },
    };
  }
  const name = keyPairName(local.fingerprint);
  const existing = await awsCall(ctx, 'DescribeKeyPairs', (o) =>
    ctx.clients.ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] }), o),
  );
  const kind = (existing.KeyPairs ?? []).length > 0 ? 'reuse' : 'import';
  return {
    line: `SSH key ${local.privatePath}, key pair ${name} (${kind === 'reuse' ? 'reused' : 'to import'})`,
    value: { plan: { kind, name, local }, warnings },
  };
}

/** Creates the local key (0600) if the lookup found none, and imports it once per fingerprint. */
export async function ensureKeyPair(ctx: StepContext, plan: KeyPlan): Promise<Done<PreparedKey>> {
  const { environment: env } = ctx;
  if (plan.kind === 'existing') {
    return {
      line: `SSH key pair ${plan.name} (--key-pair, yours), private key ${plan.local.privatePath}`,
      value: { name: plan.name, local: plan.local, exists: true, external: true },
    };
  }
  let local = plan.local;
  let localNote = local.privatePath;
  if (plan.kind === 'create') {
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
  const name = keyPairName(local.fingerprint);
  if (plan.kind === 'reuse') {
    return { line: `SSH key ${localNote}, key pair ${name} (reused)`, value: { name, local, exists: true } };
  }
  return importKeyPair(ctx, local, localNote);
}

/**
 * Imports the local key as this launch's key pair (journalled: its own), tagged at birth. Lost
 * to a concurrent launch sharing this HOME: theirs, the same public key, so it is used as is.
 */
export async function importKeyPair(
  ctx: StepContext,
  local: LocalSshKey,
  localNote: string,
): Promise<Done<PreparedKey>> {
  const name = keyPairName(local.fingerprint);
  const input = {
    KeyName: name,
    PublicKeyMaterial: Buffer.from(local.publicLine),
    TagSpecifications: [
      {
        ResourceType: 'key-pair' as const,
        Tags: [
          ...buildResourceTags('key-pair', name, launchIdOf(ctx)),
          { Key: FINGERPRINT_TAG, Value: local.fingerprint },
          ...(ctx.spec.userTags ?? []),
        ],
      },
    ],
  };
  if (ctx.environment.dryRun) {
    await dryRunCheck(ctx, 'ImportKeyPair', (o) =>
      ctx.clients.ec2.send(new ImportKeyPairCommand({ ...input, DryRun: true }), o),
    );
    ctx.notes.push(`would import key pair ${name}`);
    return {
      line: `SSH key ${localNote}, key pair ${name} (would import)`,
      value: { name, local, exists: false },
    };
  }
  const out = await awsCall(ctx, 'ImportKeyPair', (o) =>
    ctx.clients.ec2.send(new ImportKeyPairCommand(input), o),
  ).catch((error: unknown) => {
    // Same key imported by a concurrent launch sharing this HOME (the name is the fingerprint's):
    // the same public key, so use it; it is theirs, not ours to delete.
    if (isAwsError(error, 'InvalidKeyPair.Duplicate')) return undefined;
    throw error;
  });
  const value = { name, local, exists: true };
  if (!out) return { line: `SSH key ${localNote}, key pair ${name} (reused)`, value };
  const id = out.KeyPairId ?? name;
  ctx.created.add({
    kind: 'key pair',
    id: name,
    tag: parentTag(ctx, id),
    remove: (signal) =>
      awsCall(
        ctx,
        'DeleteKeyPair',
        (o) => ctx.clients.ec2.send(new DeleteKeyPairCommand({ KeyName: name }), o),
        { signal },
      ).then(() => undefined),
  });
  return { line: `SSH key ${localNote}, key pair ${name} (imported)`, value };
}
