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
 * spawnd's least-privilege policy, from the one reviewed file `spawnd-policy.json`: read tags,
 * and stop/terminate/tag (with `spawn:*` keys only) the calling instance itself. Throws when the
 * file and spawnd's action list drift apart, so a new agent call cannot ship unreviewed.
 */
export function spawndPolicyDocument(partition = 'aws'): PolicyDocument {
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
