import { RequestServiceQuotaIncreaseCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { isAwsError } from '../aws/aws-error-name.ts';
import { UserError } from '../errors/user-error.ts';

export interface QuotaIncreaseRequest {
  region: string;
  quotaCode: string;
  /** The new total quota in vCPUs (not the increment). */
  desiredVcpus: number;
}

/**
 * Files RequestServiceQuotaIncrease for an EC2 quota (pass the client of `region`). AWS reviews
 * the request (minutes to days); the returned id tracks it in the Service Quotas console.
 */
export async function requestQuotaIncrease(
  sq: ServiceQuotasClient,
  o: QuotaIncreaseRequest,
): Promise<{ requestId: string; status: string }> {
  try {
    const out = await sq.send(
      new RequestServiceQuotaIncreaseCommand({
        ServiceCode: 'ec2',
        QuotaCode: o.quotaCode,
        DesiredValue: o.desiredVcpus,
      }),
    );
    return {
      requestId: out.RequestedQuota?.Id ?? '',
      status: out.RequestedQuota?.Status ?? 'PENDING',
    };
  } catch (error) {
    if (isAwsError(error, 'ResourceAlreadyExists')) {
      throw new UserError(
        'INVALID_STATE',
        `A request to raise ${o.quotaCode} in ${o.region} is already open.`,
        {
          hint: 'Wait for AWS to answer it (Service Quotas console → Quota request history).',
          cause: error,
          details: { region: o.region, quotaCode: o.quotaCode },
        },
      );
    }
    throw error;
  }
}

/** The equivalent AWS CLI line, printed by `--dry-run` so the user can file it themselves. */
export function quotaRequestCliCommand(o: QuotaIncreaseRequest & { profile?: string }): string {
  const profile = o.profile ? ` --profile ${o.profile}` : '';
  return `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${o.quotaCode} --desired-value ${o.desiredVcpus} --region ${o.region}${profile}`;
}
