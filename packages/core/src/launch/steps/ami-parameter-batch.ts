import { GetParametersCommand } from '@aws-sdk/client-ssm';
import { amiParameterNames, type ImageFamily } from '../ami-parameters.ts';
import { awsCall, type StepContext } from '../context.ts';

const FAMILIES: ImageFamily[] = [{ kind: 'plain' }, { kind: 'nvidia' }, { kind: 'neuron' }];

/** Every public image parameter any type may need (7 names; GetParameters takes up to 10). */
export const ALL_AMI_PARAMETER_NAMES = [
  ...new Set(
    FAMILIES.flatMap((family) =>
      (['x86_64', 'arm64'] as const).flatMap((architecture) => amiParameterNames({ architecture, family })),
    ),
  ),
];

/**
 * Every image parameter at once, asked alongside DescribeInstanceTypes instead of after it: which
 * ones the type needs depends on its architecture and accelerator, but all of them fit in one
 * GetParameters, so the image lookup is one round shorter. Name -> AMI id for those that exist;
 * undefined when the call failed (e.g. a policy allowing ssm:GetParameter but not GetParameters):
 * the caller then asks one by one, as before.
 */
export async function prefetchAmiParameters(ctx: StepContext): Promise<Map<string, string> | undefined> {
  try {
    const out = await awsCall(ctx, 'GetParameters', (o) =>
      ctx.clients.ssm.send(new GetParametersCommand({ Names: ALL_AMI_PARAMETER_NAMES }), o),
    );
    if (!out) return undefined;
    return new Map(
      (out.Parameters ?? []).flatMap((p) => (p.Name && p.Value ? [[p.Name, p.Value] as const] : [])),
    );
  } catch (error) {
    if (ctx.signal?.aborted || ctx.cancelled?.aborted) throw error;
    return undefined;
  }
}
