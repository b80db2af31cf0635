import { UserError } from '../errors/user-error.ts';
import { readAwsErrorFacts } from './_aws-error-facts.ts';
import { type AwsErrorContext, classifyAwsError } from './_aws-error-rules.ts';

export type { AwsErrorContext } from './_aws-error-rules.ts';

/**
 * Maps anything thrown by the AWS SDK (matched on `error.name`, as the SDK documents) to a
 * UserError with a code, a "what happened" message and a "how to fix" hint. UserErrors pass
 * through unchanged; unknown AWS errors become AWS_ERROR keeping the AWS name and message.
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
  return new UserError(t.code, t.message, { hint: t.hint, cause: error, details });
}

/** Awaits `fn` and rethrows any failure as a translated UserError. */
export async function withAwsErrors<T>(fn: () => Promise<T>, context: AwsErrorContext = {}): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateAwsError(error, context);
  }
}
