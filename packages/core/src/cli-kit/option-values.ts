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

/** `MIN` or `MIN-MAX`, numbers ≥ 0 (`--vcpus 4-16`, `--memory 8`); a range with MIN above MAX is refused. */
export function numberRange(value: string): { min: number; max?: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$/.exec(value);
  if (!m) throw new InvalidOptionValue('expected MIN or MIN-MAX, e.g. 8 or 4-16');
  const min = Number(m[1]);
  const max = m[2] === undefined ? undefined : Number(m[2]);
  if (max !== undefined && max < min)
    throw new InvalidOptionValue(`MIN (${min}) is larger than MAX (${max})`);
  return max === undefined ? { min } : { min, max };
}

/** A case-insensitive regular expression over instance type names (`--deny 'metal|\.nano$'`). */
export function typeNameRegex(value: string): RegExp {
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    throw new InvalidOptionValue(`not a regular expression: ${(error as Error).message}`);
  }
}
