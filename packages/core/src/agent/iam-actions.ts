/**
 * Exactly the EC2 actions spawnd calls with its instance role. The launch builds the
 * least-privilege policy from this list (restricting the mutating ones to the instance itself, and
 * tag writes to `spawn:*` keys). ec2:DeleteTags pauses/resumes the TTL like `spawn stop`/`spawn
 * start`; roles made by older launches lack it, and spawnd then blanks the tag instead (see
 * own-ttl-tags.ts).
 */
export const SPAWND_IAM_ACTIONS: readonly string[] = Object.freeze([
  'ec2:DescribeTags',
  'ec2:CreateTags',
  'ec2:DeleteTags',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
]);
