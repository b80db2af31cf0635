import type { LaunchFlags, WaitFor } from '@truffle-spawn/core/launch';

/** Commander's parsed launch options. */
export interface LaunchOptions extends LaunchFlags {
  instanceType?: string;
  region?: string;
  wait?: WaitFor;
  pick?: number;
  tryAll?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}
