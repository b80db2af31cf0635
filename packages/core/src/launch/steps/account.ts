import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsCall, type StepContext } from '../context.ts';

/** STS GetCallerIdentity: which account and identity will be billed. */
export async function resolveAccount(ctx: StepContext): Promise<string> {
  const out = await awsCall(ctx, 'GetCallerIdentity', (o) =>
    ctx.clients.sts.send(new GetCallerIdentityCommand({}), o),
  );
  ctx.state.accountId = out.Account ?? 'unknown';
  ctx.state.callerArn = out.Arn ?? 'unknown';
  return `Account ${ctx.state.accountId} (${ctx.state.callerArn}), region ${ctx.spec.region}`;
}
