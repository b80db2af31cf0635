import { TAG } from '../tags.ts';
import { SCHEDULE_GROUP } from './names.ts';

/**
 * Who may assume the scheduler role: EventBridge Scheduler only, acting for a schedule of this
 * account in spawn's group (the documented confused-deputy guard).
 */
export function schedulerTrustPolicy(o: { partition: string; accountId: string }): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': o.accountId },
          ArnLike: {
            'aws:SourceArn': `arn:${o.partition}:scheduler:*:${o.accountId}:schedule/${SCHEDULE_GROUP}/*`,
          },
        },
      },
    ],
  });
}

/**
 * What the role may do: stop or terminate instances tagged `spawn:managed=true`, nothing else
 * (the stop schedule of an instance whose on-expire/on-idle action keeps its disk).
 */
export function schedulerPolicyDocument(o: { partition: string; accountId: string }): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TerminateSpawnInstancesOnly',
        Effect: 'Allow',
        Action: 'ec2:TerminateInstances',
        Resource: `arn:${o.partition}:ec2:*:${o.accountId}:instance/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${TAG.managed}`]: 'true' } },
      },
      {
        Sid: 'StopSpawnInstancesOnly',
        Effect: 'Allow',
        Action: 'ec2:StopInstances',
        Resource: `arn:${o.partition}:ec2:*:${o.accountId}:instance/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${TAG.managed}`]: 'true' } },
      },
    ],
  };
}
