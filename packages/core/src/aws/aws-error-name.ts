import { isUserError } from '../errors/user-error.ts';

/**
 * The AWS error name behind `error`: the SDK's `name` (`InvalidGroup.Duplicate`,
 * `NoSuchEntityException`), also when the client middleware already translated it into a
 * UserError (whose `details.awsErrorName` keeps it). Undefined for anything else.
 */
export function awsErrorName(error: unknown): string | undefined {
  if (isUserError(error)) {
    const name = error.details?.awsErrorName;
    return typeof name === 'string' ? name : undefined;
  }
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * True when the AWS error behind `error` is one of `names`. A wire code also matches the SDK's
 * exception name for it (`NoSuchEntity` matches `NoSuchEntityException`), as IAM and the
 * Scheduler answer with either depending on the protocol.
 */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  const name = awsErrorName(error);
  return name !== undefined && names.some((n) => name === n || name === `${n}Exception`);
}

/** The HTTP status of the AWS answer behind `error` (translated or not), when there was one. */
export function awsHttpStatus(error: unknown): number | undefined {
  const raw = isUserError(error) ? error.cause : error;
  const status = (raw as { $metadata?: { httpStatusCode?: unknown } } | null | undefined)?.$metadata
    ?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}
