import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsCall, type StepContext } from '../context.ts';
import type { Account } from '../plan.ts';
import type { Done } from '../step.ts';

/** STS GetCallerIdentity: which account and identity will be billed. */
export async function resolveAccount(ctx: StepContext): Promise<Done<Account>> {
  const out = await awsCall(ctx, 'GetCallerIdentity', (o) =>
    ctx.clients.sts.send(new GetCallerIdentityCommand({}), o),
  );
  const account = { id: out.Account ?? 'unknown', callerArn: out.Arn ?? 'unknown' };
  return { line: `Account ${account.id} (${account.callerArn}), region ${ctx.spec.region}`, value: account };
}
