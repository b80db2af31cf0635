import { UserError } from '../errors/user-error.ts';

// Partition prefixes vary (us-gov-west-1, cn-north-1, us-isob-east-1): two letters, words, a number.
const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/**
 * Checks that `name` looks like an AWS region code and returns it trimmed.
 * Throws INVALID_REGION (a usage error) for things like `us-east` or `US_EAST_1`.
 */
export function validateRegionName(name: string): string {
  const trimmed = name.trim();
  if (REGION_NAME.test(trimmed)) return trimmed;
  const guess = trimmed.toLowerCase().replaceAll('_', '-').replaceAll(' ', '-');
  const suggestion = guess !== trimmed && REGION_NAME.test(guess) ? `Did you mean ${guess}? ` : '';
  throw new UserError('INVALID_REGION', `"${name}" is not an AWS region name.`, {
    hint: `${suggestion}Region names look like us-east-1 or eu-west-2 (see \`aws ec2 describe-regions\`).`,
    details: { region: name },
  });
}
