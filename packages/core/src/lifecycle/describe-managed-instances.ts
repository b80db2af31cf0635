import { type EC2Client, type Filter, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { TAG } from '../tags.ts';
import { type ManagedInstance, toManagedInstance } from './managed-instance.ts';

/**
 * Every spawn-managed instance of one region (`tag:spawn:managed=true`); instances without
 * that tag are never returned, so nothing else in the account can be addressed by mistake.
 */
export async function describeManagedInstances(
  ec2: EC2Client,
  region: string,
  o: { instanceIds?: string[] } = {},
): Promise<ManagedInstance[]> {
  const filters: Filter[] = [{ Name: `tag:${TAG.managed}`, Values: ['true'] }];
  if (o.instanceIds) filters.push({ Name: 'instance-id', Values: o.instanceIds });
  const found: ManagedInstance[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) found.push(toManagedInstance(region, instance));
    }
  }
  return found;
}
