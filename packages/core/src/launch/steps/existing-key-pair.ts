import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { KeyPlan } from '../plan.ts';
import { publicBlobOfPrivateKey } from '../private-key-blob.ts';
import type { Done } from '../step.ts';

/**
 * `--key-pair NAME`: the user's existing EC2 key pair, used as is (nothing imported or created),
 * with its private key from `--key`, else `~/.ssh/NAME.pem` or `~/.ssh/NAME`. A missing key pair
 * is exit 8; a private key spawn cannot find is a usage error: an instance nobody can log in to
 * is not launched.
 */
export async function findExistingKeyPair(
  ctx: StepContext,
  name: string,
): Promise<Done<{ plan: KeyPlan; warnings: readonly string[] }>> {
  const { spec } = ctx;
  const out = await awsCall(ctx, 'DescribeKeyPairs', (o) =>
    ctx.clients.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name], IncludePublicKey: true }), o),
  ).catch((error: unknown) => {
    if (isAwsError(error, 'InvalidKeyPair.NotFound')) return undefined;
    throw error;
  });
  const pair = out?.KeyPairs?.find((k) => k.KeyName === name);
  if (!pair) {
    throw new UserError('LAUNCH_RESOURCE_NOT_FOUND', `Key pair "${name}" does not exist in ${spec.region}.`, {
      hint: `Key pairs are per region: check the name and --region (\`aws ec2 describe-key-pairs --region ${spec.region}\`), or omit --key-pair to let spawn import your SSH key. Nothing was created.`,
    });
  }
  const privatePath = await privateKeyOf(ctx, name);
  await checkKeyMatches(privatePath, name, pair.PublicKey);
  const local = { privatePath, publicLine: '', fingerprint: '', created: false };
  return {
    line: `SSH key pair ${name} (--key-pair, yours), private key ${privatePath}`,
    value: { plan: { kind: 'existing', name, local }, warnings: [] },
  };
}

/**
 * The private key must be the key pair's, or nobody could log in: compared by public key when EC2
 * returns it and the file tells it (an encrypted PEM cannot; then it is taken on trust).
 */
async function checkKeyMatches(path: string, name: string, publicKey: string | undefined): Promise<void> {
  const theirs = publicKey?.trim().split(/\s+/)[1];
  if (!theirs) return;
  const ours = publicBlobOfPrivateKey(await readFile(path, 'utf8').catch(() => ''));
  if (ours && ours !== theirs) {
    throw new UserError('USAGE', `The private key ${path} is not the key of key pair "${name}".`, {
      hint: `Pass key pair ${name}'s private key with --key PATH (an instance launched with another key cannot be logged in to). Nothing was created.`,
    });
  }
}

async function privateKeyOf(ctx: StepContext, name: string): Promise<string> {
  const { spec, environment: env } = ctx;
  const candidates = spec.keyPath
    ? [spec.keyPath]
    : [`${name}.pem`, name].map((file) => join(env.homedir, '.ssh', file));
  for (const path of candidates) {
    const found = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (found) return path;
  }
  throw new UserError(
    'USAGE',
    spec.keyPath
      ? `No private key at ${spec.keyPath} (--key) for key pair "${name}".`
      : `No private key found for key pair "${name}" (looked for ${candidates.join(' and ')}).`,
    {
      hint: `Pass the private key of key pair ${name} with --key PATH: spawn connect uses it. Nothing was created.`,
    },
  );
}
