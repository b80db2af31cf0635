import { UserError } from '../errors/user-error.ts';
import { readAwsErrorFacts } from './_aws-error-facts.ts';
import { type AwsErrorContext, classifyAwsError } from './_aws-error-rules.ts';

export type { AwsErrorContext } from './_aws-error-rules.ts';

/**
 * Maps anything thrown by the AWS SDK (matched on `error.name`, as the SDK documents) to a
 * UserError with a code, a "what happened" message and a "how to fix" hint. Every client of an
 * AwsContext already does this in its middleware (see addAwsErrorTranslation); translating again
 * is harmless: UserErrors pass through unchanged. Unknown AWS errors become AWS_ERROR keeping the
 * AWS name and message; the original error is the `cause` (see awsErrorName).
 */
export function translateAwsError(error: unknown, context: AwsErrorContext = {}): UserError {
  if (error instanceof UserError) return error;
  const facts = readAwsErrorFacts(error);
  const operation = (error as { $operation?: unknown } | null)?.$operation;
  if (!context.operation && typeof operation === 'string') context = { ...context, operation };
  const t = classifyAwsError(facts, context);
  const details = Object.fromEntries(
    Object.entries({
      awsErrorName: facts.name,
      region: context.region,
      operation: context.operation,
      ...t.details,
    }).filter(([, value]) => value !== undefined),
  );
  const translated = new UserError(t.code, t.message, { hint: t.hint, cause: error, details });
  // Kept (not enumerable: not part of the record) so readers of the SDK's `$metadata` still see it.
  const metadata = (error as { $metadata?: unknown } | null)?.$metadata;
  if (metadata !== undefined) Object.defineProperty(translated, '$metadata', { value: metadata });
  return translated;
}

/** Awaits `fn` and rethrows any failure as a translated UserError. */
export async function withAwsErrors<T>(fn: () => Promise<T>, context: AwsErrorContext = {}): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateAwsError(error, context);
  }
}
