import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/** What `--region` asked for: the configured default, `all`, or an explicit list. */
export type RegionRequest = { kind: 'default' } | { kind: 'all' } | { kind: 'list'; regions: string[] };

/**
 * Parses `--region`; bad names are usage errors (exit 2). Core's AWS module is imported only for a
 * list of names: an offline search without --region must not load it (startup-lazy.cjs).
 */
export async function parseRegionFlag(flag: string | undefined): Promise<RegionRequest> {
  if (flag === undefined || flag.trim() === '') return { kind: 'default' };
  if (flag.trim() === 'all') return { kind: 'all' };
  const { validateRegionName } = await import('@truffle-spawn/core/aws');
  const regions = [
    ...new Set(
      flag
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
        .map(validateRegionName),
    ),
  ];
  if (regions.length === 0) throw new UserError('INVALID_REGION', `"${flag}" names no region.`);
  return { kind: 'list', regions };
}

/** The configured default region (flag, env, profile), or undefined when none is configured. */
export async function defaultRegion(ctx: CommandContext): Promise<string | undefined> {
  const env = ctx.io.env;
  const files = [
    env.AWS_CONFIG_FILE || join(ctx.io.homedir, '.aws', 'config'),
    env.AWS_SHARED_CREDENTIALS_FILE || join(ctx.io.homedir, '.aws', 'credentials'),
  ];
  // No env region and no AWS files: nothing to resolve, and no need to load the ini parser.
  if (!env.AWS_REGION && !env.AWS_DEFAULT_REGION && !files.some((f) => existsSync(f))) return undefined;
  try {
    const { resolveRegion } = await import('@truffle-spawn/core/aws');
    return (await resolveRegion({ profile: ctx.opts.profile, env: ctx.io.env, homedir: ctx.io.homedir }))
      .region;
  } catch (error) {
    if (error instanceof UserError && error.code === 'REGION_MISSING') return undefined;
    throw error;
  }
}
