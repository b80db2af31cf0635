import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { SPAWND_IAM_ACTIONS } from '../agent/iam-actions.ts';
import { TAG } from '../tags.ts';
import { ec2TrustPolicy, SPAWND_WRITABLE_TAGS, spawndPolicyDocument } from './spawnd-policy.ts';

useMoto();

const MUTATING = ['ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:CreateTags', 'ec2:DeleteTags'];

describe('spawnd policy', () => {
  const doc = spawndPolicyDocument();
  const statementFor = (action: string) => doc.Statement.find((s) => s.Action.includes(action));

  it('grants exactly the actions spawnd calls', () => {
    expect(new Set(doc.Statement.flatMap((s) => s.Action))).toEqual(new Set(SPAWND_IAM_ACTIONS));
  });

  it.each(MUTATING)('%s only on the calling instance, guarded twice', (action) => {
    const statement = statementFor(action);
    expect(statement?.Resource).toBe('arn:aws:ec2:*:*:instance/*');
    // The undocumented idiom, kept...
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    expect(statement?.Condition?.StringEquals).toMatchObject({ 'aws:ARN': '${ec2:SourceInstanceARN}' });
    // ...and, in the same statement (all conditions must hold), documented keys that still limit
    // the role to spawn's own instances if the idiom ever stopped matching.
    expect(statement?.Condition?.StringEquals).toMatchObject({ 'aws:ResourceTag/spawn:managed': 'true' });
    expect(statement?.Condition?.ArnLike).toEqual({
      'ec2:InstanceProfile': 'arn:aws:iam::*:instance-profile/spawnd-agent',
    });
  });

  // Decision (issue 12): a compromised instance must not redirect `spawn connect` (spawn:user),
  // un-manage itself (spawn:managed) or change its actions. spawnd writes only its heartbeat and the
  // TTL keys: `spawnd extend` and the resume after a console start must move spawn:expires-at, and
  // the pause writes spawn:ttl-remaining. Moving its own deadline stays possible for root on the
  // instance, by design of `spawnd extend`; the cloud schedule (which the role cannot touch) still
  // ends it at the deadline spawn set or last moved.
  // Issue 16 adds the job's state (spawnd reads the runner's files and reports them), never
  // spawn:on-complete or spawn:complete-delay: what ends the instance stays the launcher's.
  it('tag writes: only the heartbeat, the TTL keys and the job state', () => {
    const keys = [
      TAG.status,
      TAG.expiresAt,
      TAG.ttlRemaining,
      TAG.job,
      TAG.jobExit,
      TAG.jobStartedAt,
      TAG.jobEndedAt,
    ];
    expect(SPAWND_WRITABLE_TAGS).toEqual(keys);
    expect(statementFor('ec2:CreateTags')?.Condition?.['ForAllValues:StringEquals']).toEqual({
      'aws:TagKeys': keys,
    });
    expect(statementFor('ec2:DeleteTags')?.Condition?.['ForAllValues:StringEquals']).toEqual({
      'aws:TagKeys': [TAG.expiresAt, TAG.ttlRemaining],
    });
    const writable = JSON.stringify([statementFor('ec2:CreateTags'), statementFor('ec2:DeleteTags')]);
    for (const key of [
      TAG.user,
      TAG.managed,
      TAG.onExpire,
      TAG.onIdle,
      TAG.idleTimeout,
      TAG.onComplete,
      TAG.completeDelay,
      'spawn:*',
    ])
      expect(writable).not.toContain(`"${key}"`);
  });

  // ForAllValues holds for an empty set, and DeleteTags without keys deletes every tag.
  it.each(['ec2:CreateTags', 'ec2:DeleteTags'])('%s must name its keys', (action) => {
    expect(statementFor(action)?.Condition?.Null).toEqual({ 'aws:TagKeys': 'false' });
  });

  it('uses the partition asked for', () => {
    const cn = spawndPolicyDocument('aws-cn');
    expect(cn.Statement[1]?.Resource).toBe('arn:aws-cn:ec2:*:*:instance/*');
    expect(cn.Statement[1]?.Condition?.ArnLike?.['ec2:InstanceProfile']).toBe(
      'arn:aws-cn:iam::*:instance-profile/spawnd-agent',
    );
  });

  it("is a document IAM accepts (moto's policy validator)", async () => {
    const out = await new IAMClient({ region: 'us-east-1' }).send(
      new CreatePolicyCommand({ PolicyName: 'spawnd-check', PolicyDocument: JSON.stringify(doc) }),
    );
    expect(out.Policy?.Arn).toMatch(/:policy\/spawnd-check$/);
  });

  it('trusts only EC2', () => {
    expect(JSON.parse(ec2TrustPolicy())).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });
});
