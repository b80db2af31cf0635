import { describe, expect, it } from 'vitest';
import { SPAWND_IAM_ACTIONS } from '../agent/iam-actions.ts';
import { ec2TrustPolicy, spawndPolicyDocument } from './spawnd-policy.ts';

describe('spawnd policy', () => {
  const doc = spawndPolicyDocument();
  it('grants exactly the actions spawnd calls', () => {
    expect(new Set(doc.Statement.flatMap((s) => s.Action))).toEqual(new Set(SPAWND_IAM_ACTIONS));
  });
  it.each(['ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:CreateTags', 'ec2:DeleteTags'])(
    '%s only on the calling instance',
    (action) => {
      const statement = doc.Statement.find((s) => s.Action.includes(action));
      expect(statement?.Resource).toBe('arn:aws:ec2:*:*:instance/*');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
      expect(statement?.Condition?.StringEquals).toMatchObject({ 'aws:ARN': '${ec2:SourceInstanceARN}' });
    },
  );
  it.each(['ec2:CreateTags', 'ec2:DeleteTags'])('%s only for spawn:* tag keys', (action) => {
    const tagging = doc.Statement.find((s) => s.Action.includes(action));
    expect(tagging?.Condition?.['ForAllValues:StringLike']).toEqual({ 'aws:TagKeys': ['spawn:*'] });
  });
  it('uses the partition asked for', () => {
    expect(spawndPolicyDocument('aws-cn').Statement[1]?.Resource).toBe('arn:aws-cn:ec2:*:*:instance/*');
  });
  it('trusts only EC2', () => {
    expect(JSON.parse(ec2TrustPolicy())).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });
});
