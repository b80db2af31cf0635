import { SPAWND_IAM_ACTIONS } from '../agent/iam-actions.ts';
import policy from './spawnd-policy.json' with { type: 'json' };

/** Names of the role and instance profile spawn creates once per account and reuses. */
export const SPAWND_ROLE_NAME = 'spawnd-agent';
export const SPAWND_POLICY_NAME = 'spawnd-own-instance';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * The tag keys spawnd writes on itself: its heartbeat, the TTL it extends, pauses and resumes, and
 * a `spawn run` job's state (never what to do about it: `spawn:on-complete` is not writable).
 */
export const SPAWND_WRITABLE_TAGS = [
  'spawn:status',
  'spawn:expires-at',
  'spawn:ttl-remaining',
  'spawn:job',
  'spawn:job-exit',
  'spawn:job-started-at',
  'spawn:job-ended-at',
] as const;

/**
 * spawnd's least-privilege policy, from the one reviewed file `spawnd-policy.json`: read tags,
 * and stop/terminate/tag the calling instance itself. "Itself" is guarded twice in every mutating
 * statement: `aws:ARN` = `${ec2:SourceInstanceARN}` (an undocumented idiom) AND the documented
 * `ec2:InstanceProfile` = the spawnd profile plus `spawn:managed=true`, so if the idiom ever stopped
 * matching, the role could still touch only spawn's instances. Tag writes are limited to
 * `SPAWND_WRITABLE_TAGS`: never `spawn:user` (ssh's argv), `spawn:managed` or the actions. Throws
 * when the file and spawnd's action list drift apart, so a new agent call cannot ship unreviewed.
 */
export function spawndPolicyDocument(partition = 'aws', o: { profileArn?: string } = {}): PolicyDocument {
  const doc = structuredClone(policy) as PolicyDocument;
  const granted = new Set(doc.Statement.flatMap((s) => s.Action));
  const needed = new Set(SPAWND_IAM_ACTIONS);
  const missing = [...needed].filter((a) => !granted.has(a));
  const extra = [...granted].filter((a) => !needed.has(a));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `spawnd-policy.json drifted from SPAWND_IAM_ACTIONS (missing ${missing}, extra ${extra})`,
    );
  }
  for (const s of doc.Statement) {
    if (typeof s.Resource === 'string') s.Resource = s.Resource.replace(/^arn:aws:/, `arn:${partition}:`);
    const profile = s.Condition?.ArnLike?.['ec2:InstanceProfile'];
    if (typeof profile === 'string' && s.Condition?.ArnLike)
      // `--iam-instance-profile`: "itself" is then an instance launched with the user's profile.
      s.Condition.ArnLike['ec2:InstanceProfile'] =
        o.profileArn ??
        profile.replace(/^arn:aws:/, `arn:${partition}:`).replace(/\/spawnd-agent$/, `/${SPAWND_ROLE_NAME}`);
  }
  return doc;
}

/** Trust policy (JSON text): only EC2 may assume the role. */
export function ec2TrustPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
}
