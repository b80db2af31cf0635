import { createHash } from 'node:crypto';
import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { TAG } from '../../tags.ts';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, type StepContext } from '../context.ts';
import { findOrCreateSshKey } from '../local-ssh-key.ts';

const FINGERPRINT_TAG = TAG.fingerprint;

/** EC2 key pair name derived from the key's fingerprint: one import per key, reused afterwards. */
export function keyPairName(fingerprint: string): string {
  return `spawn-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 16)}`;
}

/** Local SSH key (reused or created 0600) and its EC2 key pair (imported once per fingerprint). */
export async function ensureKeyPair(ctx: StepContext): Promise<string> {
  const { environment: env } = ctx;
  const local = await findOrCreateSshKey({
    homedir: env.homedir,
    platform: env.platform,
    keyPath: ctx.spec.keyPath,
    dryRun: env.dryRun,
    env: env.env,
    runCommand: env.runCommand,
  });
  ctx.state.keyPath = local.privatePath;
  const name = keyPairName(local.fingerprint);
  ctx.state.keyName = name;
  const localNote = local.created
    ? `${env.dryRun ? 'would create' : 'created'} ${local.privatePath}`
    : local.privatePath;
  const existing = await awsCall(ctx, 'DescribeKeyPairs', () =>
    ctx.clients.ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] })),
  );
  if ((existing.KeyPairs ?? []).length > 0) return `SSH key ${localNote}, key pair ${name} (reused)`;
  const input = {
    KeyName: name,
    PublicKeyMaterial: Buffer.from(local.publicLine),
    TagSpecifications: [
      {
        ResourceType: 'key-pair' as const,
        Tags: [...buildResourceTags('key-pair', name), { Key: FINGERPRINT_TAG, Value: local.fingerprint }],
      },
    ],
  };
  if (env.dryRun) {
    await dryRunCheck(ctx, 'ImportKeyPair', () =>
      ctx.clients.ec2.send(new ImportKeyPairCommand({ ...input, DryRun: true })),
    );
    ctx.state.notes.push(`would import key pair ${name}`);
    ctx.state.missing = [...(ctx.state.missing ?? []), 'key'];
    return `SSH key ${localNote}, key pair ${name} (would import)`;
  }
  const out = await awsCall(ctx, 'ImportKeyPair', () =>
    ctx.clients.ec2.send(new ImportKeyPairCommand(input)),
  );
  const id = out.KeyPairId ?? name;
  ctx.created.add({
    kind: 'key pair',
    id: name,
    tag: (instanceId) =>
      awsCall(ctx, 'CreateTags', () =>
        ctx.clients.ec2.send(
          new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.parent, Value: instanceId }] }),
        ),
      ).then(() => undefined),
    remove: () =>
      awsCall(ctx, 'DeleteKeyPair', () =>
        ctx.clients.ec2.send(new DeleteKeyPairCommand({ KeyName: name })),
      ).then(() => undefined),
  });
  return `SSH key ${localNote}, key pair ${name} (imported)`;
}
