// The few SDK names the ideal clients use, typed here because the repo root (where scripts live)
// has no @aws-sdk dependency to take types from. `send` is left loose on purpose.
type Command = new (input: Record<string, unknown>) => unknown;
export interface Ec2Sdk {
  EC2Client: new (config: {
    region: string;
  }) => {
    send(command: unknown): Promise<Record<string, unknown>>;
    destroy(): void;
  };
  DescribeRegionsCommand: Command;
  DescribeInstanceTypesCommand: Command;
  DescribeInstanceTypeOfferingsCommand: Command;
  DescribeImagesCommand: Command;
  RunInstancesCommand: Command;
  waitUntilInstanceRunning: (
    params: { client: unknown; maxWaitTime: number; minDelay?: number; maxDelay?: number },
    input: { InstanceIds: string[] },
  ) => Promise<{ state: string }>;
}

/** Env var through which an ideal client receives the SDK's absolute path (see `sdkEnv`). */
export const SDK_ENV = 'BENCH_SDK_EC2';

/** Loads @aws-sdk/client-ec2 from the path in BENCH_SDK_EC2 (used inside the ideal clients). */
export async function loadEc2Sdk(): Promise<Ec2Sdk> {
  const path = process.env[SDK_ENV];
  if (!path) throw new Error(`${SDK_ENV} is not set`);
  // Drop the SDK's Node 20 end-of-support notice, as our CLIs' process-io does.
  const emit = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('AWS SDK for JavaScript (v3)'))
      (emit as (...a: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
  return (await import(path)) as Ec2Sdk;
}
