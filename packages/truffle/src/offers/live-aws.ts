import type { AwsContext } from '@truffle-spawn/core/aws';
import { awsRequestTimeoutMs, type CommandContext } from '@truffle-spawn/core/cli-kit';

/** A lazily created AWS context with only EC2 and Pricing loaded; `calls()` counts API calls made. */
export interface LiveAws {
  get(): Promise<AwsContext>;
  calls(): number;
}

export function liveAws(ctx: CommandContext, region: string | undefined): LiveAws {
  let aws: Promise<AwsContext> | undefined;
  let count = 0;
  return {
    get: () => {
      aws ??= import('@truffle-spawn/core/aws').then(({ createAwsContext }) =>
        createAwsContext({
          env: ctx.io.env,
          homedir: ctx.io.homedir,
          profile: ctx.opts.profile,
          region,
          services: ['ec2', 'pricing'],
          requestTimeoutMs: awsRequestTimeoutMs(ctx.opts),
          signal: ctx.signal,
          onApiCall: (e) => {
            count++;
            if (ctx.opts.debug) {
              ctx.output.info(
                `[aws] ${e.service}.${e.operation} ${e.region} ${e.durationMs}ms${e.ok ? '' : ` ${e.errorName}`}`,
              );
            }
          },
        }),
      );
      return aws;
    },
    calls: () => count,
  };
}
