import type { z as zod } from 'zod';
import { validateRegionName } from '../aws/region-name.ts';
import { parseDuration } from '../duration.ts';
import { validateSshCidr } from '../launch/build-launch-spec.ts';

/** Defaults from the config file; each key is the flag it stands in for. */
export interface UserDefaults {
  $schema?: string;
  region?: string;
  /** A duration (`8h`) or `off`. */
  ttl?: string;
  'idle-timeout'?: string;
  'ssh-cidr'?: string;
  key?: string;
  tags?: Record<string, string>;
}

/** A validator that runs our own parser and turns its UserError into the issue's message. */
function checkedBy(z: typeof zod, check: (value: string) => unknown) {
  return z.string().superRefine((value, ctx) => {
    try {
      check(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** The file's schema (strict: a misspelt key is an error, not a silently ignored default). */
export function buildConfigSchema(z: typeof zod): zod.ZodType<UserDefaults> {
  return z
    .object({
      $schema: z.string().describe('the JSON Schema of this file, for editors (ignored)').optional(),
      region: checkedBy(z, validateRegionName).describe('default --region').optional(),
      ttl: checkedBy(z, (v) => v === 'off' || parseDuration(v, 'ttl'))
        .describe('default --ttl (a duration such as 8h, or off)')
        .optional(),
      'idle-timeout': checkedBy(z, (v) => parseDuration(v, 'idle-timeout'))
        .describe('default --idle-timeout')
        .optional(),
      'ssh-cidr': checkedBy(z, validateSshCidr).describe('default --ssh-cidr').optional(),
      key: z.string().min(1).describe('default --key (path of the SSH private key)').optional(),
      tags: z
        .record(z.string().min(1).max(128), z.string().max(256))
        .superRefine((tags, ctx) => {
          for (const key of Object.keys(tags)) {
            if (/^(aws|spawn):/i.test(key)) {
              ctx.addIssue({ code: 'custom', path: [key], message: 'aws: and spawn: tag keys are reserved' });
            }
          }
        })
        .describe('tags added to every launch (a --tag of the same key wins)')
        .optional(),
    })
    .strict();
}
