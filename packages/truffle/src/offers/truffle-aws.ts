import type { AwsContext } from '@truffle-spawn/core/aws';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/** The command's AWS context with EC2 and Pricing (abortable by Ctrl-C); `calls()` counts the API calls made. */
export interface TruffleAws {
  get(): Promise<AwsContext>;
  calls(): number;
}

/** `ctx.aws` as search, az and refresh use it: created on first use, its calls countable without awaiting. */
export function truffleAws(ctx: CommandContext): TruffleAws {
  let created: AwsContext | undefined;
  return {
    get: async () => (created ??= await ctx.aws(['ec2', 'pricing'], { abortable: true })),
    calls: () => created?.apiCalls().length ?? 0,
  };
}
