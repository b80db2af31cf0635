/**
 * Exactly the EC2 actions spawnd calls with its instance role. The launch builds the
 * least-privilege policy from this list (restricting the mutating ones to the instance itself).
 */
export const SPAWND_IAM_ACTIONS: readonly string[] = Object.freeze([
  'ec2:DescribeTags',
  'ec2:CreateTags',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
]);
