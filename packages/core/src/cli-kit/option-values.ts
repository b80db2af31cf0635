/**
 * An invalid option value, shaped as commander's InvalidArgumentError (same `code`), so commander
 * prefixes the option name and runMain maps it to exit 2. Core does not depend on commander.
 */
class InvalidOptionValue extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidOptionValue('expected a whole number greater than 0');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidOptionValue('expected a whole number ≥ 0');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidOptionValue('expected a number ≥ 0');
  return n;
}

/** `--timeout SECONDS`: seconds to wait for one AWS response, more than 0 and at most an hour. */
export function timeoutSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600)
    throw new InvalidOptionValue('expected seconds, more than 0 and at most 3600');
  return n;
}

/** `--regions` and `--region` are the same flag. */
export function mergeRegionFlags<T extends { region?: string; regions?: string }>(opts: T): T {
  return opts.regions !== undefined ? { ...opts, region: opts.regions } : opts;
}
