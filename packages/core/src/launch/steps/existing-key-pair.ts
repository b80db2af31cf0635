import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeKeyPairsCommand } from '@aws-sdk/client-ec2';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { KeyPlan } from '../plan.ts';
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
    ctx.clients.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name] }), o),
  ).catch((error: unknown) => {
    if (isAwsError(error, 'InvalidKeyPair.NotFound')) return undefined;
    throw error;
  });
  if (!out?.KeyPairs?.some((k) => k.KeyName === name)) {
    throw new UserError('LAUNCH_RESOURCE_NOT_FOUND', `Key pair "${name}" does not exist in ${spec.region}.`, {
      hint: `Key pairs are per region: check the name and --region (\`aws ec2 describe-key-pairs --region ${spec.region}\`), or omit --key-pair to let spawn import your SSH key. Nothing was created.`,
    });
  }
  const privatePath = await privateKeyOf(ctx, name);
  const local = { privatePath, publicLine: '', fingerprint: '', created: false };
  return {
    line: `SSH key pair ${name} (--key-pair, yours), private key ${privatePath}`,
    value: { plan: { kind: 'existing', name, local }, warnings: [] },
  };
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
