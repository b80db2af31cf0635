/**
 * Exactly the EC2 actions spawnd calls with its instance role. The launch builds the
 * least-privilege policy from this list (restricting the mutating ones to the instance itself).
 * spawnd also tries ec2:DeleteTags to pause/resume the TTL like `spawn stop`/`spawn start`; until
 * launch/spawnd-policy.json grants it, it falls back to blanking the tag (see own-ttl-tags.ts),
 * so it is not listed here yet (the policy drift check would reject the launch).
 */
export const SPAWND_IAM_ACTIONS: readonly string[] = Object.freeze([
  'ec2:DescribeTags',
  'ec2:CreateTags',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
]);
