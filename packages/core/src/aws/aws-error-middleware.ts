import type { AwsErrorContext } from './_aws-error-rules.ts';
import type { MiddlewareHost } from './api-call-middleware.ts';
import { translateAwsError } from './translate-aws-error.ts';

/**
 * Makes every `send()` on `client` (and so every paginator and waiter over it) fail with a
 * translated UserError: code, message, hint and exit code from the errors table, with the AWS
 * error as `cause` (and its name in `details.awsErrorName`, see {@link awsErrorName}). `where`
 * names the region and profile in messages; the operation comes from the command.
 *
 * The caller's own abort (an `AbortError`, Ctrl-C) is left as it is: it is not an AWS failure,
 * and the binary's signal handling decides its exit code.
 */
export function addAwsErrorTranslation(
  client: MiddlewareHost,
  where: Omit<AwsErrorContext, 'operation'>,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw translateCallError(error, where, context.commandName);
      }
    },
    // Outside the retry middleware (finalizeRequest), so the SDK retries on the raw error first.
    { step: 'initialize', name: 'truffleAwsErrorTranslation', priority: 'high' },
  );
}

/**
 * The same translation for a client without an SDK middleware stack: spawnd's lean EC2 client
 * (`send(action, params)`), or an SDK client whose `send` a test replaced (aws-sdk-client-mock).
 * Returns a view whose `send` rejects with the translated UserError.
 */
export function withAwsErrorTranslation<T extends object>(
  client: T,
  where: Omit<AwsErrorContext, 'operation'>,
): T {
  const sendable = client as unknown as { send(...args: unknown[]): Promise<unknown> };
  const translated = async (command: unknown, ...rest: unknown[]) => {
    try {
      // Looked up per call: a test's mock may replace `send` after this view was made.
      return await sendable.send(command, ...rest);
    } catch (error) {
      const name = typeof command === 'string' ? command : (command as object | null)?.constructor.name;
      throw translateCallError(error, where, name);
    }
  };
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'send' ? translated : Reflect.get(target, key, receiver)),
  });
}

function translateCallError(
  error: unknown,
  where: Omit<AwsErrorContext, 'operation'>,
  commandName: string | undefined,
): unknown {
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return error;
  const operation = commandName?.replace(/Command$/, '');
  return translateAwsError(error, { ...where, ...(operation ? { operation } : {}) });
}
