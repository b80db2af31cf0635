import { createAwsContext } from '@truffle-spawn/core/aws';
import { describeLaunchInventory, type LaunchInventory } from '@truffle-spawn/core/launch';
import { deleteDefaultVpc as deleteVpc } from '../../../core/src/launch/_delete-default-vpc.ts';

/**
 * What exists in moto (us-east-1) right now, through core's own clients. moto now and then
 * answers a request with an HTML 500 (it failed to tell the service): read once more then.
 */
export async function inventory(): Promise<LaunchInventory> {
  const aws = await createAwsContext({ env: process.env });
  const read = () => describeLaunchInventory(aws.ec2('us-east-1'), aws.iam());
  return read().catch((error: unknown) => {
    if (!/not an AWS response/.test(String((error as Error).message))) throw error;
    return read();
  });
}

/** Makes moto's us-east-1 look like an account without a default VPC. */
export async function deleteDefaultVpc(): Promise<string> {
  const aws = await createAwsContext({ env: process.env });
  return deleteVpc(aws.ec2('us-east-1'));
}

/** A tag list as a plain object. */
export function tagMap(
  tags: { Key?: string; Value?: string }[] | undefined,
): Record<string, string | undefined> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
}
