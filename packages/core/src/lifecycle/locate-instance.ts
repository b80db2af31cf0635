import type { AwsContext } from '../aws/types.ts';
import { UserError } from '../errors/user-error.ts';
import { listManagedInstances } from './list-managed-instances.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { matchInstance } from './match-instance.ts';

/**
 * Finds the instance a command addresses: searches the resolved region (or every region the
 * flag names) and matches by Name tag or id. When every region failed the first error is thrown;
 * otherwise failing regions come back for the caller to warn about.
 */
export async function locateInstance(
  aws: Pick<AwsContext, 'ec2' | 'resolveRegions'>,
  regionFlag: string | undefined,
  query: string,
): Promise<{ instance: ManagedInstance; failed: { region: string; error: UserError }[] }> {
  const regions = await aws.resolveRegions(regionFlag);
  const { instances, failed } = await listManagedInstances((r) => aws.ec2(r), regions);
  const firstFailure = failed[0];
  if (firstFailure && failed.length === regions.length) throw firstFailure.error;
  try {
    return { instance: matchInstance(instances, query, regions), failed };
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'NOT_FOUND' || !firstFailure) throw error;
    const names = failed.map((f) => f.region).join(', ');
    throw new UserError(
      'NOT_FOUND',
      `${error.message} (${names} could not be searched: ${firstFailure.error.message})`,
      {
        hint: error.hint,
        details: error.details,
      },
    );
  }
}
