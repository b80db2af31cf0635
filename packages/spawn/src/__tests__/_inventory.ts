import { createAwsContext } from '@truffle-spawn/core/aws';
import { describeLaunchInventory, type LaunchInventory } from '@truffle-spawn/core/launch';

/** What exists in moto (us-east-1) right now, through core's own clients. */
export async function inventory(): Promise<LaunchInventory> {
  const aws = await createAwsContext({ env: process.env });
  return describeLaunchInventory(aws.ec2('us-east-1'), aws.iam());
}

/** A tag list as a plain object. */
export function tagMap(
  tags: { Key?: string; Value?: string }[] | undefined,
): Record<string, string | undefined> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
}
